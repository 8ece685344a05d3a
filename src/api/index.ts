export { ApiConfig, type ApiConfigInit } from './ApiConfig.js'
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
