import { isHTTPError, type KyInstance, type Progress } from 'ky'
import type { ApiConfig } from './ApiConfig.js'
import { DatamintError, RedirectError } from './errors.js'
import type { ConvertedData } from './format/ConvertedData.js'
import { convertFormat } from './format/convertFormat.js'
import { createHttpClient, retryFor } from './httpClient.js'
import { mapError, type RequestContext } from './mapError.js'
import { normalizeListPage } from './normalizeList.js'
import { collectPages, type PageWindow } from './pagination.js'
import { readBody } from './readBody.js'
import { parseAnswer } from './safeJson.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

/** Query parameters; `undefined` and `null` are dropped. */
export type SearchParams = Record<string, string | number | boolean | undefined | null>

/** Progress of a download or upload; `fraction` and `totalBytes` are undefined when the size is unknown. */
export interface TransferProgress {
  fraction: number | undefined
  transferredBytes: number
  totalBytes: number | undefined
}

export interface RequestOptions {
  searchParams?: SearchParams
  /** JSON body. */
  json?: unknown
  /** Any other body, e.g. `FormData` for uploads. */
  body?: BodyInit
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Lets the request outlive the page (fetch `keepalive`): for a write sent while the tab closes. */
  keepalive?: boolean
  /** Seconds this request may take instead of `ApiConfig.timeout` (uploads: see `uploadTimeout`). */
  timeout?: number
  onDownloadProgress?: (progress: TransferProgress) => void
  onUploadProgress?: (progress: TransferProgress) => void
  /** The entity the request is about: a 404 then becomes an `ItemNotFoundError` naming it. */
  item?: { type: string; id: string }
}

export interface PaginateOptions extends PageWindow {
  searchParams?: SearchParams
  signal?: AbortSignal
  /** Field that holds the items in the nested list shape; default: the last segment of `path`. */
  itemsKey?: string
}

export interface PaginateBodyOptions extends PageWindow {
  signal?: AbortSignal
  itemsKey?: string
}

/**
 * HTTP core shared by every API class: one ky instance (auth headers, timeout, retries), typed errors,
 * JSON/bytes responses and pagination.
 *
 * @example
 * class HealthApi extends BaseApi {
 *   ping(options?: { signal?: AbortSignal }) { return this.requestJson('GET', 'health', options) }
 * }
 */
export class BaseApi {
  readonly config: ApiConfig
  /** One per `DatamintApi`, shared by all its entity APIs. */
  readonly client: KyInstance

  constructor(config: ApiConfig, client?: KyInstance) {
    this.config = config
    this.client = client ?? createHttpClient(config)
  }

  /**
   * Turns downloaded bytes into typed data (DICOM, image, video, NIfTI, JSON or bytes); see `convertFormat`.
   *
   * @example
   * const data = BaseApi.convertFormat(bytes, 'application/dicom') // { kind: 'dicom', rows, columns, ... }
   */
  static convertFormat(bytes: Uint8Array | ArrayBuffer, mimetype?: string): ConvertedData {
    return convertFormat(bytes, mimetype)
  }

  /**
   * The HTTP status behind an error (ours, ky's `HTTPError` or any `{ status }` / `{ response: { status } }`).
   *
   * @example
   * BaseApi.getStatusCode(new ItemNotFoundError('…', { status: 404 })) // 404
   */
  static getStatusCode(error: unknown): number | undefined {
    if (error instanceof DatamintError) return error.status
    if (isHTTPError(error)) return error.response.status
    // Other libraries' errors: a numeric `status`, or a `response` carrying one.
    const e = error as { status?: unknown; response?: { status?: unknown } } | null | undefined
    for (const status of [e?.status, e?.response?.status]) if (typeof status === 'number') return status
    return undefined
  }

  /**
   * Sends a request and returns the response (its body not read yet); failures become the typed errors of
   * `errors.ts`. Only the wait for the headers is bounded by the timeout here: read the body with a bound of
   * your own (`requestJson` and `requestBytes` do).
   */
  protected request(method: HttpMethod, path: string, options?: RequestOptions): Promise<Response> {
    return this.#send(method, path, options, undefined, (response) => response)
  }

  /**
   * Sends a request and parses the JSON answer; an empty body gives `undefined`, a non-JSON body its text.
   * Keys `__proto__`, `constructor` and `prototype` are dropped; JSON nested deeper than 500 levels is a
   * `ValidationError` (`source: 'response'`).
   */
  protected requestJson<T = unknown>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T> {
    return this.#send(method, path, options, 'application/json', async (response, ctx) => {
      const bytes = await readBody(response, { idleMs: ctx.timeout * 1000 })
      return parseAnswer(new TextDecoder().decode(bytes), `${method} /${ctx.path}`) as T
    })
  }

  /** Sends a request and returns the raw bytes with the response's mimetype (parameters stripped). */
  protected requestBytes(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<{ bytes: Uint8Array; mimetype: string | undefined }> {
    return this.#send(method, path, options, 'application/octet-stream', async (response, ctx) => ({
      bytes: await readBody(response, {
        idleMs: ctx.timeout * 1000,
        onProgress: options?.onDownloadProgress,
      }),
      mimetype: response.headers.get('content-type')?.split(';')[0].trim().toLowerCase() || undefined,
    }))
  }

  /**
   * GET `path?offset=…&limit=…` page by page (see `collectPages`) and returns the items of every page,
   * normalised from any of the server's list shapes but not yet validated.
   */
  protected paginate(path: string, options: PaginateOptions = {}): Promise<unknown[]> {
    return this.#pages('GET', path, options, (offset, limit) => ({
      searchParams: { ...options.searchParams, offset, limit },
    }))
  }

  /** POST search with `offset`/`limit` in the JSON body (as strings, like the Python SDK). */
  protected paginateBody(
    path: string,
    body: Record<string, unknown>,
    options: PaginateBodyOptions = {},
  ): Promise<unknown[]> {
    return this.#pages('POST', path, options, (offset, limit) => ({
      json: { ...body, offset: String(offset), limit: String(limit) },
    }))
  }

  #pages(
    method: HttpMethod,
    path: string,
    options: PaginateBodyOptions,
    page: (offset: number, limit: number) => RequestOptions,
  ): Promise<unknown[]> {
    const key = options.itemsKey ?? path.split('?')[0].split('/').filter(Boolean).pop() ?? ''
    return collectPages(async (offset, limit) => {
      const raw = await this.requestJson(method, path, { ...page(offset, limit), signal: options.signal })
      return normalizeListPage(raw, key, `${method} /${trimSlashes(path)}`)
    }, options)
  }

  /**
   * The one request path: sends, follows same-origin redirects, turns a failed status into a typed error, and
   * reads the body with `read` inside the same `try`, since reading can still fail (reset, abort, stall).
   */
  async #send<R>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
    accept: string | undefined,
    read: (response: Response, ctx: RequestContext) => R | Promise<R>,
  ): Promise<R> {
    const relative = trimSlashes(path)
    const timeout = options.timeout ?? this.config.timeout
    const ctx: RequestContext = {
      method,
      path: relative,
      timeout,
      apiKey: this.config.apiKey,
      item: options.item,
    }
    const { signal, onUploadProgress, searchParams: params } = options
    try {
      let response = await this.client(relative, {
        method,
        // ky drops `undefined` query values itself, `null` ones not.
        searchParams:
          params &&
          (Object.fromEntries(Object.entries(params).filter(([, v]) => v != null)) as Record<string, string>),
        json: options.json,
        body: options.body,
        headers: accept ? { accept, ...options.headers } : options.headers,
        signal,
        ...(options.keepalive && { keepalive: true }),
        // Only when given: ky's merge lets an explicit `undefined` replace the client's timeout.
        ...(options.timeout && { timeout: options.timeout * 1000 }),
        retry: retryFor(this.client, timeout * 1000),
        ...noRedirects,
        onUploadProgress: onUploadProgress && toKyProgress(onUploadProgress),
      })
      for (let hops = 0; isRedirect(response.status) || response.type === 'opaqueredirect'; hops++) {
        response = await this.#follow(response, hops, method, options, accept, ctx)
      }
      // A client built with `throwHttpErrors: false` hands failures back as responses; mapError reads them.
      if (!response.ok) throw response
      return await read(response, ctx)
    } catch (error) {
      // A cancelled request surfaces as the caller's abort reason (a DOMException named AbortError by default),
      // so React Query and other callers recognise the cancellation.
      if (signal?.aborted) throw signal.reason ?? error
      throw await mapError(error, ctx)
    }
  }

  /**
   * Follows one redirect when it stays on `serverUrl`'s origin (the key goes nowhere else): 303, and 301/302
   * after a POST, become a GET without body, as browsers do; 307/308 repeat the method and body.
   */
  async #follow(
    response: Response,
    hops: number,
    method: HttpMethod,
    options: RequestOptions,
    accept: string | undefined,
    ctx: RequestContext,
  ): Promise<Response> {
    response.body?.cancel().catch(() => {})
    const from = new URL(this.config.serverUrl).origin
    const where = `${method} /${ctx.path}`
    const refuse = (message: string, toOrigin?: string) =>
      new RedirectError(`${where}: ${message}`, {
        status: response.status || undefined,
        method,
        url: ctx.path,
        fromOrigin: from,
        toOrigin,
      })
    if (response.type === 'opaqueredirect') {
      throw refuse(
        `the server redirected, and the browser does not say where; not followed, so the API key is not sent ` +
          `elsewhere. Set ApiConfig.serverUrl to the address the API is really served from.`,
      )
    }
    const location = response.headers.get('location')
    let target: URL
    try {
      target = new URL(location ?? '', response.url || `${this.config.serverUrl}/${ctx.path}`)
    } catch {
      throw refuse(`the server redirected (${response.status}) to an invalid location.`)
    }
    if (location === null) throw refuse(`the server redirected (${response.status}) without a location.`)
    if (target.origin !== from) {
      throw refuse(
        `the server redirected (${response.status}) from ${from} to ${target.origin}; not followed, so the API ` +
          `key is not sent there. Set ApiConfig.serverUrl to the address the API is really served from.`,
        target.origin,
      )
    }
    if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects; not followed.`, from)
    const toGet = response.status === 303 || (method === 'POST' && response.status <= 302)
    return this.client(target.href, {
      prefixUrl: '',
      method: toGet ? 'GET' : method,
      json: toGet ? undefined : options.json,
      body: toGet ? undefined : options.body,
      headers: accept ? { accept, ...options.headers } : options.headers,
      signal: options.signal,
      ...(options.keepalive && { keepalive: true }),
      ...(options.timeout && { timeout: options.timeout * 1000 }),
      retry: retryFor(this.client, ctx.timeout * 1000),
      ...noRedirects,
    })
  }
}

/** Most redirects one call follows (all on the server's origin). */
const MAX_REDIRECTS = 5

const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304

// fetch never follows a redirect (also with a client not made by createHttpClient); ky hands redirects back as
// responses (`#follow` reads them), including a browser's opaque one (status 0).
const noRedirects = {
  redirect: 'manual',
  throwHttpErrors: (status: number) => status !== 0 && !isRedirect(status),
} as const

function toKyProgress(callback: (progress: TransferProgress) => void): (progress: Progress) => void {
  return ({ transferredBytes, totalBytes }) =>
    callback({
      transferredBytes,
      totalBytes: totalBytes > 0 ? totalBytes : undefined,
      fraction: totalBytes > 0 ? Math.min(1, transferredBytes / totalBytes) : undefined,
    })
}

const trimSlashes = (path: string): string => path.replace(/^\/+/, '')
