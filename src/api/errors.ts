/** What a {@link DatamintError} knows about the request that failed. */
export interface DatamintErrorOptions {
  status?: number
  method?: string
  /** Path relative to the server URL; never includes the API key. */
  url?: string
  /** The server's error body, parsed when it was JSON. */
  body?: unknown
  cause?: unknown
  /** {@link ValidationError}: the offending field. */
  field?: string
  /** {@link ItemNotFoundError}: what was asked for. */
  itemType?: string
  itemId?: string
  /** {@link FormatError}: why the bytes could not be used. */
  reason?: FormatErrorReason
}

/**
 * Why bytes could not be converted or decoded, for a program to branch on:
 * - `empty`: no bytes at all;
 * - `unsupported`: a format or transfer syntax this library does not handle (or a mimetype it does not know);
 * - `undetectable`: no mimetype given and the content matches no known format;
 * - `corrupt`: the bytes claim a format but are truncated or inconsistent;
 * - `too-large`: the declared sizes exceed a documented limit.
 */
export type FormatErrorReason = 'empty' | 'unsupported' | 'undetectable' | 'corrupt' | 'too-large'

/**
 * The base of every error a user of datamint-react can catch: each carries the
 * HTTP `status` when a response had one, and a message that names the method and path and says what to do.
 * The API key never appears in a message.
 *
 * @example
 * try {
 *   await api.projects.getById(id)
 * } catch (e) {
 *   if (e instanceof ItemNotFoundError) console.log(e.itemType, e.itemId)
 * }
 */
export class DatamintError extends Error {
  override name = 'DatamintError'
  // `declare`: set by the constructor below, not re-initialised by subclasses' field definitions.
  declare readonly status: number | undefined
  declare readonly method: string | undefined
  declare readonly url: string | undefined
  declare readonly body: unknown

  constructor(message: string, { cause, ...fields }: DatamintErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause })
    // Every option but `cause` becomes a field, so subclasses' extra fields (itemType, field, …) need no constructor.
    Object.assign(this, fields)
  }
}

/** 401: the API key is missing, wrong or expired. */
export class AuthenticationError extends DatamintError {
  override name = 'AuthenticationError'
}

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends DatamintError {
  override name = 'PermissionDeniedError'
}

/** 400/422 from the server, a bad argument caught before sending, or a response that does not fit its schema. */
export class ValidationError extends DatamintError {
  override name = 'ValidationError'
  /** Dotted path of the offending field, when one is known (e.g. `resource_count` or `[3].id`). */
  declare readonly field: string | undefined
}

/** 404: the item does not exist (or was deleted). */
export class ItemNotFoundError extends DatamintError {
  override name = 'ItemNotFoundError'
  declare readonly itemType: string | undefined
  declare readonly itemId: string | undefined
}

/** 409 on create: an entity with the same identity exists. Pass `existsOk: true` to get it instead. */
export class EntityAlreadyExistsError extends DatamintError {
  override name = 'EntityAlreadyExistsError'
}

/** 5xx after every retry was spent. */
export class ServerError extends DatamintError {
  override name = 'ServerError'
}

/** No response at all: DNS, refused or reset connection, TLS, CORS. */
export class NetworkError extends DatamintError {
  override name = 'NetworkError'
}

/** A request took longer than `ApiConfig.timeout` seconds. */
export class TimeoutError extends DatamintError {
  override name = 'TimeoutError'
}

/**
 * A bad argument caught before anything was sent: a {@link ValidationError} naming `field`.
 *
 * @example
 * throw badArgument('uploadResource: pass { filename }.', 'filename') // "... No request was sent."
 */
export function badArgument(message: string, field?: string): ValidationError {
  return new ValidationError(`${message} No request was sent.`, { field })
}

/**
 * Bytes that cannot be converted or decoded; `reason` says why.
 *
 * @example
 * try { convertFormat(bytes) } catch (e) { if (e instanceof FormatError && e.reason === 'unsupported') showDownloadLink() }
 */
export class FormatError extends DatamintError {
  override name = 'FormatError'
  declare readonly reason: FormatErrorReason

  constructor(message: string, options: DatamintErrorOptions & { reason: FormatErrorReason }) {
    super(message, options)
  }
}
