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

/**
 * Turns what ky or fetch threw into the library's typed errors (wire doc's table). Cancellation is returned
 * unchanged (an `AbortError`), so callers such as React Query recognise it.
 */
export async function mapError(error: unknown, ctx: RequestContext): Promise<unknown> {
  if (error instanceof DatamintError) return error
  if (isAbortError(error)) return error
  const where = `${ctx.method} /${ctx.path}`
  if (error instanceof KyTimeoutError) {
    return new TimeoutError(
      `${where} timed out after ${ctx.timeout} s. Raise ApiConfig.timeout for slow requests or check the connection.`,
      { method: ctx.method, url: ctx.path },
    )
  }
  if (error instanceof HTTPError || error instanceof RetryableResponse)
    return errorFromResponse(error.response, ctx)
  const reason = error instanceof Error ? describeCause(error) : String(error)
  return new NetworkError(
    `${where}: no response from the server (${redact(reason, ctx.apiKey)}). Check ApiConfig.serverUrl and the network; the request was retried where safe.`,
    { method: ctx.method, url: ctx.path, cause: error },
  )
}

/** True for the standard cancellation error (`DOMException` named `AbortError`). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)
    ? (error as Error).name === 'AbortError'
    : false
}

/** The typed error for a failed response (status ≥ 400), with the server's body in its message. */
export async function errorFromResponse(response: Response, ctx: RequestContext): Promise<DatamintError> {
  const where = `${ctx.method} /${ctx.path}`
  const { status } = response
  const text = await response.text().catch(() => '')
  const body = parseBody(text)
  const said = serverSays(body, text, ctx.apiKey)
  const options: DatamintErrorOptions = { status, method: ctx.method, url: ctx.path, body }
  const head = `${where} failed with ${status}${response.statusText ? ` ${response.statusText}` : ''}`
  const item = ctx.item
  if (status === 401) {
    return new AuthenticationError(
      `${head}: the API key is missing, wrong or expired; check ApiConfig.apiKey.${said}`,
      options,
    )
  }
  if (status === 403) {
    return new PermissionDeniedError(
      `${head}: this API key may not do that; ask an admin for access.${said}`,
      options,
    )
  }
  if (status === 400 || status === 422) {
    return new ValidationError(
      `${head}: the server rejected the request's data; fix the fields it names.${said}`,
      options,
    )
  }
  if (status === 404) {
    const what = item
      ? `${item.type} ${JSON.stringify(item.id)} does not exist (or was deleted)`
      : 'not found'
    return new ItemNotFoundError(`${head}: ${what}.${said}`, {
      ...options,
      itemType: item?.type,
      itemId: item?.id,
    })
  }
  if (status === 409 && ctx.method === 'POST') {
    return new EntityAlreadyExistsError(
      `${head}: ${item ? `this ${item.type}` : 'the entity'} already exists; pass existsOk: true to get the existing one.${said}`,
      options,
    )
  }
  if (status >= 500) {
    return new ServerError(`${head}: the server had a problem; try again later.${said}`, options)
  }
  return new DatamintError(`${head}.${said}`, options)
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
    said = typeof message === 'string' ? message : JSON.stringify(body)
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

function describeCause(error: Error): string {
  const cause = error.cause
  if (cause instanceof Error) return `${error.message}: ${cause.message}`
  return error.message
}
