import type { KyInstance, Progress } from 'ky'
import type { ApiConfig } from './ApiConfig.js'
import type { ConvertedData } from './format/ConvertedData.js'
import { convertFormat } from './format/convertFormat.js'
import { createHttpClient } from './httpClient.js'
import { mapError, parseBody, type RequestContext } from './mapError.js'
import { normalizeListPage } from './normalizeList.js'
import { collectPages, type PageWindow } from './pagination.js'

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
    const e = error as { status?: unknown; response?: { status?: unknown } } | null | undefined
    for (const status of [e?.status, e?.response?.status]) if (typeof status === 'number') return status
    return undefined
  }

  /** Sends a request and returns the response; failures become the typed errors of `errors.ts`. */
  protected request(method: HttpMethod, path: string, options?: RequestOptions): Promise<Response> {
    return this.#send(method, path, options, undefined, (response) => response)
  }

  /** Sends a request and parses the JSON answer; an empty body gives `undefined`, a non-JSON body its text. */
  protected requestJson<T = unknown>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T> {
    return this.#send(method, path, options, 'application/json', async (r) => parseBody(await r.text()) as T)
  }

  /** Sends a request and returns the raw bytes with the response's mimetype (parameters stripped). */
  protected requestBytes(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<{ bytes: Uint8Array; mimetype: string | undefined }> {
    return this.#send(method, path, options, 'application/octet-stream', async (response) => ({
      bytes: new Uint8Array(await response.arrayBuffer()),
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
   * The one request path: sends, turns a failed status into a typed error, and reads the body with `read`
   * inside the same `try`, since reading can still fail (reset, abort, timeout mid-stream).
   */
  async #send<R>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
    accept: string | undefined,
    read: (response: Response) => R | Promise<R>,
  ): Promise<R> {
    const relative = trimSlashes(path)
    const ctx: RequestContext = {
      method,
      path: relative,
      timeout: options.timeout ?? this.config.timeout,
      apiKey: this.config.apiKey,
      item: options.item,
    }
    const { signal, timeout, onDownloadProgress, onUploadProgress, searchParams: params } = options
    try {
      const response = await this.client(relative, {
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
        ...(timeout && { timeout: timeout * 1000 }),
        onDownloadProgress: onDownloadProgress && toKyProgress(onDownloadProgress),
        onUploadProgress: onUploadProgress && toKyProgress(onUploadProgress),
      })
      // A client built with `throwHttpErrors: false` hands failures back as responses; mapError reads them.
      if (!response.ok) throw response
      return await read(response)
    } catch (error) {
      // A cancelled request surfaces as the caller's abort reason (a DOMException named AbortError by default),
      // so React Query and other callers recognise the cancellation.
      if (signal?.aborted) throw signal.reason ?? error
      throw await mapError(error, ctx)
    }
  }
}

function toKyProgress(callback: (progress: TransferProgress) => void): (progress: Progress) => void {
  return ({ transferredBytes, totalBytes }) =>
    callback({
      transferredBytes,
      totalBytes: totalBytes > 0 ? totalBytes : undefined,
      fraction: totalBytes > 0 ? Math.min(1, transferredBytes / totalBytes) : undefined,
    })
}

const trimSlashes = (path: string): string => path.replace(/^\/+/, '')
