import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BaseApi } from '../../../src/api/BaseApi.js'
import {
  AuthenticationError,
  DatamintError,
  EntityAlreadyExistsError,
  ItemNotFoundError,
  NetworkError,
  PermissionDeniedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../../src/api/errors.js'
import { KEY, Probe, probe, rejectionOf } from './probe.js'
import { batchingHandler, send, startServer, type TestServer } from './testServer.js'

let server: TestServer
beforeEach(async () => {
  server = await startServer()
})
afterEach(async () => {
  await server.close()
})

const methods = {
  retried: ['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'] as const,
  never: ['POST', 'PATCH'] as const,
}

describe('headers and URL', () => {
  it('sends apikey and Authorization: Bearer on every request, never the key in the URL', async () => {
    server.handle((_req, res) => send(res, 200, { ok: true }))
    const api = probe(server.url)
    await api.json('GET', 'projects', {
      searchParams: { offset: 0, limit: 10, empty: undefined, none: null },
    })
    await api.json('POST', '/projects', { json: { name: 'p' } })
    expect(server.requests).toHaveLength(2)
    for (const r of server.requests) {
      expect(r.headers.apikey).toBe(KEY)
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`)
      expect(r.rawUrl).not.toContain(KEY)
    }
    expect(server.requests[0].rawUrl).toBe('/projects?offset=0&limit=10')
    expect(server.requests[1].path).toBe('/projects')
    expect(JSON.parse(server.requests[1].body)).toEqual({ name: 'p' })
    expect(server.requests[1].headers['content-type']).toBe('application/json')
  })

  it('uses the client it is given, so several APIs share one; builds its own otherwise', async () => {
    const shared = probe(server.url)
    const other = new Probe(shared.config, shared.client)
    expect(other.client).toBe(shared.client)
    const own = new Probe(shared.config)
    expect(own.client).not.toBe(shared.client)
    await own.json('GET', 'x')
    expect(server.requests[0].headers.apikey).toBe(KEY)
  })

  it('maps failures even from a client that does not throw on HTTP errors', async () => {
    server.handle((_req, res) => send(res, 403, 'forbidden here'))
    const base = probe(server.url)
    const lenient = new Probe(base.config, base.client.extend({ throwHttpErrors: false }))
    const error = await rejectionOf(lenient.json('GET', 'things'))
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error.message).toContain('forbidden here')
  })

  it('sends no auth headers without a key', async () => {
    const api = probe(server.url, { apiKey: '' })
    await api.json('GET', 'x')
    expect(server.requests[0].headers.apikey).toBeUndefined()
    expect(server.requests[0].headers.authorization).toBeUndefined()
  })

  it('keeps the path prefix of serverUrl', async () => {
    const api = probe(`${server.url}/api/v1/`)
    await api.json('GET', 'projects/abc')
    expect(server.requests[0].path).toBe('/api/v1/projects/abc')
  })
})

describe('retries', () => {
  for (const method of methods.retried) {
    it(`${method} 503 is tried maxRetries + 1 times, then ServerError`, async () => {
      server.handle((_req, res) => send(res, 503, 'busy'))
      const error = await rejectionOf(probe(server.url, { maxRetries: 3 }).json(method, 'things/1'))
      expect(error).toBeInstanceOf(ServerError)
      expect((error as ServerError).status).toBe(503)
      expect(server.requests).toHaveLength(4)
      expect(server.requests.every((r) => r.method === method)).toBe(true)
    })
  }

  for (const method of methods.never) {
    it(`${method} 503 is never retried`, async () => {
      server.handle((_req, res) => send(res, 503, 'busy'))
      const error = await rejectionOf(
        probe(server.url, { maxRetries: 3 }).json(method, 'things/1', { json: {} }),
      )
      expect(error).toBeInstanceOf(ServerError)
      expect(server.requests).toHaveLength(1)
    })
  }

  for (const status of [408, 413, 429, 500, 502, 503, 504]) {
    it(`GET ${status} is retried`, async () => {
      server.handle((_req, res) => send(res, status, { message: `status ${status}` }))
      const error = await rejectionOf(probe(server.url, { maxRetries: 2 }).json('GET', 'things'))
      expect(BaseApi.getStatusCode(error)).toBe(status)
      expect(error.message).toContain(`status ${status}`)
      expect(server.requests).toHaveLength(3)
    })
  }

  for (const status of [400, 401, 403, 404, 409, 422, 501]) {
    it(`GET ${status} is not retried`, async () => {
      server.handle((_req, res) => send(res, status, 'no'))
      await rejectionOf(probe(server.url, { maxRetries: 2 }).json('GET', 'things'))
      expect(server.requests).toHaveLength(1)
    })
  }

  it('a retried GET that then succeeds returns the answer', async () => {
    server.handle((_req, res) =>
      server.requests.length < 3 ? send(res, 502, 'gateway') : send(res, 200, [{ id: 1 }]),
    )
    await expect(probe(server.url, { maxRetries: 3 }).json('GET', 'things')).resolves.toEqual([{ id: 1 }])
    expect(server.requests).toHaveLength(3)
  })

  it('a retried PUT sends the same body each time', async () => {
    server.handle((_req, res) =>
      server.requests.length < 3 ? send(res, 502, 'gw') : send(res, 200, { ok: true }),
    )
    await probe(server.url).json('PUT', 'things/1', { json: { name: 'n', n: 1 } })
    expect(server.requests.map((r) => r.body)).toEqual(Array(3).fill('{"name":"n","n":1}'))
  })

  it('maxRetries 0 sends exactly one request', async () => {
    server.handle((_req, res) => send(res, 503, 'busy'))
    await rejectionOf(probe(server.url, { maxRetries: 0 }).json('GET', 'things'))
    expect(server.requests).toHaveLength(1)
  })

  it('honours Retry-After (seconds) instead of the backoff delay', async () => {
    // The backoff would wait a minute (the test would time out); Retry-After: 0 says retry now.
    server.handle((_req, res) =>
      server.requests.length === 1
        ? send(res, 429, 'slow down', { 'retry-after': '0' })
        : send(res, 200, { ok: 1 }),
    )
    const api = probe(server.url, {}, { retryDelay: () => 60_000 })
    await expect(api.json('GET', 'things')).resolves.toEqual({ ok: 1 })
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After on 500 too, and caps a long one', async () => {
    server.handle((_req, res) =>
      server.requests.length === 1
        ? send(res, 500, 'oops', { 'retry-after': '3600' })
        : send(res, 200, { ok: 2 }),
    )
    const api = probe(server.url, {}, { retryDelay: () => 60_000, maxRetryAfter: 10 })
    await expect(api.json('GET', 'things')).resolves.toEqual({ ok: 2 })
    expect(server.requests).toHaveLength(2)
  })

  it('uses the backoff delay hook with growing attempt numbers', async () => {
    const attempts: number[] = []
    server.handle((_req, res) => send(res, 503, 'busy'))
    const api = probe(
      server.url,
      { maxRetries: 3 },
      {
        retryDelay: (n) => {
          attempts.push(n)
          return 1
        },
      },
    )
    await rejectionOf(api.json('GET', 'things'))
    expect(attempts).toEqual([1, 2, 3])
  })
})

describe('timeout, reset, refused', () => {
  it('a request slower than ApiConfig.timeout fails with TimeoutError (not retried)', async () => {
    server.handle(() => {}) // never answers
    const error = await rejectionOf(probe(server.url, { timeout: 0.2 }).json('GET', 'slow'))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('GET /slow')
    expect(error.message).toContain('0.2 s')
    expect(error.message).not.toContain(KEY)
    expect(server.requests).toHaveLength(1)
  })

  it('a reset connection is retried for GET, then NetworkError', async () => {
    server.handle((_req, res) => {
      res.socket?.destroy()
    })
    const error = await rejectionOf(probe(server.url, { maxRetries: 2 }).json('GET', 'things'))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toContain('GET /things')
    expect(error.message).not.toContain(KEY)
    expect(server.requests).toHaveLength(3)
  })

  it('a reset connection is not retried for POST', async () => {
    server.handle((_req, res) => {
      res.socket?.destroy()
    })
    const error = await rejectionOf(
      probe(server.url, { maxRetries: 2 }).json('POST', 'things', { json: { a: 1 } }),
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect(server.requests).toHaveLength(1)
  })

  it('a refused connection is a NetworkError', async () => {
    const url = server.url
    await server.close()
    const error = await rejectionOf(probe(url, { maxRetries: 1 }).json('GET', 'things'))
    expect(error).toBeInstanceOf(NetworkError)
    expect(BaseApi.getStatusCode(error)).toBeUndefined()
    server = await startServer()
  })
})

describe('requests in flight', () => {
  it('one client keeps at most 20 requests waiting for a response; the others queue', async () => {
    server.handle(batchingHandler(20, (res) => send(res, 200, { ok: true })))
    const api = probe(server.url)
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => api.json('GET', `things/${i}`)))
    expect(results).toHaveLength(45)
    expect(server.requests).toHaveLength(45)
    expect(server.maxInFlight).toBe(20)
  })

  it('a queued request that is aborted is never sent', async () => {
    server.handle(() => {}) // hold everything
    const api = probe(server.url, {}, { maxInFlight: 1 })
    const first = new AbortController()
    const second = new AbortController()
    const p1 = rejectionOf(api.json('GET', 'one', { signal: first.signal }))
    const p2 = rejectionOf(api.json('GET', 'two', { signal: second.signal }))
    await server.waitForRequests(1)
    second.abort()
    expect((await p2).name).toBe('AbortError')
    first.abort()
    expect((await p1).name).toBe('AbortError')
    expect(server.requests.map((r) => r.path)).toEqual(['/one'])
  })
})

describe('abort', () => {
  it('aborting mid-request rejects with the standard AbortError and sends nothing more', async () => {
    server.handle(() => {}) // hold the request open
    const controller = new AbortController()
    const pending = rejectionOf(probe(server.url).json('GET', 'things', { signal: controller.signal }))
    await server.waitForRequests(1)
    controller.abort()
    const error = await pending
    expect(error).toBeInstanceOf(DOMException)
    expect(error.name).toBe('AbortError')
    expect(server.requests).toHaveLength(1)
  })

  it('aborting during the backoff wait stops the retries', async () => {
    server.handle((_req, res) => send(res, 503, 'busy'))
    const controller = new AbortController()
    const api = probe(server.url, { maxRetries: 3 }, { retryDelay: () => 60_000 })
    const pending = rejectionOf(api.json('GET', 'things', { signal: controller.signal }))
    await server.waitForRequests(1)
    controller.abort()
    const error = await pending
    expect(error.name).toBe('AbortError')
    expect(server.requests).toHaveLength(1)
  })

  it('aborting during a Retry-After wait stops the retries', async () => {
    server.handle((_req, res) => send(res, 503, 'busy', { 'retry-after': '20' }))
    const controller = new AbortController()
    const pending = rejectionOf(probe(server.url).json('DELETE', 'things/1', { signal: controller.signal }))
    await server.waitForRequests(1)
    controller.abort()
    expect((await pending).name).toBe('AbortError')
    expect(server.requests).toHaveLength(1)
  })

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await rejectionOf(probe(server.url).json('GET', 'things', { signal: controller.signal }))
    expect(error.name).toBe('AbortError')
    expect(server.requests).toHaveLength(0)
  })

  it('a custom abort reason comes back as is', async () => {
    server.handle(() => {})
    const controller = new AbortController()
    const reason = new Error('user left the page')
    const pending = rejectionOf(probe(server.url).json('GET', 'things', { signal: controller.signal }))
    await server.waitForRequests(1)
    controller.abort(reason)
    expect(await pending).toBe(reason)
  })
})

describe('error mapping', () => {
  const table = [
    { status: 401, type: AuthenticationError, hint: 'ApiConfig.apiKey' },
    { status: 403, type: PermissionDeniedError, hint: 'may not' },
    { status: 400, type: ValidationError, hint: 'rejected' },
    { status: 422, type: ValidationError, hint: 'rejected' },
    { status: 404, type: ItemNotFoundError, hint: 'not found' },
    { status: 500, type: ServerError, hint: 'try again' },
    { status: 501, type: ServerError, hint: 'try again' },
    { status: 418, type: DatamintError, hint: '418' },
  ]
  for (const { status, type, hint } of table) {
    it(`${status} → ${type.name}, with method, path and the server's body`, async () => {
      server.handle((_req, res) => send(res, status, `server body for ${status}`))
      const error = await rejectionOf(probe(server.url, { maxRetries: 0 }).json('GET', 'projects/p1'))
      expect(error).toBeInstanceOf(type)
      const e = error as DatamintError
      expect(e.status).toBe(status)
      expect(e.method).toBe('GET')
      expect(e.url).toBe('projects/p1')
      expect(e.body).toBe(`server body for ${status}`)
      expect(e.message).toContain(`GET /projects/p1 failed with ${status}`)
      expect(e.message).toContain(`server body for ${status}`)
      expect(e.message).toContain(hint)
      expect(e.message).not.toContain(KEY)
      expect(e.message).not.toContain('127.0.0.1')
      expect(BaseApi.getStatusCode(e)).toBe(status)
    })
  }

  it('404 names the item type and id it was asked for', async () => {
    server.handle((_req, res) => send(res, 404, { message: 'Project not found' }))
    const id = '1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50'
    const error = (await rejectionOf(
      probe(server.url).json('GET', `projects/${id}`, { item: { type: 'project', id } }),
    )) as ItemNotFoundError
    expect(error).toBeInstanceOf(ItemNotFoundError)
    expect(error.itemType).toBe('project')
    expect(error.itemId).toBe(id)
    expect(error.message).toContain(`project "${id}" does not exist`)
    expect(error.message).toContain('Server said: Project not found')
    expect(error.body).toEqual({ message: 'Project not found' })
  })

  it('409 on POST is EntityAlreadyExistsError; 409 on PUT is a plain DatamintError', async () => {
    server.handle((_req, res) => send(res, 409, { error: 'duplicate name' }))
    const onPost = await rejectionOf(probe(server.url).json('POST', 'projects', { json: {} }))
    expect(onPost).toBeInstanceOf(EntityAlreadyExistsError)
    expect(onPost.message).toContain('existsOk')
    expect(onPost.message).toContain('duplicate name')
    const onPut = await rejectionOf(probe(server.url).json('PUT', 'projects/x', { json: {} }))
    expect(onPut).not.toBeInstanceOf(EntityAlreadyExistsError)
    expect(BaseApi.getStatusCode(onPut)).toBe(409)
  })

  it('a long body is shortened and an echoed key is masked', async () => {
    const long = `bad key ${KEY} ${'x'.repeat(5000)}`
    server.handle((_req, res) => send(res, 401, long))
    const error = await rejectionOf(probe(server.url).json('GET', 'me'))
    expect(error.message).not.toContain(KEY)
    expect(error.message).toContain('bad key ***')
    expect(error.message.length).toBeLessThan(1000)
    expect(error.message).toContain(`(${long.length - KEY.length + 3} chars)`)
  })

  it('getStatusCode reads our errors, ky-like objects, and nothing else', () => {
    expect(BaseApi.getStatusCode(new ServerError('x', { status: 502 }))).toBe(502)
    expect(BaseApi.getStatusCode({ response: { status: 418 } })).toBe(418)
    expect(BaseApi.getStatusCode({ status: 401 })).toBe(401)
    expect(BaseApi.getStatusCode(new Error('x'))).toBeUndefined()
    expect(BaseApi.getStatusCode('nope')).toBeUndefined()
    expect(BaseApi.getStatusCode(null)).toBeUndefined()
  })
})

describe('bodies', () => {
  it('an empty answer is undefined, a non-JSON answer its text', async () => {
    server.handle((req, res) => (req.path === '/empty' ? send(res, 204) : send(res, 200, 'plain-id-123')))
    const api = probe(server.url)
    await expect(api.json('DELETE', 'empty')).resolves.toBeUndefined()
    await expect(api.json('POST', 'text', { json: {} })).resolves.toBe('plain-id-123')
    expect(server.requests[0].headers.accept).toBe('application/json')
  })

  it('requestBytes returns the bytes and mimetype, asks for octet-stream, reports progress', async () => {
    const payload = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251))
    server.handle((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/dicom; charset=binary',
        'content-length': payload.length,
      })
      res.end(payload)
    })
    const fractions: Array<number | undefined> = []
    const { bytes, mimetype } = await probe(server.url).bytes('GET', 'resources/r/file', {
      onDownloadProgress: (p) => fractions.push(p.fraction),
    })
    expect(mimetype).toBe('application/dicom')
    expect(Buffer.from(bytes).equals(payload)).toBe(true)
    expect(server.requests[0].headers.accept).toBe('application/octet-stream')
    expect(fractions.length).toBeGreaterThan(0)
    expect(fractions[fractions.length - 1]).toBe(1)
  })
})
