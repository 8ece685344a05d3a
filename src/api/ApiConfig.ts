import { ValidationError } from './errors.js'

/** What {@link ApiConfig} is built from. */
export interface ApiConfigInit {
  /**
   * Base URL of the Datamint API, e.g. `https://api.datamint.io` (a path prefix is kept, a trailing `/` dropped).
   * Refused with a `ValidationError`: other protocols, user/password, query and fragment. Plain `http://` to a
   * host other than this machine is accepted with a warning (once per origin).
   */
  serverUrl: string
  /** Sent as the `apikey` header (and `Authorization: Bearer`) on every request; never in a URL. */
  apiKey?: string
  /**
   * Seconds, default 30. Bounds, for each attempt of a call, the wait for the response headers AND every gap
   * between two chunks of the body (an idle timeout: a large download may take longer in total as long as data
   * keeps coming); a stall ends in `TimeoutError`. Timeouts are not retried. It also bounds the total time one
   * call waits between retries (backoff and `Retry-After`, each `Retry-After` at most 30 s): a call takes at
   * most about `timeout × (maxRetries + 2)` before its body starts. Uploads use their own, size-based timeout.
   */
  timeout?: number
  /** Retries for idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS). Default 3. */
  maxRetries?: number
}

// Origins already warned about (plain http to another machine): once per origin and process.
const warned = new Set<string>()

/** localhost, *.localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  )
}

/**
 * Connection settings shared by every API class.
 *
 * @example
 * const config = new ApiConfig({ serverUrl: 'https://api.datamint.io', apiKey: process.env.DATAMINT_API_KEY })
 * config.webAppUrl // 'https://app.datamint.io'
 */
export class ApiConfig {
  readonly serverUrl: string
  // A private field so `console.log(config)` and util.inspect never print the key.
  readonly #apiKey: string | undefined
  readonly timeout: number
  readonly maxRetries: number

  constructor(init: ApiConfigInit) {
    const raw = typeof init?.serverUrl === 'string' ? init.serverUrl.trim() : ''
    const refuse = (field: string, rule: string, got: unknown) =>
      new ValidationError(`ApiConfig: ${field} must be ${rule}, got ${got}.`, { field, source: 'argument' })
    // What a message may show of the URL: never the user info (a password).
    const shown = JSON.stringify(raw.replace(/^([a-z][a-z0-9+.-]*:\/*)[^/?#]*@/i, '$1***@'))
    let url: URL | undefined
    try {
      url = new URL(raw)
    } catch {}
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
      throw refuse('serverUrl', 'an http(s) URL such as "https://api.datamint.io"', shown)
    }
    if (url.username || url.password || /^[^/?#]*\/\/[^/?#]*@/.test(raw)) {
      throw refuse('serverUrl', 'a URL without user or password (pass the key as apiKey)', shown)
    }
    if (/[?#]/.test(raw)) {
      throw refuse('serverUrl', 'a URL without query (?…) or fragment (#…): they would be dropped', shown)
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname) && !warned.has(url.origin)) {
      warned.add(url.origin)
      console.warn(
        `datamint-react: ApiConfig.serverUrl ${url.origin} is plain http: the API key and medical data travel ` +
          'unencrypted. Use https:// unless this host is on a network you trust.',
      )
    }
    const timeout = init.timeout ?? 30
    const maxRetries = init.maxRetries ?? 3
    if (!(timeout > 0) || !Number.isFinite(timeout))
      throw refuse('timeout', 'a positive number of seconds', timeout)
    if (!Number.isInteger(maxRetries) || maxRetries < 0)
      throw refuse('maxRetries', 'a whole number ≥ 0', maxRetries)
    this.serverUrl = raw.replace(/\/+$/, '')
    this.#apiKey = init.apiKey
    this.timeout = timeout
    this.maxRetries = maxRetries
  }

  /** The API key sent with every request (never printed by `console.log` or `JSON.stringify`). */
  get apiKey(): string | undefined {
    return this.#apiKey
  }

  /** The Datamint web app that goes with this server (links to projects and resources). */
  get webAppUrl(): string {
    if (this.serverUrl.startsWith('http://localhost')) return 'http://localhost:3000'
    if (this.serverUrl.startsWith('https://stagingapi.datamint.io')) return 'https://staging.datamint.io'
    return 'https://app.datamint.io'
  }

  /** A copy safe to log: the API key is masked. */
  toJSON(): Omit<ApiConfigInit, 'apiKey'> & { apiKey?: string } {
    return {
      serverUrl: this.serverUrl,
      apiKey: this.apiKey === undefined ? undefined : '***',
      timeout: this.timeout,
      maxRetries: this.maxRetries,
    }
  }
}
