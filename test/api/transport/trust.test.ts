// Issue 10 on real loopback servers: the key stays with its origin, every wait is bounded, errors never show
// the key, hostile JSON ends in a value or a typed error.
import type { ServerResponse } from 'node:http'
import { inspect } from 'node:util'
import { replaceEqualDeep } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  DatamintError,
  ItemNotFoundError,
  NetworkError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../../src/api/errors.js'
import { field, objectSchema } from '../../../src/api/schema.js'
import { KEY, probe, rejectionOf } from './probe.js'
import { send, startServer, type TestServer } from './testServer.js'

let server: TestServer
let other: TestServer
beforeEach(async () => {
  ;[server, other] = await Promise.all([startServer(), startServer()])
})
afterEach(async () => {
  await Promise.all([server.close(), other.close()])
})

const redirect = (res: ServerResponse, status: number, location: string) => {
  res.writeHead(status, { location })
  res.end()
}

describe('redirects: the key never leaves serverUrl’s origin', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another port is refused with RedirectError naming both origins; the other origin sees no request`, async () => {
      server.handle((_req, res) => redirect(res, status, `${other.url}/projects`))
      other.handle((_req, res) => send(res, 200, []))
      const error = (await rejectionOf(probe(server.url).json('GET', 'projects'))) as RedirectError
      expect(error).toBeInstanceOf(RedirectError)
      expect(error.fromOrigin).toBe(server.url)
      expect(error.toOrigin).toBe(other.url)
      expect(error.message).toContain(server.url)
      expect(error.message).toContain(other.url)
      expect(error.message).not.toContain(KEY)
      expect(other.requests).toHaveLength(0)
      expect(server.requests).toHaveLength(1)
    })
  }

  it('localhost vs 127.0.0.1 is another origin too, for downloads as for JSON', async () => {
    const port = new URL(server.url).port
    server.handle((_req, res) => redirect(res, 302, `http://localhost:${port}/file`))
    const error = (await rejectionOf(probe(server.url).bytes('GET', 'resources/r/file'))) as RedirectError
    expect(error).toBeInstanceOf(RedirectError)
    expect(error.toOrigin).toBe(`http://localhost:${port}`)
    expect(server.requests).toHaveLength(1)
  })

  it('a POST with a body (an upload) is not sent to another origin either', async () => {
    server.handle((_req, res) => redirect(res, 307, `${other.url}/resources`))
    const form = new FormData()
    form.append('resource', new Blob([new Uint8Array([1, 2, 3])]), 'a.dcm')
    const error = await rejectionOf(probe(server.url).json('POST', 'resources', { body: form }))
    expect(error).toBeInstanceOf(RedirectError)
    expect(other.requests).toHaveLength(0)
  })

  it('same-origin redirects are followed with the key; 307 repeats method and body, 303 turns into GET', async () => {
    server.handle((req, res) => {
      if (req.path === '/a') return redirect(res, 307, '/b?x=1')
      if (req.path === '/b') return redirect(res, 303, `${server.url}/c`)
      send(res, 200, { at: req.path, method: req.method })
    })
    const answer = await probe(server.url).json('PUT', 'a', { json: { n: 1 } })
    expect(answer).toEqual({ at: '/c', method: 'GET' })
    expect(server.requests.map((r) => [r.method, r.rawUrl, r.body])).toEqual([
      ['PUT', '/a', '{"n":1}'],
      ['PUT', '/b?x=1', '{"n":1}'],
      ['GET', '/c', ''],
    ])
    for (const r of server.requests) expect(r.headers.apikey).toBe(KEY)
  })

  it('a redirect loop ends after 5 hops with RedirectError', async () => {
    server.handle((_req, res) => redirect(res, 302, '/loop'))
    const error = await rejectionOf(probe(server.url).json('GET', 'loop'))
    expect(error).toBeInstanceOf(RedirectError)
    expect(error.message).toContain('more than 5 redirects')
    expect(server.requests).toHaveLength(6)
  })
})

describe('timeout bounds the headers and every gap in the body', () => {
  const stallAfterHeaders = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
    res.write('[{"id":')
    // then nothing: the connection stays open
  }

  it('a JSON body that stalls after the headers ends in TimeoutError', async () => {
    server.handle((_req, res) => stallAfterHeaders(res))
    // Without the idle timeout this waits for Node's 300 s body timeout (the test times out).
    const error = await rejectionOf(probe(server.url, { timeout: 0.3 }).json('GET', 'projects'))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('GET /projects timed out after 0.3 s without data')
  })

  it('a download that stalls midway ends in TimeoutError, with the progress seen so far', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom', 'content-length': '100000' })
      res.write(Buffer.alloc(30_000))
    })
    const seen: number[] = []
    const error = await rejectionOf(
      probe(server.url, { timeout: 0.3 }).bytes('GET', 'resources/r/file', {
        onDownloadProgress: (p) => seen.push(p.transferredBytes),
      }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(seen[seen.length - 1]).toBe(30_000)
  })

  it('a slow but steady download longer than the timeout in total succeeds', async () => {
    server.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      for (let i = 0; i < 6; i++) {
        res.write(Buffer.alloc(1000, i))
        await new Promise((r) => setTimeout(r, 100))
      }
      res.end()
    })
    const { bytes } = await probe(server.url, { timeout: 0.4 }).bytes('GET', 'slow')
    expect(bytes.length).toBe(6000)
    expect(bytes[5999]).toBe(5)
  })

  it('an error body that stalls still gives the typed error', async () => {
    server.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.write('no such')
    })
    const error = await rejectionOf(probe(server.url, { timeout: 0.3 }).json('GET', 'x'))
    expect(error).toBeInstanceOf(ItemNotFoundError)
  })
})

describe('redaction: an echoed key shows nowhere in the error', () => {
  const everything = (e: unknown) =>
    [
      (e as Error).message,
      (e as Error).stack,
      JSON.stringify(e),
      inspect(e, { depth: 10, showHidden: true }),
      JSON.stringify((e as DatamintError).body),
      String((e as Error).cause),
      inspect((e as Error).cause, { depth: 10, showHidden: true }),
    ].join('\n')

  for (const [status, Type] of [
    [401, AuthenticationError],
    [404, ItemNotFoundError],
    [500, ServerError],
  ] as const) {
    it(`${status} echoing the key in JSON (values, keys, nested) and in text`, async () => {
      server.handle((req, res) =>
        req.path === '/json'
          ? send(res, status, {
              message: `bad key ${KEY}`,
              got: { headers: { apikey: KEY, authorization: `Bearer ${KEY}` }, list: [KEY] },
              [KEY]: 'as a key',
            })
          : send(res, status, `you sent apikey=${KEY}`),
      )
      const api = probe(server.url, { maxRetries: 0 })
      for (const path of ['json', 'text']) {
        const error = await rejectionOf(api.json('GET', path))
        expect(error).toBeInstanceOf(Type)
        const shown = everything(error)
        expect(shown).not.toContain(KEY)
        expect(shown).toContain('***')
      }
      const json = (await rejectionOf(api.json('GET', 'json'))) as DatamintError
      expect(json.body).toEqual({
        message: 'bad key ***',
        got: { headers: { apikey: '***', authorization: 'Bearer ***' }, list: ['***'] },
        '***': 'as a key',
      })
      expect(JSON.parse(JSON.stringify(json))).toMatchObject({ name: Type.name, status, url: 'json' })
    })
  }

  it('a network error’s cause is a plain copy (no request, no headers)', async () => {
    server.handle((_req, res) => {
      res.socket?.destroy()
    })
    const error = await rejectionOf(probe(server.url, { maxRetries: 0 }).json('GET', 'x'))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.cause).toBeInstanceOf(Error)
    expect(everything(error)).not.toContain(KEY)
  })
})

describe('hostile JSON: a value or a typed error, never RangeError/TypeError', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`

  it('100,000-deep arrays as a list, in a field and in an error body', async () => {
    server.handle((req, res) => {
      res.writeHead(req.path === '/error' ? 500 : 200, { 'content-type': 'application/json' })
      if (req.path === '/list') res.end(deep(100_000))
      else if (req.path === '/field') res.end(`{"id":"a","count":1,"x":${deep(100_000)}}`)
      else res.end(`{"message":"boom","detail":${deep(100_000)}}`)
    })
    const api = probe(server.url, { maxRetries: 0 })
    for (const path of ['list', 'field']) {
      const error = (await rejectionOf(api.json('GET', path))) as ValidationError
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.source).toBe('response')
      expect(error.message).toContain(`GET /${path}: the answer nests`)
    }
    const error = (await rejectionOf(api.json('GET', 'error'))) as ServerError
    expect(error).toBeInstanceOf(ServerError)
    expect(typeof error.body).toBe('string')
    expect(error.message.length).toBeLessThan(1000)
    expect(() => JSON.stringify(error)).not.toThrow()
  })

  it('describing a deep misfit value does not overflow', () => {
    let value: unknown = 1
    for (let i = 0; i < 100_000; i++) value = [value]
    const schema = objectSchema<{ id: string }>('thing', { id: field.string() })
    let error: unknown
    try {
      schema.parseList([{ id: value }])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('[0].id')
    expect((error as Error).message).toContain('but is [[[[[[[[')
  })

  it('__proto__, constructor and prototype keys are dropped and never reach a prototype after structural sharing', async () => {
    const body =
      '{"id":"a","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},' +
      '"nested":{"\\u005f_proto__":{"polluted":true},"ok":1},"list":[{"__proto__":{"y":2}}],"prototype":3}'
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(body)
    })
    const api = probe(server.url)
    const first = await api.json<Record<string, unknown>>('GET', 'things/a')
    const second = await api.json<Record<string, unknown>>('GET', 'things/a')
    expect(first).toEqual({ id: 'a', nested: { ok: 1 }, list: [{}] })
    const shared = replaceEqualDeep(first, second) as Record<string, unknown>
    const copied = replaceEqualDeep({ ...first, id: 'b' }, second) as Record<string, unknown>
    for (const entity of [first, shared, copied]) {
      expect(Object.getPrototypeOf(entity)).toBe(Object.prototype)
      expect(entity.isAdmin).toBeUndefined()
      expect(Object.getPrototypeOf(entity.nested)).toBe(Object.prototype)
      expect((entity.nested as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.hasOwn(entity, 'constructor')).toBe(false)
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('an answer that is not JSON comes back as text; a JSON string is redacted only in errors', async () => {
    server.handle((_req, res) => send(res, 200, 'plain id'))
    await expect(probe(server.url).json('POST', 'x', { json: {} })).resolves.toBe('plain id')
  })
})

describe('429: RateLimitError and a bounded wait', () => {
  it('Retry-After: 3600 on a GET: RateLimitError with retryAfter 3600 after at most `timeout` of waiting', async () => {
    server.handle((_req, res) => send(res, 429, { message: 'slow down' }, { 'retry-after': '3600' }))
    const error = (await rejectionOf(
      probe(server.url, { timeout: 0.5, maxRetries: 3 }).json('GET', 'projects/p'),
    )) as RateLimitError
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toBeInstanceOf(DatamintError)
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(3600)
    expect(error.message).toContain('wait 3600 s')
    // One wait of at most 0.5 s (the budget), then no further retry: 2 requests, not 4.
    expect(server.requests).toHaveLength(2)
  })

  it('short Retry-Afters are honoured while they fit the budget, then the call stops', async () => {
    server.handle((_req, res) => send(res, 429, 'busy', { 'retry-after': '0.2' }))
    const error = (await rejectionOf(
      probe(server.url, { timeout: 0.5, maxRetries: 5 }).json('GET', 'x'),
    )) as RateLimitError
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error.retryAfter).toBe(1)
    // 0.2 + 0.2 fit in 0.5 s, a third 0.2 does not.
    expect(server.requests).toHaveLength(3)
  })

  it('an HTTP-date Retry-After is read too', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString()
    server.handle((_req, res) => send(res, 429, 'later', { 'retry-after': at }))
    const error = (await rejectionOf(probe(server.url, { maxRetries: 0 }).json('GET', 'x'))) as RateLimitError
    expect(error.retryAfter).toBeGreaterThan(100)
    expect(error.retryAfter).toBeLessThanOrEqual(120)
  })

  it('backoff waits count against the budget as well', async () => {
    server.handle((_req, res) => send(res, 503, 'busy'))
    const error = await rejectionOf(
      probe(server.url, { timeout: 0.25, maxRetries: 10 }, { retryDelay: () => 100 }).json('GET', 'x'),
    )
    expect(error).toBeInstanceOf(ServerError)
    // 100 + 100 ms fit in 250 ms, a third does not.
    expect(server.requests).toHaveLength(3)
  })
})
