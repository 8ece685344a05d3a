/**
 * Entry `datamint-react/testing`: an in-memory Datamint server as msw 2 handlers, for tests (msw/node)
 * and demos (msw/browser). Node-only file loading lives in `datamint-react/testing/node`.
 */
export {
  createDatamintServer,
  type DatamintServer,
  type DatamintServerOptions,
  type Latency,
  type RecordedRequest,
} from './createDatamintServer.js'
export { DatamintDb, type DatamintDbInit } from './DatamintDb.js'
export type {
  AnnotationRecord,
  DatasetRecord,
  ProjectRecord,
  ResourceRecord,
  ResourceStatus,
  StoredFile,
  UserRecord,
} from './entities.js'
export type { FaultMap, FaultSpec } from './FaultInjector.js'
export type {
  InvitationRecord,
  MemberRecord,
  ReviewMessageRecord,
  SplitRecord,
  StatusRecord,
  WorklistRecord,
} from './managementRecords.js'
export { MAX_BULK_DELETE } from './routes/resources.js'
export { SEED_USERS, type SeedOptions } from './seedDatabase.js'
export { fetchSeedFiles, mimetypeFromFilename, type SeedFile } from './seedFiles.js'
