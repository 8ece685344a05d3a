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
  /** {@link ValidationError}: where the bad value came from (default: `'server'` with a status, else `'argument'`). */
  source?: ValidationSource
  /** {@link RateLimitError}: seconds the server asked to wait (`Retry-After`). */
  retryAfter?: number
  /** {@link RedirectError}: the origin of `ApiConfig.serverUrl` and the one the server redirected to. */
  fromOrigin?: string
  toOrigin?: string
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
 * Where the value a {@link ValidationError} complains about came from, for a program to branch on:
 * - `argument`: a value passed to this library, caught before anything was sent;
 * - `server`: the server refused the request's data (400 or 422);
 * - `response`: the server's answer did not fit its schema (`field` names where).
 */
export type ValidationSource = 'argument' | 'server' | 'response'

// Marks our errors so `isDatamintError` recognises them where `instanceof` fails: an error from another realm
// (an iframe) or from another copy of this library (the symbol registry is shared).
const BRAND = Symbol.for('datamint-react.DatamintError')

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
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** What `JSON.stringify(error)` shows: the name, message and fields (the message and body never hold the key). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message }
    for (const [k, v] of Object.entries(this)) if (v !== undefined && k !== 'name') out[k] = v
    return out
  }
}

/**
 * True for every error this library throws (any {@link DatamintError} subclass), also for one created in another
 * realm or by another copy of the library, where `instanceof` fails: it checks the class name and a
 * `Symbol.for` brand, as ky's `isHTTPError` does.
 *
 * @example
 * try { await api.projects.getAll() } catch (e) { if (isDatamintError(e) && e.status === 401) signIn() else throw e }
 */
export function isDatamintError(error: unknown): error is DatamintError {
  if (error instanceof DatamintError) return true
  if (typeof error !== 'object' || error === null) return false
  const e = error as { [BRAND]?: unknown; name?: unknown }
  return e[BRAND] === true && typeof e.name === 'string' && e.name.endsWith('Error')
}

/** 401: the API key is missing, wrong or expired. */
export class AuthenticationError extends DatamintError {
  override name = 'AuthenticationError'
}

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends DatamintError {
  override name = 'PermissionDeniedError'
}

/**
 * 400/422 from the server, a bad argument caught before sending, or a response that does not fit its schema:
 * `source` says which.
 *
 * @example
 * if (e instanceof ValidationError && e.source === 'response') report(e.field)
 */
export class ValidationError extends DatamintError {
  override name = 'ValidationError'
  /** Dotted path of the offending field, when one is known (e.g. `resource_count` or `[3].id`). */
  declare readonly field: string | undefined
  /** Where the bad value came from: see {@link ValidationSource}. */
  declare readonly source: ValidationSource

  constructor(message: string, options: DatamintErrorOptions = {}) {
    super(message, { source: options.status === undefined ? 'argument' : 'server', ...options })
  }
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

/**
 * 429: the server asks to slow down. `retryAfter` is the wait it asked for, in seconds, when it said so
 * (`Retry-After`). Idempotent calls were already retried within their waiting budget (see `ApiConfig.timeout`).
 *
 * @example
 * if (e instanceof RateLimitError) setTimeout(retry, (e.retryAfter ?? 60) * 1000)
 */
export class RateLimitError extends DatamintError {
  override name = 'RateLimitError'
  declare readonly retryAfter: number | undefined
}

/**
 * The server redirected to another origin. The request was not followed there, so the API key never left
 * `ApiConfig.serverUrl`'s origin. `toOrigin` is undefined in browsers, which hide where a redirect goes.
 */
export class RedirectError extends DatamintError {
  override name = 'RedirectError'
  declare readonly fromOrigin: string | undefined
  declare readonly toOrigin: string | undefined
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
  return new ValidationError(`${message} No request was sent.`, { field, source: 'argument' })
}

/**
 * A server answer that does not fit what was expected: a {@link ValidationError} with `source: 'response'`.
 *
 * @example
 * throw badResponse('POST /annotations: expected an id per annotation.', '[2].id')
 */
export function badResponse(message: string, field?: string, body?: unknown): ValidationError {
  return new ValidationError(message, { field, body, source: 'response' })
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
