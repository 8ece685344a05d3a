import { ValidationError } from './errors.js'

/** What {@link ApiConfig} is built from. */
export interface ApiConfigInit {
  /** Base URL of the Datamint API, e.g. `https://api.datamint.io`. A trailing `/` is dropped. */
  serverUrl: string
  /** Sent as the `apikey` header (and `Authorization: Bearer`) on every request; never in a URL. */
  apiKey?: string
  /** Per-request timeout in seconds. Default 30. */
  timeout?: number
  /** Retries for idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS). Default 3. */
  maxRetries?: number
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
      new ValidationError(`ApiConfig: ${field} must be ${rule}, got ${got}.`, { field })
    let protocol = ''
    try {
      protocol = new URL(raw).protocol
    } catch {}
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw refuse('serverUrl', 'an http(s) URL such as "https://api.datamint.io"', JSON.stringify(raw))
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
