import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EntityBaseApi } from '../../../src/api/crud/EntityBaseApi.js'
import { ItemNotFoundError, ValidationError } from '../../../src/api/errors.js'
import { rejectionOf } from '../transport/probe.js'
import { send, startServer, type TestServer } from '../transport/testServer.js'
import { configFor, MembersApi, parseThing, type Thing, thingsApi, uuid } from './things.js'

let server: TestServer
beforeEach(async () => {
  server = await startServer()
})
afterEach(async () => {
  await server.close()
})

/** Serves `/things?offset&limit` from `total` generated items, wrapped by `shape`. */
function serveList(total: number, shape: (items: Thing[]) => unknown = (items) => items) {
  server.handle((req, res) => {
    const offset = Number(req.query.get('offset'))
    const limit = Number(req.query.get('limit'))
    const items: Thing[] = []
    for (let i = offset; i < Math.min(total, offset + limit); i++) items.push({ id: uuid(i), name: `t${i}` })
    send(res, 200, shape(items))
  })
}
const pages = () => server.requests.map((r) => [Number(r.query.get('offset')), Number(r.query.get('limit'))])

describe('getList / getAll pagination', () => {
  it('honours a limit exactly, asking min(pageSize, remaining)', async () => {
    serveList(100)
    const items = await thingsApi(server.url, { pageSize: 3 }).getAll(7)
    expect(items.map((t) => t.name)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6'])
    expect(pages()).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ])
  })

  it('uses pages of 5000 by default', async () => {
    serveList(20_000)
    const items = await thingsApi(server.url).getAll(12_000)
    expect(items).toHaveLength(12_000)
    expect(items[11_999].name).toBe('t11999')
    expect(pages()).toEqual([
      [0, 5000],
      [5000, 5000],
      [10_000, 2000],
    ])
  })

  it('stops on a short page', async () => {
    serveList(5)
    const items = await thingsApi(server.url, { pageSize: 3 }).getAll()
    expect(items).toHaveLength(5)
    expect(pages()).toEqual([
      [0, 3],
      [3, 3],
    ])
  })

  it('stops on an empty page', async () => {
    serveList(6)
    const items = await thingsApi(server.url, { pageSize: 3 }).getAll()
    expect(items).toHaveLength(6)
    expect(pages()).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
    ])
  })

  it('never returns more than the limit when the server sends too many', async () => {
    server.handle((_req, res) =>
      send(
        res,
        200,
        Array.from({ length: 10 }, (_, i) => ({ id: uuid(i), name: 'x' })),
      ),
    )
    await expect(thingsApi(server.url, { pageSize: 4 }).getAll(2)).resolves.toHaveLength(2)
    expect(pages()).toEqual([[0, 2]])
  })

  it('starts at the given offset', async () => {
    serveList(100)
    const items = await thingsApi(server.url, { pageSize: 3 }).getList({ offset: 10, limit: 4 })
    expect(items.map((t) => t.name)).toEqual(['t10', 't11', 't12', 't13'])
    expect(pages()).toEqual([
      [10, 3],
      [13, 1],
    ])
  })

  it('limit 0 sends nothing; a bad limit is a ValidationError', async () => {
    const api = thingsApi(server.url)
    await expect(api.getAll(0)).resolves.toEqual([])
    await expect(api.getAll(-1)).rejects.toThrow(ValidationError)
    await expect(api.getList({ limit: 2.5 })).rejects.toThrow(/limit must be a whole number/)
    expect(server.requests).toHaveLength(0)
  })

  it('normalises {data, totalCount} and stops at a string totalCount', async () => {
    serveList(100, (items) => ({ data: items, totalCount: '4' }))
    const items = await thingsApi(server.url, { pageSize: 2 }).getAll()
    expect(items.map((t) => t.name)).toEqual(['t0', 't1', 't2', 't3'])
    expect(pages()).toEqual([
      [0, 2],
      [2, 2],
    ])
  })

  it('normalises {items: [...]}', async () => {
    serveList(3, (items) => ({ items }))
    await expect(thingsApi(server.url, { pageSize: 5 }).getAll()).resolves.toHaveLength(3)
  })

  it('normalises the nested shape keyed by the endpoint name', async () => {
    serveList(3, (items) => ({ data: [{ things: items }], totalCount: 1 }))
    const items = await thingsApi(server.url, { pageSize: 5 }).getAll()
    expect(items.map((t) => t.id)).toEqual([uuid(0), uuid(1), uuid(2)])
  })

  it('a response that is not a list is a ValidationError naming the request', async () => {
    server.handle((_req, res) => send(res, 200, { detail: 'oops' }))
    const error = await rejectionOf(thingsApi(server.url).getAll())
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toContain('GET /things')
    expect(error.message).toContain('detail')
  })

  it('validates every item; a bad one is a ValidationError naming its index', async () => {
    server.handle((_req, res) => send(res, 200, [{ id: uuid(1), name: 'a' }, { id: uuid(2) }]))
    const error = await rejectionOf(thingsApi(server.url).getAll())
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('things[1].name')
  })

  it('keeps unknown fields', async () => {
    server.handle((_req, res) => send(res, 200, [{ id: uuid(1), name: 'a', extra: { deep: 1 } }]))
    const [thing] = await thingsApi(server.url).getAll()
    expect(thing.extra).toEqual({ deep: 1 })
  })

  it('sends filters as query parameters', async () => {
    serveList(0)
    await thingsApi(server.url).getList({ status: 'inbox', tags: ['a', 'b'], published: false, size: 3 })
    const q = server.requests[0].query
    expect(q.get('status')).toBe('inbox')
    expect(q.get('tags')).toBe('["a","b"]')
    expect(q.get('published')).toBe('false')
    expect(q.get('size')).toBe('3')
    expect(q.has('limit')).toBe(true)
  })

  it('uses a schema object, and its parseList when it has one', async () => {
    serveList(2)
    const calls: string[] = []
    const schema = {
      parse: (raw: unknown) => {
        calls.push('parse')
        return raw as Thing
      },
      parseList: (raw: readonly unknown[], path?: string) => {
        calls.push(`parseList ${path}`)
        return raw as Thing[]
      },
    }
    const { config, client } = configFor(server.url)
    const api = new EntityBaseApi<Thing>(config, schema, 'things', client)
    await expect(api.getAll()).resolves.toHaveLength(2)
    expect(calls).toEqual(['parseList things'])
  })
})

describe('getPage', () => {
  it('fetches one window and gives the server totalCount', async () => {
    serveList(100, (items) => ({ data: items, totalCount: 100 }))
    const page = await thingsApi(server.url).getPage({ offset: 40, limit: 20 })
    expect(page.items.map((t) => t.name)).toEqual(Array.from({ length: 20 }, (_, i) => `t${40 + i}`))
    expect(page.totalCount).toBe(100)
    expect(pages()).toEqual([[40, 20]])
  })

  it('has no totalCount when the list shape gives none (bare array, nested shape)', async () => {
    serveList(5)
    const bare = await thingsApi(server.url).getPage({ offset: 0, limit: 2 })
    expect(bare).toEqual({
      items: [expect.objectContaining({ name: 't0' }), expect.objectContaining({ name: 't1' })],
    })
    expect('totalCount' in bare).toBe(false)
    serveList(3, (items) => ({ data: [{ things: items }], totalCount: 1 }))
    expect((await thingsApi(server.url).getPage({ offset: 0, limit: 5 })).totalCount).toBeUndefined()
  })

  it('a window past the end is empty, with the total; a bad window is a ValidationError without a request', async () => {
    serveList(10, (items) => ({ data: items, totalCount: '10' }))
    await expect(thingsApi(server.url).getPage({ offset: 20, limit: 5 })).resolves.toEqual({
      items: [],
      totalCount: 10,
    })
    server.requests.length = 0
    await expect(thingsApi(server.url).getPage({ offset: -1, limit: 5 })).rejects.toBeInstanceOf(
      ValidationError,
    )
    expect(server.requests).toHaveLength(0)
  })
})

describe('getById and ids', () => {
  it('GETs /things/{id} and validates the answer', async () => {
    server.handle((_req, res) => send(res, 200, { id: uuid(5), name: 'five' }))
    await expect(thingsApi(server.url).getById(uuid(5))).resolves.toEqual({ id: uuid(5), name: 'five' })
    expect(server.requests[0].method).toBe('GET')
    expect(server.requests[0].path).toBe(`/things/${uuid(5)}`)
  })

  it('accepts upper-case UUIDs', async () => {
    server.handle((_req, res) => send(res, 200, { id: 'x', name: 'n' }))
    await thingsApi(server.url).getById(uuid(5).toUpperCase())
    expect(server.requests[0].path).toBe(`/things/${uuid(5).toUpperCase()}`)
  })

  it('a bad id is a ValidationError naming it, and nothing is sent', async () => {
    const api = thingsApi(server.url)
    for (const bad of ['nope', '', '1b9f74fe-278e-48a9-82f4', `${uuid(1)}/../x`]) {
      const error = await rejectionOf(api.getById(bad))
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.message).toContain(JSON.stringify(bad))
      expect(error.message).toContain('thing')
    }
    await expect(api.patch('bad', { name: 'x' })).rejects.toThrow(ValidationError)
    await expect(api.delete('bad')).rejects.toThrow(ValidationError)
    await expect(api.bulkDelete([uuid(1), 'bad', uuid(2)])).rejects.toThrow(/"bad"/)
    expect(() => api.getEntityId({ id: 42 } as unknown as Thing)).toThrow(ValidationError)
    expect(server.requests).toHaveLength(0)
  })

  it('getEntityId takes an entity or an id', () => {
    const api = thingsApi(server.url)
    expect(api.getEntityId({ id: uuid(3), name: 'x' })).toBe(uuid(3))
    expect(api.getEntityId(uuid(4))).toBe(uuid(4))
  })

  it('404 is ItemNotFoundError with item type and id', async () => {
    server.handle((_req, res) => send(res, 404, { message: 'Thing not found' }))
    const error = (await rejectionOf(thingsApi(server.url).getById(uuid(9)))) as ItemNotFoundError
    expect(error).toBeInstanceOf(ItemNotFoundError)
    expect(error.itemType).toBe('thing')
    expect(error.itemId).toBe(uuid(9))
    expect(error.message).toContain(`GET /things/${uuid(9)}`)
    expect(error.message).toContain('Thing not found')
  })

  it('users-style APIs take e-mail ids and refuse empty ones without a request', async () => {
    server.handle((_req, res) => send(res, 200, { email: 'ann@example.com', name: 'Ann' }))
    const { config, client } = configFor(server.url)
    const members = new MembersApi(config, (raw) => raw as { email: string; name: string }, 'members', client)
    await expect(members.getById('')).rejects.toThrow(/expected a non-empty e-mail/)
    await expect(members.getById('not an email')).rejects.toThrow(ValidationError)
    expect(server.requests).toHaveLength(0)
    await members.getById('ann@example.com')
    expect(server.requests[0].path).toBe('/members/ann@example.com')
    expect(members.getEntityId({ email: 'bob@example.com', name: 'Bob' })).toBe('bob@example.com')
  })

  it('entityName comes from the endpoint', () => {
    const { config } = configFor(server.url)
    expect(new EntityBaseApi(config, parseThing, '/resources/channels/').entityName).toBe('channel')
    expect(new EntityBaseApi(config, parseThing, 'projects').endpointBase).toBe('projects')
  })
})
