import {
  AuthenticationError,
  DatamintError,
  type DatamintErrorOptions,
  EntityAlreadyExistsError,
  FormatError,
  ItemNotFoundError,
  NetworkError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../api/errors.js'

/** An error as it crosses a worker boundary: structured-cloneable, enough to rebuild the same class. */
export type SerializedError =
  | {
      error: true
      name: string
      message: string
      stack?: string
      fields: DatamintErrorOptions
      cause?: SerializedError
    }
  /** Something thrown that is not an Error (Emscripten throws numbers and strings). */
  | { error: false; value: string | number | boolean | null | undefined }

// FormatError's options need a reason: rebuilt errors always pass the one they were sent with.
const CLASSES = {
  DatamintError,
  AuthenticationError,
  PermissionDeniedError,
  ValidationError,
  ItemNotFoundError,
  EntityAlreadyExistsError,
  RateLimitError,
  RedirectError,
  ServerError,
  NetworkError,
  TimeoutError,
  FormatError,
} as Record<string, new (message: string, options?: DatamintErrorOptions) => DatamintError>

// The DatamintError fields that are plain data (body may hold anything JSON parsed).
const FIELDS = [
  'status',
  'method',
  'url',
  'body',
  'field',
  'source',
  'retryAfter',
  'fromOrigin',
  'toOrigin',
  'itemType',
  'itemId',
  'reason',
] as const

/** Turns anything thrown into a structured-cloneable description. */
export function serializeError(thrown: unknown, depth = 0): SerializedError {
  if (!(thrown instanceof Error)) {
    const primitive = thrown === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof thrown)
    return { error: false, value: primitive ? (thrown as string) : String(thrown) }
  }
  const fields: DatamintErrorOptions = {}
  const record = thrown as unknown as Record<string, unknown>
  for (const key of FIELDS) {
    if (record[key] !== undefined) (fields as Record<string, unknown>)[key] = record[key]
  }
  const cause = thrown.cause !== undefined && depth < 3 ? serializeError(thrown.cause, depth + 1) : undefined
  return { error: true, name: thrown.name, message: thrown.message, stack: thrown.stack, fields, cause }
}

/**
 * Rebuilds what {@link serializeError} described: a DatamintError subclass (FormatError with its `reason`,
 * …) as the same class with the same fields; another Error as an Error with its name; a primitive as itself.
 */
export function deserializeError(serialized: SerializedError): unknown {
  if (!serialized.error) return serialized.value
  const cause = serialized.cause ? deserializeError(serialized.cause) : undefined
  const Class = CLASSES[serialized.name]
  let error: Error
  if (Class) error = new Class(serialized.message, { ...serialized.fields, cause })
  else {
    error = new Error(serialized.message, cause === undefined ? undefined : { cause })
    error.name = serialized.name
  }
  // The worker's stack says where it really failed.
  if (serialized.stack) error.stack = serialized.stack
  return error
}
