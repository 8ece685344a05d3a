export { ApiConfig, type ApiConfigInit } from './ApiConfig.js'
export {
  BaseApi,
  type HttpMethod,
  type PaginateBodyOptions,
  type PaginateOptions,
  type RequestOptions,
  type SearchParams,
  type TransferProgress,
} from './BaseApi.js'
export { type BulkFailure, BulkOperationError } from './BulkOperationError.js'
export { CRUDEntityApi } from './crud/CRUDEntityApi.js'
export { CreatableEntityApi, withCreate } from './crud/CreatableEntityApi.js'
export type {
  Creatable,
  Deletable,
  EntityApiArgs,
  EntityApiClass,
  MixinClass,
  Patchable,
} from './crud/capabilities.js'
export { DeletableEntityApi, withDelete } from './crud/DeletableEntityApi.js'
export { EntityBaseApi } from './crud/EntityBaseApi.js'
export { PatchableEntityApi, UpdatableEntityApi, withPatch } from './crud/PatchableEntityApi.js'
export type {
  CallOptions,
  CreateInputOf,
  CreateOptions,
  EntityDefinition,
  EntityOf,
  EntityParser,
  EntitySchemaLike,
  EntityTypes,
  FiltersOf,
  InputOf,
  ListFilters,
  ListOptions,
  ListWindow,
  NoFilters,
  Page,
  PageFilters,
  PatchInputOf,
} from './crud/types.js'
export {
  type AnnotationFilters,
  type AnnotationPatch,
  type AnnotationSourceOptions,
  AnnotationsApi,
  type DownloadAnnotationOptions,
  type GeometryAnnotationOptions,
  groupByResource,
  type NewAnnotation,
  type NewAnnotationData,
  type Prediction,
  type UploadSegmentationsOptions,
  type UploadVolumeSegmentationOptions,
} from './endpoints/AnnotationsApi.js'
export {
  AnnotationWorklistsApi,
  type NewAnnotationWorklist,
  type SegmentationData,
  type SegmentationDefinition,
  type SegmentationItem,
  type SetAnnotatorOptions,
  type UploadFile,
  type WorklistAnnotationsOptions,
  type WorklistFilters,
} from './endpoints/AnnotationWorklistsApi.js'
export { type ChannelFilters, ChannelsApi } from './endpoints/ChannelsApi.js'
export { DatamintApi } from './endpoints/DatamintApi.js'
export {
  type DatasetDownloadFormat,
  type DatasetDownloadOptions,
  type DatasetResourcesChange,
  DatasetsApi,
} from './endpoints/DatasetsApi.js'
export {
  type GetByNameOptions,
  type MemberRef,
  type NewProject,
  type ProjectFilters,
  ProjectsApi,
  type ResourceRefs,
  type ReviewMessageFilters,
  type SplitFilters,
} from './endpoints/ProjectsApi.js'
export {
  type DownloadResourceFilesOptions,
  type DownloadResourceOptions,
  type NewResource,
  type ResourceFilters,
  type ResourceOrderField,
  ResourcesApi,
  type UploadResourceOptions,
} from './endpoints/ResourcesApi.js'
export { type InviteOptions, type NewUser, type UserChange, UsersApi } from './endpoints/UsersApi.js'
export type { AnnotationStatusFilters, DownloadAnnotationsOptions } from './endpoints/workflow.js'
export {
  AuthenticationError,
  DatamintError,
  type DatamintErrorOptions,
  EntityAlreadyExistsError,
  FormatError,
  type FormatErrorReason,
  ItemNotFoundError,
  isDatamintError,
  NetworkError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ValidationSource,
} from './errors.js'
export type * from './format/ConvertedData.js'
export { convertFormat } from './format/convertFormat.js'
export { maxDecodedBytes, setMaxDecodedBytes } from './format/decodedSizeLimit.js'
export { detectMimetype } from './format/detectMimetype.js'
export { createHttpClient, type HttpClientOptions } from './httpClient.js'
export type { Annotation } from './models/Annotation.js'
export type { AnnotationStatus, AnnotationStatusValue, WorkStatus } from './models/AnnotationStatus.js'
export type { AnnotationSpec, AnnotationWorklist, WorklistAnnotator } from './models/AnnotationWorklist.js'
export * from './models/annotationKinds.js'
export type { Channel, ChannelResourceData } from './models/Channel.js'
export type { Dataset } from './models/Dataset.js'
export type { Invitation } from './models/Invitation.js'
export type { Project, ProjectAnnotator } from './models/Project.js'
export type { ProjectMember } from './models/ProjectMember.js'
export type { ProjectResourceSplit } from './models/ProjectResourceSplit.js'
export type { AnnotatorStats, AnnotatorStatus, ReviewMessage } from './models/ProjectStats.js'
export type { Resource, ResourceStatus } from './models/Resource.js'
export type { User } from './models/User.js'
export type { ListPage } from './normalizeList.js'
export {
  type Conformer,
  type Field,
  field,
  type Infer,
  type ObjectSchema,
  type ObjectSchemaOptions,
  objectSchema,
  type Shape,
} from './schema.js'
export * from './upload/index.js'
