import { HTTPError, type KyInstance, type Options as KyOptions, type Progress } from 'ky'
import type { ApiConfig } from './ApiConfig.js'
import { DatamintError } from './errors.js'
import type { ConvertedData } from './format/ConvertedData.js'
import { convertFormat } from './format/convertFormat.js'
import { createHttpClient } from './httpClient.js'
import { errorFromResponse, mapError, parseBody, type RequestContext } from './mapError.js'
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
   * The HTTP status behind an error, if it had one.
   *
   * @example
   * BaseApi.getStatusCode(new ItemNotFoundError('…', { status: 404 })) // 404
   */
  static getStatusCode(error: unknown): number | undefined {
    if (error instanceof DatamintError) return error.status
    if (error instanceof HTTPError) return error.response.status
    if (typeof error === 'object' && error !== null) {
      const e = error as { status?: unknown; response?: { status?: unknown } }
      if (typeof e.status === 'number') return e.status
      if (typeof e.response?.status === 'number') return e.response.status
    }
    return undefined
  }

  /** Sends a request and returns the response; failures become the typed errors of `errors.ts`. */
  protected async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<Response> {
    const relative = trimSlashes(path)
    const init: KyOptions = {
      method,
      searchParams: cleanParams(options.searchParams),
      json: options.json,
      body: options.body,
      headers: options.headers,
      signal: options.signal,
      ...(options.keepalive && { keepalive: true }),
      // Only when given: ky's merge lets an explicit `undefined` replace the client's timeout.
      ...(options.timeout && { timeout: options.timeout * 1000 }),
      onDownloadProgress: options.onDownloadProgress && toKyProgress(options.onDownloadProgress),
      onUploadProgress: options.onUploadProgress && toKyProgress(options.onUploadProgress),
    }
    try {
      const response = await this.client(relative, init)
      // A client built with `throwHttpErrors: false` hands failures back as responses.
      if (!response.ok) throw await errorFromResponse(response, this.context(method, relative, options))
      return response
    } catch (error) {
      // A cancelled request surfaces as the caller's abort reason (a DOMException named AbortError by default),
      // so React Query and other callers recognise the cancellation.
      if (options.signal?.aborted) throw options.signal.reason ?? error
      throw await mapError(error, this.context(method, relative, options))
    }
  }

  /** Sends a request and parses the JSON answer; an empty body gives `undefined`, a non-JSON body its text. */
  protected async requestJson<T = unknown>(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<T> {
    const response = await this.request(method, path, {
      ...options,
      headers: { accept: 'application/json', ...options?.headers },
    })
    return parseBody(await this.readBody(method, path, () => response.text(), options)) as T
  }

  /** Sends a request and returns the raw bytes with the response's mimetype (parameters stripped). */
  protected async requestBytes(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<{ bytes: Uint8Array; mimetype: string | undefined }> {
    const response = await this.request(method, path, {
      ...options,
      headers: { accept: 'application/octet-stream', ...options?.headers },
    })
    const buffer = await this.readBody(method, path, () => response.arrayBuffer(), options)
    const type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase()
    return { bytes: new Uint8Array(buffer), mimetype: type || undefined }
  }

  /**
   * GET `path?offset=…&limit=…` page by page (see `collectPages`) and returns the items of every page,
   * normalised from any of the server's list shapes but not yet validated.
   */
  protected paginate(path: string, options: PaginateOptions = {}): Promise<unknown[]> {
    const key = options.itemsKey ?? lastSegment(path)
    return collectPages(async (offset, limit) => {
      const raw = await this.requestJson('GET', path, {
        searchParams: { ...options.searchParams, offset, limit },
        signal: options.signal,
      })
      return normalizeListPage(raw, key, `GET /${trimSlashes(path)}`)
    }, options)
  }

  /** POST search with `offset`/`limit` in the JSON body (as strings, like the Python SDK). */
  protected paginateBody(
    path: string,
    body: Record<string, unknown>,
    options: PaginateBodyOptions = {},
  ): Promise<unknown[]> {
    const key = options.itemsKey ?? lastSegment(path)
    return collectPages(async (offset, limit) => {
      const raw = await this.requestJson('POST', path, {
        json: { ...body, offset: String(offset), limit: String(limit) },
        signal: options.signal,
      })
      return normalizeListPage(raw, key, `POST /${trimSlashes(path)}`)
    }, options)
  }

  private context(method: HttpMethod, path: string, options?: RequestOptions): RequestContext {
    return {
      method,
      path,
      timeout: options?.timeout ?? this.config.timeout,
      apiKey: this.config.apiKey,
      item: options?.item,
    }
  }

  /** Reading the body can still fail (reset, abort, timeout mid-stream): map that too. */
  private async readBody<B>(
    method: HttpMethod,
    path: string,
    read: () => Promise<B>,
    options: RequestOptions | undefined,
  ): Promise<B> {
    try {
      return await read()
    } catch (error) {
      const signal = options?.signal
      if (signal?.aborted) throw signal.reason ?? error
      throw await mapError(error, this.context(method, trimSlashes(path), options))
    }
  }
}

function cleanParams(
  params: SearchParams | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined
  const out: Record<string, string | number | boolean> = {}
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) out[k] = v
  return out
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

function lastSegment(path: string): string {
  const parts = path.split('?')[0].split('/').filter(Boolean)
  return parts[parts.length - 1] ?? ''
}
