// Issue 10 item 4 across the real entity APIs: whatever JSON (or non-JSON) a server answers with, a call ends in a
// value or a DatamintError subclass, never a TypeError or RangeError from our own code.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'
import { isDatamintError } from '../../../src/api/errors.js'
import { startServer, type TestServer } from './testServer.js'

const ID = '1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50'
const deep = (n: number, open = '[', close = ']') => `${open.repeat(n)}${close.repeat(n)}`

// Bodies a broken or hostile server may send, with 200 and with error statuses.
const HOSTILE = [
  '',
  'null',
  '0',
  '-1e309',
  '"text"',
  'true',
  '[]',
  '{}',
  '[null]',
  '[1,"a",[]]',
  '{"data":null}',
  '{"data":5,"totalCount":"x"}',
  '{"data":[{"resources":null}],"totalCount":1}',
  '{"items":{}}',
  `{"id":"${ID}","name":{"__proto__":{"x":1}}}`,
  '{"__proto__":[],"constructor":null,"prototype":"p"}',
  `[{"id":"${ID}","resource_count":"0x10"}]`,
  deep(100_000),
  `{"data":${deep(100_000)}}`,
  `{"a":${deep(50_000, '{"a":', '}').replace(/\{"a":\}/, '1')}}`,
  '{"unterminated":',
  '\u0000\uFFFF',
]

let server: TestServer
let body = 'null'
let status = 200
beforeAll(async () => {
  server = await startServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  })
})
afterAll(async () => {
  await server.close()
})

const api = () =>
  new DatamintApi({ serverUrl: server?.url ?? 'http://127.0.0.1:9', apiKey: 'k-hostile-0001', maxRetries: 0 })

// One call per kind of answer handling: lists (GET and POST search), details, creation, patch, deletion, bytes.
const CALLS: Array<[string, (a: DatamintApi) => Promise<unknown>]> = [
  ['projects.getAll', (a) => a.projects.getAll()],
  ['projects.getById', (a) => a.projects.getById(ID)],
  ['projects.getPage', (a) => a.projects.getPage({ offset: 0, limit: 10 })],
  ['projects.create', (a) => a.projects.create({ name: 'p' } as never)],
  ['projects.patch', (a) => a.projects.patch(ID, { name: 'q' })],
  ['projects.getProjectResources', (a) => a.projects.getProjectResources(ID)],
  ['resources.getList', (a) => a.resources.getList({ limit: 3 })],
  ['resources.delete', (a) => a.resources.delete(ID)],
  ['annotations.getList', (a) => a.annotations.getList({ resource: ID })],
  ['users.getAll', (a) => a.users.getAll()],
  ['channels.getAll', (a) => a.channels.getAll()],
  ['resources.downloadResourceFile', (a) => a.resources.downloadResourceFile(ID, { autoConvert: false })],
]

async function outcome(call: (a: DatamintApi) => Promise<unknown>): Promise<unknown> {
  try {
    await call(api())
    return 'value'
  } catch (error) {
    return error
  }
}

describe('hostile answers end in a value or a typed error', () => {
  for (const [name, call] of CALLS) {
    it(`${name}: every listed hostile body, with 200 and 500`, async () => {
      const untyped: string[] = []
      for (const s of [200, 500]) {
        for (const b of HOSTILE) {
          status = s
          body = b
          const result = await outcome(call)
          if (result !== 'value' && !isDatamintError(result))
            untyped.push(`${s} ${b.slice(0, 40)}: ${String(result).slice(0, 120)}`)
        }
      }
      expect(untyped).toEqual([])
    })
  }

  it('any JSON value as the answer of any call (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.json({ maxDepth: 6 }),
        fc.constantFrom(...CALLS),
        fc.constantFrom(200, 201, 400, 429, 503),
        async (json, [, call], s) => {
          status = s
          body = json
          const result = await outcome(call)
          expect(result === 'value' || isDatamintError(result)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
