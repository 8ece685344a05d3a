import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDatamintServer, type DatamintServerOptions } from '../../src/testing/index.js'
import { seedFiles, startDatamintServer } from './harness.js'

const { call, datamint, msw } = startDatamintServer()
const MISSING = '00000000-0000-4000-8000-000000000000'

/** A second in-memory server on another base URL, mounted on the same msw server for one test. */
function mount(options: DatamintServerOptions) {
  const other = createDatamintServer({ seedFiles, ...options })
  msw.use(...other.handlers)
  return other
}
afterEach(() => msw.resetHandlers())

const fileUrl = (server = datamint) => {
  const resource = server.db.liveResources().find((r) => r.filename === 'MR_small.dcm')
  return `${server.baseUrl}/resources/${resource?.id}/file`
}
const get = (url: string, apikey: string | null = 'test-api-key') =>
  fetch(url, { headers: apikey === null ? {} : { apikey } })

describe('authentication', () => {
  it('answers 401 with a JSON error without the key or with a wrong one, never echoing the key', async () => {
    const without = await call('GET', '/projects', { apiKey: null })
    expect(without.status).toBe(401)
    expect(without.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' })
    const wrong = await call('GET', '/projects', { apiKey: 'guess' })
    expect(wrong.status).toBe(401)
    expect(JSON.stringify(wrong.body)).not.toContain('guess')
    expect(JSON.stringify(wrong.body)).not.toContain('test-api-key')
  })

  it('accepts the key as Authorization: Bearer too', async () => {
    const answer = await call('GET', '/projects', {
      apiKey: null,
      headers: { authorization: 'Bearer test-api-key' },
    })
    expect(answer.status).toBe(200)
  })

  it('can be turned off, or use another key', async () => {
    const open = mount({ baseUrl: 'http://open.test', apiKey: null })
    expect((await get(`${open.baseUrl}/projects`, null)).status).toBe(200)
    const custom = mount({ baseUrl: 'http://custom.test', apiKey: 'k2' })
    expect((await get(`${custom.baseUrl}/projects`)).status).toBe(401)
    expect((await get(`${custom.baseUrl}/projects`, 'k2')).status).toBe(200)
  })
})

describe('routing', () => {
  it('404s unknown paths like the NestJS server, answers CORS preflights, and adds CORS headers', async () => {
    const unknown = await call('GET', '/nothing/here')
    expect(unknown).toMatchObject({ status: 404, body: { message: 'Cannot GET /nothing/here' } })
    expect((await call('PATCH', '/resources')).status).toBe(404)
    const preflight = await fetch(`${datamint.baseUrl}/projects`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toContain('apikey')
    const ok = await call('GET', '/projects')
    expect(ok.headers.get('access-control-allow-origin')).toBe('*')
    expect(ok.headers.get('access-control-expose-headers')).toContain('Content-Length')
  })

  it('serves under a base URL with a path', async () => {
    const prefixed = mount({ baseUrl: 'http://localhost:8123/api/v1/' })
    expect(prefixed.baseUrl).toBe('http://localhost:8123/api/v1')
    const answer = await get(`${prefixed.baseUrl}/projects`)
    expect((await answer.json()).totalCount).toBe('3')
    expect(prefixed.requests.at(-1)).toMatchObject({ path: '/projects', route: 'GET /projects', status: 200 })
  })

  it('refuses a base URL that is not absolute', () => {
    expect(() => createDatamintServer({ baseUrl: '/api' })).toThrow(/absolute URL/)
  })

  it('logs every request with its route, query and status', async () => {
    const ids = datamint.db
      .liveResources()
      .slice(0, 2)
      .map((r) => r.id)
    await call('DELETE', '/resources', { query: { resource_ids: ids.join(',') } })
    await call('GET', `/projects/${MISSING}`)
    expect(datamint.requests).toEqual([
      {
        method: 'DELETE',
        path: '/resources',
        query: { resource_ids: ids.join(',') },
        route: 'DELETE /resources',
        status: 200,
      },
      { method: 'GET', path: `/projects/${MISSING}`, query: {}, route: 'GET /projects/:id', status: 404 },
    ])
  })
})

describe('fault injection', () => {
  it('fails a route once with 500, then the retry succeeds', async () => {
    const server = mount({
      baseUrl: 'http://faulty.test',
      faults: { 'GET /resources/:id/file': { status: 500, times: 1 } },
    })
    const first = await get(fileUrl(server))
    expect(first.status).toBe(500)
    expect(await first.json()).toMatchObject({
      statusCode: 500,
      message: expect.stringContaining('Injected fault'),
    })
    expect((await get(fileUrl(server))).status).toBe(200)
    expect((await get(fileUrl(server))).status).toBe(200)
    // reset() re-arms the faults given at creation.
    server.reset()
    expect((await get(fileUrl(server))).status).toBe(500)
  })

  it('fails with a network error (fetch rejects), with headers such as Retry-After, or a custom body', async () => {
    const server = mount({
      baseUrl: 'http://flaky.test',
      faults: {
        'GET /projects': { network: true, times: 1 },
        'GET /users': {
          status: 429,
          headers: { 'Retry-After': '2' },
          body: { message: 'slow down' },
          times: 1,
        },
      },
    })
    await expect(get(`${server.baseUrl}/projects`)).rejects.toThrow(TypeError)
    expect((await get(`${server.baseUrl}/projects`)).status).toBe(200)
    const limited = await get(`${server.baseUrl}/users`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect(await limited.json()).toEqual({ message: 'slow down' })
    expect(server.requests.map((r) => r.status)).toEqual([0, 200, 429])
  })

  it('skips the first requests, applies "*" to every route, and can be armed and cleared at run time', async () => {
    const server = mount({ baseUrl: 'http://skip.test', faults: { '*': { status: 503, skip: 2, times: 1 } } })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await get(`${server.baseUrl}/datasets`)).status)
    expect(statuses).toEqual([200, 200, 503, 200])
    server.inject('GET /datasets', { status: 502 })
    expect((await get(`${server.baseUrl}/datasets`)).status).toBe(502)
    expect((await get(`${server.baseUrl}/datasets`)).status).toBe(502)
    server.clearFaults()
    expect((await get(`${server.baseUrl}/datasets`)).status).toBe(200)
  })

  it('draws probabilistic faults from the seeded generator: same seed, same failures', async () => {
    const pattern = async (name: string, randomSeed: number) => {
      const server = mount({
        baseUrl: `http://${name}.test`,
        randomSeed,
        faults: { 'GET /users': { probability: 0.5 } },
      })
      const statuses = []
      for (let i = 0; i < 24; i++) statuses.push((await get(`${server.baseUrl}/users`)).status)
      return statuses
    }
    const a = await pattern('a', 7)
    expect(new Set(a)).toEqual(new Set([200, 500]))
    expect(await pattern('b', 7)).toEqual(a)
    expect(await pattern('c', 8)).not.toEqual(a)
  })

  it('rejects a fault for a route that does not exist, listing the valid ones', () => {
    expect(() => createDatamintServer({ faults: { 'GET /resource/:id': { status: 500 } } })).toThrow(
      /no route "GET \/resource\/:id"[\s\S]*GET \/resources\/:id\/file/,
    )
    expect(() => datamint.inject('GET /projects', { probability: 2 })).toThrow(/probability/)
  })
})

describe('latency', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterAll(() => {
    vi.useRealTimers()
  })

  async function settledAt(url: string, steps: number[]) {
    let settled = false
    const pending = get(url).then((r) => {
      settled = true
      return r.status
    })
    const seen: boolean[] = []
    for (const step of steps) {
      await vi.advanceTimersByTimeAsync(step)
      seen.push(settled)
    }
    return { seen, status: await pending }
  }

  it('holds every answer back by a fixed latency', async () => {
    const server = mount({ baseUrl: 'http://slow.test', latency: 1000 })
    expect(await settledAt(`${server.baseUrl}/projects`, [999, 2])).toEqual({
      seen: [false, true],
      status: 200,
    })
  })

  it('draws a latency range from the seeded generator and can change at run time', async () => {
    const server = mount({ baseUrl: 'http://range.test', latency: [300, 600] })
    expect(await settledAt(`${server.baseUrl}/users`, [299, 302])).toEqual({
      seen: [false, true],
      status: 200,
    })
    server.configure({ latency: undefined })
    expect(await settledAt(`${server.baseUrl}/users`, [0])).toEqual({ seen: [true], status: 200 })
  })
})

describe('determinism', () => {
  const snapshot = (server: ReturnType<typeof createDatamintServer>) =>
    JSON.stringify({
      projects: [...server.db.projects.values()],
      resources: [...server.db.resources.values()],
      annotations: [...server.db.annotations.values()],
      users: [...server.db.users.values()],
      datasets: [...server.db.datasets.values()],
    })

  it('two servers seeded alike hold identical records with UUID ids', () => {
    const a = createDatamintServer({ seedFiles })
    const b = createDatamintServer({ seedFiles: [...seedFiles].reverse() })
    expect(snapshot(a)).toBe(snapshot(b))
    for (const id of a.db.resources.keys())
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const c = createDatamintServer({ seedFiles, randomSeed: 2 })
    expect([...c.db.resources.keys()]).not.toEqual([...a.db.resources.keys()])
    expect([...c.db.resources.values()].map((r) => r.filename)).toEqual(
      [...a.db.resources.values()].map((r) => r.filename),
    )
  })

  it('the same requests give the same new ids and timestamps, and reset() restores the seeded state', async () => {
    const fresh = snapshot(createDatamintServer({ seedFiles }))
    const twin = mount({ baseUrl: 'http://twin.test' })
    const create = (base: string) =>
      fetch(`${base}/projects`, {
        method: 'POST',
        headers: { apikey: 'test-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Twin' }),
      }).then((r) => r.json())
    const [one, two] = [await create(datamint.baseUrl), await create(twin.baseUrl)]
    expect(one).toEqual(two)
    expect(one.created_at).toBe('2025-03-03T09:00:01.000Z')
    datamint.reset()
    expect(snapshot(datamint)).toBe(fresh)
  })

  it('seed: false starts empty', async () => {
    const empty = mount({ baseUrl: 'http://empty.test', seed: false })
    expect(await (await get(`${empty.baseUrl}/resources`)).json()).toEqual({
      data: [{ resources: [] }],
      totalCount: '0',
    })
    expect(await (await get(`${empty.baseUrl}/users`)).json()).toEqual([])
  })
})
