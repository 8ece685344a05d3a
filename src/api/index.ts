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
export { createLimiter, type Limiter, MAX_IN_FLIGHT, mapSettled } from './concurrency.js'
export {
  type AnnotationFilters,
  type AnnotationPatch,
  AnnotationsApi,
  type DownloadAnnotationOptions,
  type NewAnnotation,
  type NewAnnotationData,
} from './endpoints/AnnotationsApi.js'
export { type ChannelFilters, ChannelsApi } from './endpoints/ChannelsApi.js'
export { DatamintApi } from './endpoints/DatamintApi.js'
export { DatasetsApi } from './endpoints/DatasetsApi.js'
export { type NewProject, type ProjectFilters, ProjectsApi } from './endpoints/ProjectsApi.js'
export {
  type DownloadResourceOptions,
  type NewResource,
  RESOURCE_DELETE_BATCH,
  type ResourceFilters,
  type ResourceOrderField,
  ResourcesApi,
  type UploadResourceOptions,
  uploadTimeout,
} from './endpoints/ResourcesApi.js'
export { type NewUser, UsersApi } from './endpoints/UsersApi.js'
export { type Annotation, annotationSchema } from './entities/Annotation.js'
export { type Channel, type ChannelResourceData, channelSchema } from './entities/Channel.js'
export { type Dataset, datasetSchema } from './entities/Dataset.js'
export { type Project, type ProjectAnnotator, projectSchema } from './entities/Project.js'
export { type Resource, type ResourceStatus, resourceSchema } from './entities/Resource.js'
export { type User, userSchema } from './entities/User.js'
export { CRUDEntityApi } from './entity/CRUDEntityApi.js'
export { CreatableEntityApi, withCreate } from './entity/CreatableEntityApi.js'
export type { Creatable, Deletable, EntityApiClass, MixinClass, Updatable } from './entity/capabilities.js'
export { DeletableEntityApi, withDelete } from './entity/DeletableEntityApi.js'
export { EntityBaseApi } from './entity/EntityBaseApi.js'
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
  ListFilters,
  ListWindow,
  NoFilters,
} from './entity/types.js'
export { UpdatableEntityApi, withUpdate } from './entity/UpdatableEntityApi.js'
export {
  AuthenticationError,
  DatamintError,
  type DatamintErrorOptions,
  EntityAlreadyExistsError,
  FormatError,
  ItemNotFoundError,
  NetworkError,
  PermissionDeniedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors.js'
export type * from './format/ConvertedData.js'
export { convertFormat } from './format/convertFormat.js'
export { detectMimetype } from './format/detectMimetype.js'
export { createHttpClient, defaultRetryDelay, type HttpClientOptions } from './httpClient.js'
export { assertEmail, assertUuid, isUuid } from './ids.js'
export { type ListPage, normalizeList, normalizeListPage } from './normalizeList.js'
export { collectPages, DEFAULT_PAGE_SIZE, type PageWindow } from './pagination.js'
export {
  Field,
  f,
  type Infer,
  ObjectSchema,
  type ObjectSchemaOptions,
  objectSchema,
  type Shape,
} from './schema.js'
