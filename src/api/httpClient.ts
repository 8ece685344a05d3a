import ky, { type HTTPError, type KyInstance } from 'ky'
import type { ApiConfig } from './ApiConfig.js'
import { createLimiter, MAX_IN_FLIGHT } from './concurrency.js'

/** Methods that are safe to repeat; POST and PATCH are never retried (they may create or change twice). */
export const RETRY_METHODS = ['get', 'put', 'delete', 'head', 'options']

/** Statuses worth retrying: timeouts, rate limits, overload and gateway failures. */
export const RETRY_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504]

/** Longest `Retry-After` we wait for (ms); a server asking for more gets a retry after this long. */
export const MAX_RETRY_AFTER_MS = 30_000

/** A failed response ky should retry like a network error; `mapError` reads it like ky's `HTTPError`. */
export class RetryableResponse extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`)
  }
}

/** Internal knobs of {@link createHttpClient}; tests use them to avoid waiting seconds. */
export interface HttpClientOptions {
  /** Delay in ms before retry number `attempt` (1-based) when the server sent no `Retry-After`. */
  retryDelay?: (attempt: number) => number
  /** Cap for `Retry-After`, in ms. Default {@link MAX_RETRY_AFTER_MS}. */
  maxRetryAfter?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch
  /** Most requests waiting for a response at once, across every API sharing the client. Default 20. */
  maxInFlight?: number
}

/**
 * Exponential backoff with "equal jitter": 300 ms, 600 ms, 1.2 s … (capped at 10 s), of which a random
 * half is kept, so that many clients failing together do not come back together.
 */
export function defaultRetryDelay(attempt: number): number {
  const exp = Math.min(10_000, 300 * 2 ** (attempt - 1))
  return exp / 2 + Math.random() * (exp / 2)
}

/**
 * The one ky instance a `DatamintApi` and all its entity APIs share. It sends the API key as the `apikey`
 * header and as `Authorization: Bearer` (never in the URL), applies the per-request timeout, keeps at most
 * 20 requests waiting for a response, and is the only layer that retries.
 *
 * @example
 * const client = createHttpClient(new ApiConfig({ serverUrl: 'https://api.datamint.io', apiKey }))
 * const projects = new ProjectsApi(config, client)
 */
export function createHttpClient(config: ApiConfig, options: HttpClientOptions = {}): KyInstance {
  const headers: Record<string, string> = {}
  if (config.apiKey) {
    headers.apikey = config.apiKey
    headers.authorization = `Bearer ${config.apiKey}`
  }
  // Like the Python SDK, keep at most 20 requests in flight; the rest wait (their timeout already runs).
  const limiter = createLimiter(options.maxInFlight ?? MAX_IN_FLIGHT)
  const custom = options.fetch
  const limitedFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    limiter.run(
      // globalThis.fetch is looked up per call (test tools such as msw patch it) and called as a method.
      () => (custom ? custom(input, init) : globalThis.fetch(input, init)),
      init?.signal ?? (input instanceof Request ? input.signal : undefined),
    )
  return ky.create({
    prefixUrl: config.serverUrl,
    timeout: config.timeout * 1000,
    headers,
    fetch: limitedFetch,
    retry: {
      limit: config.maxRetries,
      methods: RETRY_METHODS,
      statusCodes: RETRY_STATUS_CODES,
      // Retry-After is honoured on every retryable status, not only ky's default 413/429/503.
      afterStatusCodes: RETRY_STATUS_CODES,
      maxRetryAfter: options.maxRetryAfter ?? MAX_RETRY_AFTER_MS,
      delay: options.retryDelay ?? defaultRetryDelay,
    },
    // ky gives up on a 413 without Retry-After; as a plain error it takes the backoff path of network errors.
    hooks: {
      beforeError: [
        (error) =>
          error.response.status === 413 && !error.response.headers.has('retry-after')
            ? (new RetryableResponse(error.response) as unknown as HTTPError)
            : error,
      ],
    },
  })
}
