import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BulkOperationError } from '../../../src/api/BulkOperationError.js'
import {
  DatamintError,
  EntityAlreadyExistsError,
  ItemNotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '../../../src/api/errors.js'
import { rejectionOf } from '../transport/probe.js'
import { batchingHandler, type Seen, send, startServer, type TestServer } from '../transport/testServer.js'
import { thingsApi, uuid } from './things.js'

let server: TestServer
beforeEach(async () => {
  server = await startServer()
})
afterEach(async () => {
  await server.close()
})

const ID = uuid(7)
const THING = { id: ID, name: 'seven', extra: 1 }

/** POST answers with `answer`; GET /things/{id} answers with the stored entity. */
function serveCreate(status: number, answer: unknown) {
  server.handle((req, res) => {
    if (req.method === 'POST') send(res, status, answer)
    else if (req.method === 'GET' && req.path === `/things/${ID}`) send(res, 200, THING)
    else send(res, 404, 'no route')
  })
}
const calls = () => server.requests.map((r) => `${r.method} ${r.path}`)

describe('create', () => {
  it('POSTs the data as JSON', async () => {
    serveCreate(201, THING)
    await thingsApi(server.url).create({ name: 'seven' })
    expect(server.requests[0].method).toBe('POST')
    expect(server.requests[0].path).toBe('/things')
    expect(JSON.parse(server.requests[0].body)).toEqual({ name: 'seven' })
  })

  it('a full entity answer is returned without another request', async () => {
    serveCreate(201, THING)
    await expect(thingsApi(server.url).create({ name: 'seven' })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things'])
  })

  it('a string id answer: the id with returnEntity false, else the entity read back', async () => {
    serveCreate(201, JSON.stringify(ID))
    await expect(thingsApi(server.url).create({ name: 's' }, { returnEntity: false })).resolves.toBe(ID)
    expect(calls()).toEqual(['POST /things'])
    await expect(thingsApi(server.url).create({ name: 's' })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things', 'POST /things', `GET /things/${ID}`])
  })

  it('a plain-text id answer works too', async () => {
    serveCreate(200, ID)
    await expect(thingsApi(server.url).create({ name: 's' }, { returnEntity: false })).resolves.toBe(ID)
  })

  it('an {id} answer is read back with GET', async () => {
    serveCreate(201, { id: ID })
    await expect(thingsApi(server.url).create({ name: 's' })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things', `GET /things/${ID}`])
    await expect(thingsApi(server.url).create({ name: 's' }, { returnEntity: false })).resolves.toBe(ID)
  })

  it('an answer that has an id but is not a whole entity is read back', async () => {
    serveCreate(201, { id: ID, status: 'queued' })
    await expect(thingsApi(server.url).create({ name: 's' })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things', `GET /things/${ID}`])
  })

  it('a one-item array answer is unwrapped; several items are refused', async () => {
    serveCreate(201, [THING])
    await expect(thingsApi(server.url).create({ name: 's' })).resolves.toEqual(THING)
    serveCreate(201, [THING, THING])
    await expect(thingsApi(server.url).create({ name: 's' })).rejects.toThrow(/expected one created thing/)
  })

  it('an answer with `error` is a failure even with status 200', async () => {
    serveCreate(200, { error: 'quota exceeded' })
    const error = await rejectionOf(thingsApi(server.url).create({ name: 's' }))
    expect(error).toBeInstanceOf(DatamintError)
    expect(error.message).toContain('quota exceeded')
  })

  it('an answer without an id is a ValidationError', async () => {
    serveCreate(200, { ok: true })
    await expect(thingsApi(server.url).create({ name: 's' })).rejects.toThrow(ValidationError)
  })

  it('409 without existsOk is EntityAlreadyExistsError', async () => {
    serveCreate(409, { message: 'name taken', entity: THING })
    const error = await rejectionOf(thingsApi(server.url).create({ name: 's' }))
    expect(error).toBeInstanceOf(EntityAlreadyExistsError)
    expect(error.message).toContain('name taken')
    expect(calls()).toEqual(['POST /things'])
  })

  it('409 with existsOk returns the existing entity from the body', async () => {
    serveCreate(409, { message: 'name taken', entity: THING })
    await expect(thingsApi(server.url).create({ name: 's' }, { existsOk: true })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things'])
  })

  it('409 with existsOk and a body that is the entity itself', async () => {
    serveCreate(409, THING)
    await expect(thingsApi(server.url).create({ name: 's' }, { existsOk: true })).resolves.toEqual(THING)
    await expect(
      thingsApi(server.url).create({ name: 's' }, { existsOk: true, returnEntity: false }),
    ).resolves.toBe(ID)
  })

  it('409 with existsOk and only an id in the body fetches the entity', async () => {
    serveCreate(409, { message: 'exists', id: ID })
    await expect(thingsApi(server.url).create({ name: 's' }, { existsOk: true })).resolves.toEqual(THING)
    expect(calls()).toEqual(['POST /things', `GET /things/${ID}`])
  })

  it('409 with existsOk but no id in the body still throws EntityAlreadyExistsError', async () => {
    serveCreate(409, 'already there')
    await expect(thingsApi(server.url).create({ name: 's' }, { existsOk: true })).rejects.toThrow(
      EntityAlreadyExistsError,
    )
  })

  it('POST is not retried on 503', async () => {
    serveCreate(503, 'busy')
    await rejectionOf(thingsApi(server.url, { maxRetries: 3 }).create({ name: 's' }))
    expect(calls()).toEqual(['POST /things'])
  })
})

describe('patch', () => {
  function servePatch(answer: unknown) {
    server.handle((req, res) => {
      if (req.method === 'PATCH') send(res, 200, answer)
      else send(res, 200, { ...THING, name: 'renamed' })
    })
  }

  it('sends only the given fields (undefined dropped) to PATCH /things/{id}', async () => {
    servePatch({ ...THING, name: 'renamed' })
    await thingsApi(server.url).patch(THING, { name: 'renamed', extra: undefined })
    expect(server.requests[0].method).toBe('PATCH')
    expect(server.requests[0].path).toBe(`/things/${ID}`)
    expect(JSON.parse(server.requests[0].body)).toEqual({ name: 'renamed' })
  })

  it('returns the updated entity from the answer without another request', async () => {
    servePatch({ ...THING, name: 'renamed' })
    await expect(thingsApi(server.url).patch(ID, { name: 'renamed' })).resolves.toEqual({
      ...THING,
      name: 'renamed',
    })
    expect(calls()).toEqual([`PATCH /things/${ID}`])
  })

  for (const [label, answer] of [
    ['{}', {}],
    ['an empty body', undefined],
    ['a partial object', { name: 'renamed' }],
  ] as const) {
    it(`reads the entity back with GET when the server answers ${label}`, async () => {
      servePatch(answer)
      await expect(thingsApi(server.url).patch(ID, { name: 'renamed' })).resolves.toEqual({
        ...THING,
        name: 'renamed',
      })
      expect(calls()).toEqual([`PATCH /things/${ID}`, `GET /things/${ID}`])
    })
  }

  it('partialUpdate is the same operation', async () => {
    servePatch({})
    await thingsApi(server.url).partialUpdate(ID, { name: 'renamed' })
    expect(calls()).toEqual([`PATCH /things/${ID}`, `GET /things/${ID}`])
  })

  it('nothing to change is a ValidationError and sends nothing', async () => {
    await expect(thingsApi(server.url).patch(ID, { name: undefined })).rejects.toThrow(/no fields to change/)
    expect(server.requests).toHaveLength(0)
  })

  it('PATCH is not retried; 404 names the item', async () => {
    server.handle((_req, res) => send(res, 404, 'gone'))
    const error = (await rejectionOf(
      thingsApi(server.url, { maxRetries: 3 }).patch(ID, { name: 'x' }),
    )) as ItemNotFoundError
    expect(error).toBeInstanceOf(ItemNotFoundError)
    expect(error.itemId).toBe(ID)
    expect(server.requests).toHaveLength(1)
  })
})

describe('delete and bulkDelete', () => {
  it('DELETEs /things/{id} for an id or an entity', async () => {
    server.handle((_req, res) => send(res, 204))
    const api = thingsApi(server.url)
    await expect(api.delete(ID)).resolves.toBeUndefined()
    await api.delete(THING)
    expect(calls()).toEqual([`DELETE /things/${ID}`, `DELETE /things/${ID}`])
  })

  it('404 on delete is ItemNotFoundError', async () => {
    server.handle((_req, res) => send(res, 404, 'no such thing'))
    const error = (await rejectionOf(thingsApi(server.url).delete(ID))) as ItemNotFoundError
    expect(error.itemType).toBe('thing')
    expect(error.itemId).toBe(ID)
  })

  it('keeps at most 20 requests in flight and attempts every id', async () => {
    const ids = Array.from({ length: 65 }, (_, i) => uuid(i))
    server.handle(batchingHandler(20, (res) => send(res, 204)))
    await thingsApi(server.url).bulkDelete(ids)
    expect(server.maxInFlight).toBe(20)
    expect(server.requests.map((r) => r.path).sort()).toEqual(ids.map((id) => `/things/${id}`).sort())
    expect(server.requests.every((r: Seen) => r.method === 'DELETE')).toBe(true)
  })

  it('reports every failed id with its cause in one BulkOperationError', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => uuid(i))
    server.handle((req, res) => {
      if (req.path.endsWith(uuid(3))) send(res, 404, 'missing')
      else if (req.path.endsWith(uuid(17))) send(res, 403, 'not yours')
      else send(res, 204)
    })
    const error = (await rejectionOf(thingsApi(server.url).bulkDelete(ids))) as BulkOperationError
    expect(error).toBeInstanceOf(BulkOperationError)
    expect(error).toBeInstanceOf(DatamintError)
    expect(server.requests).toHaveLength(30)
    expect(error.failures.map((f) => f.id)).toEqual([uuid(3), uuid(17)])
    expect(error.failures[0].error).toBeInstanceOf(ItemNotFoundError)
    expect(error.failures[1].error).toBeInstanceOf(PermissionDeniedError)
    expect(error.succeeded).toHaveLength(28)
    expect(error.message).toContain('2 of 30 failed')
    expect(error.message).toContain(uuid(3))
    expect(error.message).toContain(uuid(17))
    expect(error.message).toContain('not yours')
  })

  it('an empty list sends nothing', async () => {
    await thingsApi(server.url).bulkDelete([])
    expect(server.requests).toHaveLength(0)
  })

  it('abort stops starting new deletes and rejects with AbortError', async () => {
    const controller = new AbortController()
    server.handle((_req, res) => {
      controller.abort()
      send(res, 204)
    })
    const ids = Array.from({ length: 100 }, (_, i) => uuid(i))
    const error = await rejectionOf(thingsApi(server.url).bulkDelete(ids, { signal: controller.signal }))
    expect(error.name).toBe('AbortError')
    expect(server.requests.length).toBeLessThanOrEqual(20)
  })
})
