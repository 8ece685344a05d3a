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
export { MAX_IN_FLIGHT, mapSettled } from './concurrency.js'
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
