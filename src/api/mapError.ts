import { HTTPError, TimeoutError as KyTimeoutError } from 'ky'
import {
  AuthenticationError,
  DatamintError,
  type DatamintErrorOptions,
  EntityAlreadyExistsError,
  ItemNotFoundError,
  NetworkError,
  PermissionDeniedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors.js'
import { RetryableResponse } from './httpClient.js'

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
}

/**
 * Turns what ky or fetch threw (or a failed `Response`) into the library's typed errors. Cancellation is
 * returned unchanged (an `AbortError`), so callers such as React Query recognise it.
 */
export async function mapError(error: unknown, ctx: RequestContext): Promise<unknown> {
  if (error instanceof DatamintError || (error as Error | undefined)?.name === 'AbortError') return error
  const { method, path: url, apiKey } = ctx
  const where = `${method} /${url}`
  if (error instanceof Response) return errorFromResponse(error, ctx)
  if (error instanceof HTTPError || error instanceof RetryableResponse) {
    return errorFromResponse(error.response, ctx)
  }
  if (error instanceof KyTimeoutError) {
    return new TimeoutError(
      `${where} timed out after ${ctx.timeout} s; raise ApiConfig.timeout or check the connection.`,
      { method, url },
    )
  }
  const cause = (error as Error | undefined)?.cause
  const reason = `${(error as Error | undefined)?.message ?? error}${cause instanceof Error ? `: ${cause.message}` : ''}`
  return new NetworkError(
    `${where}: no response (${redact(reason, apiKey)}); check ApiConfig.serverUrl and the network.`,
    { method, url, cause: error },
  )
}

/** The typed error for a failed response (status ≥ 400), with the server's body in its message. */
async function errorFromResponse(response: Response, ctx: RequestContext): Promise<DatamintError> {
  const { method, path: url, item } = ctx
  const { status, statusText } = response
  const text = await response.text().catch(() => '')
  const body = parseBody(text)
  let [Type, hint] =
    BY_STATUS[status] ?? (status >= 500 ? [ServerError, 'try again later'] : [DatamintError, ''])
  if (status === 404 && item) hint = `${item.type} ${JSON.stringify(item.id)} does not exist (or was deleted)`
  if (status === 409 && method === 'POST') {
    Type = EntityAlreadyExistsError
    hint = `${item ? `this ${item.type}` : 'it'} already exists; pass existsOk: true to get the existing one`
  }
  return new Type(
    `${method} /${url} failed with ${status}${statusText && ` ${statusText}`}${hint && `: ${hint}`}.${serverSays(body, text, ctx.apiKey)}`,
    { status, method, url, body, ...(status === 404 && { itemType: item?.type, itemId: item?.id }) },
  )
}

/** A response body as JSON, or as text when it is not JSON; `undefined` when empty. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** " Server said: …" with the body's message (or the whole body) shortened and the key removed. */
function serverSays(body: unknown, text: string, apiKey: string | undefined): string {
  if (text.trim() === '') return ''
  let said = text
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>
    const message = [b.message, b.error, b.detail].find((m) => typeof m === 'string')
    said = (message as string | undefined) ?? JSON.stringify(body)
  }
  said = redact(said.trim(), apiKey)
  if (said.length > MAX_BODY_IN_MESSAGE)
    said = `${said.slice(0, MAX_BODY_IN_MESSAGE)}… (${said.length} chars)`
  return ` Server said: ${said}`
}

/** Masks the key in text the server echoed. Very short "keys" are left alone: masking them would garble words. */
function redact(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 8 ? text.split(apiKey).join('***') : text
}
