import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { BaseApi, type PaginateBodyOptions, type PaginateOptions } from '../../../src/api/BaseApi.js'
import { createLimiter } from '../../../src/api/concurrency.js'
import { ValidationError } from '../../../src/api/errors.js'
import { createHttpClient, defaultRetryDelay } from '../../../src/api/httpClient.js'
import { assertEmail, assertUuid, isUuid } from '../../../src/api/ids.js'
import { normalizeList, normalizeListPage } from '../../../src/api/normalizeList.js'
import { collectPages } from '../../../src/api/pagination.js'
import { send, startServer, type TestServer } from './testServer.js'

class Pager extends BaseApi {
  list(path: string, options?: PaginateOptions) {
    return this.paginate(path, options)
  }
  search(path: string, body: Record<string, unknown>, options?: PaginateBodyOptions) {
    return this.paginateBody(path, body, options)
  }
}

describe('paginate and paginateBody over HTTP', () => {
  let server: TestServer
  let pager: Pager
  beforeEach(async () => {
    server = await startServer()
    const config = new ApiConfig({ serverUrl: server.url, apiKey: 'pagination-test-key', maxRetries: 0 })
    pager = new Pager(config, createHttpClient(config))
  })
  afterEach(async () => {
    await server.close()
  })

  it('POST searches carry offset/limit as strings in the body, next to the filters', async () => {
    const total = 5
    server.handle((req, res) => {
      const body = JSON.parse(req.body)
      const offset = Number(body.offset)
      const limit = Number(body.limit)
      send(res, 200, {
        data: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i),
      })
    })
    const items = await pager.search('annotations/search', { resource_id: 'r1' }, { pageSize: 2 })
    expect(items).toEqual([0, 1, 2, 3, 4])
    const bodies = server.requests.map((r) => JSON.parse(r.body))
    expect(bodies).toEqual([
      { resource_id: 'r1', offset: '0', limit: '2' },
      { resource_id: 'r1', offset: '2', limit: '2' },
      { resource_id: 'r1', offset: '4', limit: '2' },
    ])
    expect(server.requests.every((r) => r.method === 'POST' && r.path === '/annotations/search')).toBe(true)
    expect(server.requests.every((r) => r.query.size === 0)).toBe(true)
  })

  it('paginateBody honours limit and offset', async () => {
    server.handle((req, res) => {
      const { offset, limit } = JSON.parse(req.body)
      send(
        res,
        200,
        Array.from({ length: Number(limit) }, (_, i) => Number(offset) + i),
      )
    })
    await expect(pager.search('s', {}, { offset: 3, limit: 5, pageSize: 4 })).resolves.toEqual([
      3, 4, 5, 6, 7,
    ])
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { offset: '3', limit: '4' },
      { offset: '7', limit: '1' },
    ])
  })

  it('paginate keeps the caller query and uses the last path segment as the nested key', async () => {
    server.handle((_req, res) => send(res, 200, { data: [{ resources: [{ a: 1 }] }], totalCount: '1' }))
    await expect(pager.list('projects/p1/resources', { searchParams: { status: 'inbox' } })).resolves.toEqual(
      [{ a: 1 }],
    )
    expect(server.requests[0].rawUrl).toBe('/projects/p1/resources?status=inbox&offset=0&limit=5000')
  })

  it('an explicit itemsKey picks the nested field', async () => {
    server.handle((_req, res) => send(res, 200, { data: [{ rows: [1, 2] }], totalCount: 1 }))
    await expect(pager.list('x', { itemsKey: 'rows' })).resolves.toEqual([1, 2])
  })
})

describe('collectPages', () => {
  const source =
    (total: number, log: Array<[number, number]>, totalCount?: number) => async (o: number, l: number) => {
      log.push([o, l])
      return {
        items: Array.from({ length: Math.max(0, Math.min(l, total - o)) }, (_, i) => o + i),
        totalCount,
      }
    }

  it('asks for min(pageSize, remaining) and returns exactly limit items', async () => {
    const log: Array<[number, number]> = []
    const items = await collectPages(source(100, log), { limit: 10, pageSize: 4 })
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(log).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ])
  })

  it('stops at totalCount even when the last page is full', async () => {
    const log: Array<[number, number]> = []
    await collectPages(source(100, log, 8), { pageSize: 4 })
    expect(log).toHaveLength(2)
  })

  it('refuses a bad window before asking', async () => {
    const log: Array<[number, number]> = []
    await expect(collectPages(source(1, log), { offset: -1 })).rejects.toThrow(ValidationError)
    await expect(collectPages(source(1, log), { pageSize: 0 })).rejects.toThrow(/pageSize/)
    expect(log).toHaveLength(0)
  })
})

describe('normalizeList', () => {
  const a = { id: 'a' }
  const b = { id: 'b' }
  it('accepts the three shapes', () => {
    expect(normalizeList([a, b], 'things')).toEqual([a, b])
    expect(normalizeListPage({ data: [a, b], totalCount: 2 }, 'things')).toEqual({
      items: [a, b],
      totalCount: 2,
    })
    expect(normalizeListPage({ items: [a], totalCount: '7' }, 'things')).toEqual({
      items: [a],
      totalCount: 7,
    })
    expect(normalizeList({ data: [{ resources: [a, b] }], totalCount: 1 }, 'resources')).toEqual([a, b])
  })

  it('only unwraps the nested shape for the endpoint key with totalCount present', () => {
    const wrapped = { resources: [a] }
    expect(normalizeList({ data: [wrapped] }, 'resources')).toEqual([wrapped])
    expect(normalizeList({ data: [wrapped], totalCount: 1 }, 'projects')).toEqual([wrapped])
    expect(normalizeList({ data: [{ resources: 'x' }], totalCount: 1 }, 'resources')).toEqual([
      { resources: 'x' },
    ])
  })

  it('treats an empty body as an empty list and ignores a bad totalCount', () => {
    expect(normalizeList(undefined, 'x')).toEqual([])
    expect(normalizeList('', 'x')).toEqual([])
    expect(normalizeListPage({ data: [], totalCount: 'many' }, 'x').totalCount).toBeUndefined()
  })

  it('refuses anything else, saying where', () => {
    expect(() => normalizeList({ detail: 'x' }, 'x', 'GET /x')).toThrow(/GET \/x: expected a list.*detail/)
    expect(() => normalizeList(42, 'x')).toThrow(ValidationError)
  })
})

describe('ids', () => {
  it('UUIDs in any case', () => {
    expect(isUuid('1B9F74FE-278E-48A9-82F4-5C3A6FCF2C50')).toBe(true)
    expect(isUuid('1b9f74fe278e48a982f45c3a6fcf2c50')).toBe(false)
    expect(() => assertUuid(undefined, 'project')).toThrow(/Invalid project id undefined/)
    expect(() => assertUuid(' 1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50', 'project')).toThrow(ValidationError)
  })
  it('e-mails: non-empty, with an @', () => {
    expect(assertEmail('a@b.io', 'user')).toBe('a@b.io')
    expect(() => assertEmail('', 'user')).toThrow(/Invalid user id ""/)
    expect(() => assertEmail('   ', 'user')).toThrow(ValidationError)
  })
})

describe('defaultRetryDelay', () => {
  it('doubles from 300 ms, keeps a random half (equal jitter), and stops growing at 10 s', () => {
    for (let i = 0; i < 200; i++) {
      const d1 = defaultRetryDelay(1)
      const d3 = defaultRetryDelay(3)
      const d20 = defaultRetryDelay(20)
      expect(d1).toBeGreaterThanOrEqual(150)
      expect(d1).toBeLessThanOrEqual(300)
      expect(d3).toBeGreaterThanOrEqual(600)
      expect(d3).toBeLessThanOrEqual(1200)
      expect(d20).toBeGreaterThanOrEqual(5000)
      expect(d20).toBeLessThanOrEqual(10_000)
    }
    const samples = new Set(Array.from({ length: 20 }, () => defaultRetryDelay(2)))
    expect(samples.size).toBeGreaterThan(1)
  })
})

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once, in order, and frees a slot when one fails', async () => {
    const limiter = createLimiter(2)
    const started: number[] = []
    const gates: Array<() => void> = []
    const task = (n: number) => () =>
      new Promise<number>((resolve, reject) => {
        started.push(n)
        gates[n] = () => (n === 1 ? reject(new Error('one')) : resolve(n))
      })
    const runs = [0, 1, 2, 3].map((n) => limiter.run(task(n)))
    await Promise.resolve()
    expect(started).toEqual([0, 1])
    expect(limiter.active).toBe(2)
    gates[1]()
    await expect(runs[1]).rejects.toThrow('one')
    expect(started).toEqual([0, 1, 2])
    gates[0]()
    gates[2]()
    await Promise.all([runs[0], runs[2]])
    expect(started).toEqual([0, 1, 2, 3])
    gates[3]()
    await expect(runs[3]).resolves.toBe(3)
    expect(limiter.active).toBe(0)
  })

  it('an aborted waiting task never starts', async () => {
    const limiter = createLimiter(1)
    let release = () => {}
    const first = limiter.run(() => new Promise<void>((r) => (release = r)))
    const controller = new AbortController()
    let ran = false
    const waiting = limiter.run(async () => {
      ran = true
    }, controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    release()
    await first
    await limiter.run(async () => {})
    expect(ran).toBe(false)
  })
})
