import { HTTPError, TimeoutError as KyTimeoutError } from 'ky'
import {
  AuthenticationError,
  DatamintError,
  type DatamintErrorOptions,
  EntityAlreadyExistsError,
  ItemNotFoundError,
  NetworkError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors.js'
import { retryAfterMs } from './httpClient.js'
import { BodyStalled, readBody } from './readBody.js'
import { parseErrorBody, redact } from './safeJson.js'

/** What a failed request was, for the error message. */
export interface RequestContext {
  method: string
  /** Path relative to the server URL (never the full URL, never the key). */
  path: string
  /** Seconds, for the timeout message. */
  timeout: number
  /** Redacted from anything the server echoes back. */
  apiKey?: string
  /** The entity the request was about: a 404 becomes an {@link ItemNotFoundError} naming it. */
  item?: { type: string; id: string }
}

/** Longest piece of a server error body kept in a message. */
export const MAX_BODY_IN_MESSAGE = 500

/** Longest error body read from the wire (bytes beyond are not read): an error body is for humans. */
const MAX_ERROR_BODY = 64 * 1024

type ErrorClass = new (message: string, options: DatamintErrorOptions) => DatamintError

const REJECTED: [ErrorClass, string] = [
  ValidationError,
  "the server rejected the request's data; fix the fields it names",
]

/** The wire doc's table: error type and what to do, by status (other 5xx: ServerError; the rest: DatamintError). */
const BY_STATUS: Record<number, [ErrorClass, string]> = {
  400: REJECTED,
  401: [AuthenticationError, 'the API key is missing, wrong or expired; check ApiConfig.apiKey'],
  403: [PermissionDeniedError, 'this API key may not do that; ask an admin for access'],
  404: [ItemNotFoundError, 'not found'],
  422: REJECTED,
  429: [RateLimitError, 'too many requests; wait before trying again'],
}

/**
 * Turns what ky or fetch threw (or a failed `Response`) into the library's typed errors. Cancellation is
 * returned unchanged (an `AbortError`), so callers such as React Query recognise it. Nothing the result exposes
 * (message, stack, body, cause, `toJSON`, `util.inspect`) holds the API key.
 */
export async function mapError(error: unknown, ctx: RequestContext): Promise<unknown> {
  if (error instanceof DatamintError || (error as Error | undefined)?.name === 'AbortError') return error
  const { method, path: url, apiKey } = ctx
  const where = `${method} /${url}`
  if (error instanceof Response) return errorFromResponse(error, ctx)
  if (error instanceof HTTPError) return errorFromResponse(error.response, ctx)
  if (error instanceof KyTimeoutError || error instanceof BodyStalled) {
    const what = error instanceof BodyStalled ? 'without data (the body stalled)' : 'waiting for the response'
    return new TimeoutError(
      `${where} timed out after ${ctx.timeout} s ${what}; raise ApiConfig.timeout or check the connection.`,
      { method, url },
    )
  }
  const cause = (error as Error | undefined)?.cause
  const reason = `${(error as Error | undefined)?.message ?? error}${cause instanceof Error ? `: ${cause.message}` : ''}`
  return new NetworkError(
    `${where}: no response (${redact(reason, apiKey)}); check ApiConfig.serverUrl and the network.`,
    { method, url, cause: safeCause(error, apiKey) },
  )
}

/**
 * A copy of a low-level error (and its causes, 3 deep) keeping name, message and code, with the key masked:
 * the original may hold the request and its headers (ky's errors do), which `util.inspect` would print.
 */
function safeCause(error: unknown, apiKey: string | undefined, depth = 0): Error | undefined {
  if (!(error instanceof Error) || depth > 3) return undefined
  const copy = new Error(redact(error.message, apiKey), {
    cause: safeCause(error.cause, apiKey, depth + 1),
  })
  copy.name = error.name
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code })
  copy.stack = `${copy.name}: ${copy.message}`
  return copy
}

/** The typed error for a failed response (status ≥ 400), with the server's body in its message. */
async function errorFromResponse(response: Response, ctx: RequestContext): Promise<DatamintError> {
  const { method, path: url, item, apiKey } = ctx
  const { status, statusText } = response
  const text = await readErrorText(response, ctx.timeout * 1000)
  const body = parseErrorBody(text, apiKey)
  let [Type, hint] =
    BY_STATUS[status] ?? (status >= 500 ? [ServerError, 'try again later'] : [DatamintError, ''])
  if (status === 404 && item) hint = `${item.type} ${JSON.stringify(item.id)} does not exist (or was deleted)`
  if (status === 409 && method === 'POST') {
    Type = EntityAlreadyExistsError
    hint = `${item ? `this ${item.type}` : 'it'} already exists; pass existsOk: true to get the existing one`
  }
  const waitMs = status === 429 ? retryAfterMs(response.headers) : undefined
  const retryAfter = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000)
  if (retryAfter !== undefined) hint = `too many requests; the server asks to wait ${retryAfter} s`
  return new Type(
    `${method} /${url} failed with ${status}${statusText && ` ${redact(statusText, apiKey)}`}${hint && `: ${hint}`}.${serverSays(body, text, apiKey)}`,
    {
      status,
      method,
      url,
      body,
      ...(status === 404 && { itemType: item?.type, itemId: item?.id }),
      ...(status === 429 && { retryAfter }),
    },
  )
}

/** The error body as text, at most {@link MAX_ERROR_BODY} bytes of it; '' when it cannot be read. */
async function readErrorText(response: Response, idleMs: number): Promise<string> {
  try {
    return new TextDecoder().decode(await readBody(response, { idleMs, limit: MAX_ERROR_BODY }))
  } catch {
    return ''
  }
}

/** " Server said: …" with the body's message (or the whole body) shortened and the key removed. */
function serverSays(body: unknown, text: string, apiKey: string | undefined): string {
  if (text.trim() === '') return ''
  let said = text
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>
    const message = [b.message, b.error, b.detail].find((m) => typeof m === 'string')
    said = (message as string | undefined) ?? text
  }
  said = redact(said.trim(), apiKey)
  if (said.length > MAX_BODY_IN_MESSAGE)
    said = `${said.slice(0, MAX_BODY_IN_MESSAGE)}… (${said.length} chars)`
  return ` Server said: ${said}`
}
