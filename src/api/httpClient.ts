import ky, { isHTTPError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky'
import type { ApiConfig } from './ApiConfig.js'
import { createLimiter, MAX_IN_FLIGHT } from './concurrency.js'

/** Methods that are safe to repeat; POST and PATCH are never retried (they may create or change twice). */
export const RETRY_METHODS = ['get', 'put', 'delete', 'head', 'options']

/** Statuses worth retrying: timeouts, rate limits, overload and gateway failures. */
export const RETRY_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504]

/** Longest single `Retry-After` wait (ms); a server asking for more is retried after this long, budget permitting. */
export const MAX_RETRY_AFTER_MS = 30_000

/** Longest backoff wait between two attempts (ms). */
export const MAX_BACKOFF_MS = 10_000

/** Internal knobs of {@link createHttpClient}; tests use them to avoid waiting seconds. */
export interface HttpClientOptions {
  /** Delay in ms before retry number `attempt` (1-based) when the server sent no `Retry-After`. */
  retryDelay?: (attempt: number) => number
  /** Cap for one `Retry-After` wait, in ms. Default 30 s (`MAX_RETRY_AFTER_MS`). */
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
  const exp = Math.min(MAX_BACKOFF_MS, 300 * 2 ** (attempt - 1))
  return exp / 2 + Math.random() * (exp / 2)
}

/**
 * The wait a response asks for, in ms, read like ky reads it: `Retry-After` (seconds or an HTTP date), else the
 * rate-limit reset headers. Undefined when none is there or it cannot be read.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const raw =
    headers.get('retry-after') ??
    headers.get('ratelimit-reset') ??
    headers.get('x-ratelimit-retry-after') ??
    headers.get('x-ratelimit-reset') ??
    headers.get('x-rate-limit-reset')
  if (raw === null || raw.trim() === '') return undefined
  let after = Number(raw) * 1000
  if (Number.isNaN(after)) after = Date.parse(raw) - now
  // A large number is a timestamp (ky's rule).
  else if (after >= Date.parse('2024-01-01')) after -= now
  return Number.isNaN(after) ? undefined : Math.max(0, after)
}

/** How one client retries: {@link retryFor} gives each call its own waiting budget. */
interface RetryPolicy {
  limit: number
  delay: (attempt: number) => number
  maxRetryAfter: number
}

const policies = new WeakMap<KyInstance, RetryPolicy>()

/**
 * Retry options for one call of a client made by {@link createHttpClient}: its waits before retries add up to
 * at most `budgetMs`. A retry whose wait would go past the budget is not made, and the call fails with the last
 * error (a 429 as `RateLimitError` carrying the server's `retryAfter`). Undefined for other clients (they keep
 * their own retry options).
 */
export function retryFor(client: KyInstance, budgetMs: number): RetryOptions | undefined {
  const policy = policies.get(client)
  if (!policy) return undefined
  let spent = 0
  let planned = 0
  return {
    // Each Retry-After is cut to what is left of the budget (ky applies it; the check below agrees).
    maxRetryAfter: Math.min(policy.maxRetryAfter, budgetMs),
    // ky asks for the delay after `shouldRetry` said yes: it is the one planned there.
    delay: () => planned,
    shouldRetry: ({ error, retryCount }) => {
      if (error.name === 'AbortError' || isTimeoutError(error)) return false
      let wait: number | undefined
      if (isHTTPError(error)) {
        const { status, headers } = error.response
        if (!RETRY_STATUS_CODES.includes(status)) return false
        const after = retryAfterMs(headers)
        if (after !== undefined) wait = Math.min(after, policy.maxRetryAfter, budgetMs)
      }
      // With a readable Retry-After ky waits what it says (capped as above: `undefined` lets it); otherwise the
      // backoff planned here (`true` forces it: ky would give up on a 413, and wait `maxRetryAfter` on an
      // unreadable Retry-After).
      const backoff = wait === undefined
      if (backoff) wait = planned = Math.min(MAX_BACKOFF_MS, policy.delay(retryCount))
      if (spent + (wait as number) > budgetMs) return false
      spent += wait as number
      return backoff ? true : undefined
    },
  }
}

/**
 * The one ky instance a `DatamintApi` and all its entity APIs share. It sends the API key as the `apikey`
 * header and as `Authorization: Bearer` (never in the URL), applies the per-request timeout, keeps at most
 * 20 requests waiting for a response, never follows a redirect by itself (`BaseApi` follows same-origin ones,
 * so the key never leaves the server's origin), and is the only layer that retries.
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
  const policy: RetryPolicy = {
    limit: config.maxRetries,
    delay: options.retryDelay ?? defaultRetryDelay,
    maxRetryAfter: options.maxRetryAfter ?? MAX_RETRY_AFTER_MS,
  }
  const client = ky.create({
    prefixUrl: config.serverUrl,
    timeout: config.timeout * 1000,
    headers,
    fetch: limitedFetch,
    // fetch would carry the `apikey` header to whatever origin a redirect names (it strips only Authorization).
    redirect: 'manual',
    retry: {
      limit: policy.limit,
      methods: RETRY_METHODS,
      statusCodes: RETRY_STATUS_CODES,
      // Retry-After is honoured on every retryable status, not only ky's default 413/429/503.
      afterStatusCodes: RETRY_STATUS_CODES,
      maxRetryAfter: policy.maxRetryAfter,
      backoffLimit: MAX_BACKOFF_MS,
      delay: policy.delay,
      retryOnTimeout: false,
      // Used when a call comes without its own budget (see retryFor): 413 backs off like the other statuses.
      shouldRetry: ({ error }) =>
        isHTTPError(error) &&
        error.response.status === 413 &&
        retryAfterMs(error.response.headers) === undefined
          ? true
          : undefined,
    },
  })
  policies.set(client, policy)
  return client
}
