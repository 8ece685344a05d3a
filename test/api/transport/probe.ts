import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { BaseApi, type HttpMethod, type RequestOptions } from '../../../src/api/BaseApi.js'
import { createHttpClient, type HttpClientOptions } from '../../../src/api/httpClient.js'

export const KEY = 'sk-test-0123456789abcdef'

/** BaseApi with its protected request methods made callable by tests. */
export class Probe extends BaseApi {
  json<T = unknown>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T> {
    return this.requestJson<T>(method, path, options)
  }
  bytes(method: HttpMethod, path: string, options?: RequestOptions) {
    return this.requestBytes(method, path, options)
  }
}

/** A probe on `url` with fast timeouts and no real backoff unless asked. */
export function probe(
  url: string,
  init: { timeout?: number; maxRetries?: number; apiKey?: string } = {},
  client: HttpClientOptions = {},
): Probe {
  const config = new ApiConfig({ serverUrl: url, apiKey: KEY, timeout: 2, maxRetries: 2, ...init })
  return new Probe(config, createHttpClient(config, { retryDelay: () => 1, ...client }))
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject, it resolved')
}
