// src/api in real Chromium: the same ky client, error mapping and byte downloads work in a browser.
import { describe, expect, inject, it } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { BaseApi, type HttpMethod, type RequestOptions } from '../../../src/api/BaseApi.js'
import { NetworkError, RedirectError, ServerError } from '../../../src/api/errors.js'
import { createHttpClient, type HttpClientOptions } from '../../../src/api/httpClient.js'
import pngUrl from '../../fixtures/image/ct_small.png?url'

class Probe extends BaseApi {
  json(method: HttpMethod, path: string, options?: RequestOptions) {
    return this.requestJson(method, path, options)
  }
  bytes(path: string, options?: RequestOptions) {
    return this.requestBytes('GET', path, options)
  }
}

function probe(options: HttpClientOptions = {}, serverUrl = location.origin) {
  const config = new ApiConfig({ serverUrl, apiKey: 'browser-test-key-42', timeout: 5, maxRetries: 2 })
  return new Probe(config, createHttpClient(config, { retryDelay: () => 1, ...options }))
}

describe('BaseApi in Chromium', () => {
  it('downloads bytes with their mimetype and progress, and converts them', async () => {
    const seen: number[] = []
    const { bytes, mimetype } = await probe().bytes(pngUrl, {
      onDownloadProgress: (p) => seen.push(p.transferredBytes),
    })
    expect(mimetype).toBe('image/png')
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(seen[seen.length - 1]).toBe(bytes.length)
    const converted = BaseApi.convertFormat(bytes, mimetype)
    expect(converted.kind).toBe('image')
  })

  it('retries a GET on 503 and sends the auth headers', async () => {
    const calls: Request[] = []
    const api = probe({
      fetch: async (input) => {
        calls.push(input as Request)
        return calls.length < 3 ? new Response('busy', { status: 503 }) : Response.json({ ok: true })
      },
    })
    await expect(api.json('GET', 'things')).resolves.toEqual({ ok: true })
    expect(calls).toHaveLength(3)
    expect(calls[0].headers.get('apikey')).toBe('browser-test-key-42')
    expect(calls[0].headers.get('authorization')).toBe('Bearer browser-test-key-42')
    expect(calls[0].url).toBe(`${location.origin}/things`)
  })

  it('maps a failed fetch to NetworkError and a 5xx to ServerError with the body', async () => {
    const failing = probe({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) })
    const network = await failing.json('GET', 'x').catch((e: unknown) => e)
    expect(network).toBeInstanceOf(NetworkError)
    expect((network as Error).message).toContain('Failed to fetch')
    const broken = probe({ fetch: async () => new Response('db down', { status: 500 }) })
    const server = await broken.json('POST', 'x', { json: {} }).catch((e: unknown) => e)
    expect(server).toBeInstanceOf(ServerError)
    expect((server as Error).message).toContain('db down')
  })

  it('an abort surfaces as the browser DOMException AbortError', async () => {
    const controller = new AbortController()
    const api = probe({
      fetch: (input) =>
        new Promise((_resolve, reject) => {
          const signal = (input as Request).signal
          signal.addEventListener('abort', () => reject(signal.reason))
          queueMicrotask(() => controller.abort())
        }),
    })
    const error = await api.json('GET', 'slow', { signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DOMException)
    expect((error as DOMException).name).toBe('AbortError')
  })
})

describe('redirects in Chromium (page origin ≠ API origin): the key stays with serverUrl’s origin', () => {
  const { api: apiUrl, other } = inject('servers')
  const browserProbe = () => probe({}, apiUrl)
  const otherSaw = async () => (await fetch(`${apiUrl}/other-saw`)).json()

  it('the API answers cross-origin with the key (the setup works)', async () => {
    await otherSaw()
    await expect(browserProbe().json('GET', 'landing')).resolves.toEqual({
      at: '/landing',
      apikey: 'browser-test-key-42',
    })
  })

  for (const [path, read] of [
    ['to-other-port', 'json'],
    ['file-to-other-port', 'bytes'],
    ['to-localhost', 'json'],
  ] as const) {
    it(`${path} (${read}): RedirectError, and no request reaches the other origin`, async () => {
      await otherSaw()
      const api = browserProbe()
      const error = await (read === 'json' ? api.json('GET', path) : api.bytes(path)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedirectError)
      expect((error as RedirectError).fromOrigin).toBe(apiUrl)
      // The browser hides where an opaque redirect goes.
      expect((error as RedirectError).toOrigin).toBeUndefined()
      expect((error as Error).message).toContain('the browser does not say where')
      expect((error as Error).message).not.toContain('browser-test-key-42')
      expect(await otherSaw()).toEqual([])
      expect(other).not.toBe(apiUrl)
    })
  }

  it('a same-origin redirect is refused too in a browser (it cannot tell), with a message saying what to do', async () => {
    const error = await browserProbe()
      .json('GET', 'to-same-origin')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedirectError)
    expect((error as Error).message).toContain('Set ApiConfig.serverUrl')
  })
})
