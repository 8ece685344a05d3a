import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/** One request as the server saw it on the wire. */
export interface LoggedRequest {
  method: string
  path: string
  search: string
  body: unknown
  /** True when the client went away before the response was sent. */
  aborted: boolean
}

type Entity = Record<string, unknown>
type Handler = (req: LoggedRequest) => { status: number; body?: unknown } | undefined

/**
 * A tiny Datamint-like REST server on 127.0.0.1 for hook tests: bare-array lists with offset/limit,
 * detail, PATCH, DELETE, POST, and `GET /resources/{id}/file`. Every request is logged so tests count
 * what really went over the wire; `hold()` keeps matching requests waiting until released.
 */
export class LoopbackServer {
  readonly requests: LoggedRequest[] = []
  readonly collections = new Map<string, Map<string, Entity>>()
  readonly files = new Map<string, { bytes: Uint8Array; mimetype: string }>()
  #overrides: Array<{ method: string; pattern: RegExp; handler: Handler; times: number }> = []
  #holds: Array<{
    method: string
    pattern: RegExp
    answer: boolean
    waiting: Array<() => void>
    released: boolean
    closed: boolean
  }> = []
  #server = createServer((req, res) => void this.#handle(req, res))
  url = ''

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  /** Forgets requests, data, overrides and holds (releasing anything held). */
  reset(): void {
    this.requests.length = 0
    this.collections.clear()
    this.files.clear()
    this.#overrides = []
    for (const hold of this.#holds.splice(0)) {
      hold.released = true
      for (const go of hold.waiting.splice(0)) go()
    }
  }

  seed(endpoint: string, entities: ReadonlyArray<object>, idField = 'id'): void {
    const map = this.collections.get(endpoint) ?? new Map()
    for (const e of entities as Entity[]) map.set(String(e[idField]), { ...e })
    this.collections.set(endpoint, map)
  }

  /** Answers matching requests with `handler` (`times` times, default always) instead of the normal route. */
  override(method: string, pattern: RegExp, handler: Handler, times = Number.POSITIVE_INFINITY): void {
    this.#overrides.push({ method, pattern, handler, times })
  }

  /**
   * Matching requests wait until the returned `release()` is called; with `answer: true` they are applied
   * at once and only their answers wait (an answer that arrives late).
   */
  hold(
    method: string,
    pattern: RegExp,
    { answer = false } = {},
  ): { release(): void; waiting(): number; close(): void } {
    const hold = { method, pattern, answer, waiting: [] as Array<() => void>, released: false, closed: false }
    this.#holds.push(hold)
    return {
      release: () => {
        hold.released = true
        for (const go of hold.waiting.splice(0)) go()
      },
      waiting: () => hold.waiting.length,
      /** Later requests pass; those already waiting stay held until `release()`. */
      close: () => {
        hold.closed = true
      },
    }
  }

  count(method: string, pattern?: RegExp): number {
    return this.requests.filter((r) => r.method === method && (!pattern || pattern.test(r.path))).length
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://x')
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      search: url.search,
      body: text ? JSON.parse(text) : undefined,
      aborted: false,
    }
    this.requests.push(logged)
    res.on('close', () => {
      if (!res.writableFinished) logged.aborted = true
    })
    const held = (answer: boolean) => {
      const hold = this.#holds.find(
        (h) =>
          !h.released &&
          !h.closed &&
          h.answer === answer &&
          h.method === logged.method &&
          h.pattern.test(logged.path),
      )
      return hold && new Promise<void>((resolve) => hold.waiting.push(resolve))
    }
    await held(false)
    const gate = held(true)
    if (res.destroyed) return
    const override = this.#overrides.find(
      (o) => o.times > 0 && o.method === logged.method && o.pattern.test(logged.path),
    )
    const answer = override ? override.handler(logged) : undefined
    if (override && answer) override.times--
    if (answer) return this.#send(res, answer.status, answer.body, gate)
    this.#route(logged, url, res, gate)
  }

  #route(req: LoggedRequest, url: URL, res: ServerResponse, gate?: Promise<void>): unknown {
    const [endpoint, id, sub] = req.path.split('/').filter(Boolean).map(decodeURIComponent)
    const items = this.collections.get(endpoint)
    if (!items) return this.#send(res, 404, { error: `no endpoint ${endpoint}` })
    if (id === undefined) {
      if (req.method === 'GET') {
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const limit = Number(url.searchParams.get('limit') ?? 5000)
        const filters = [...url.searchParams].filter(([k]) => k !== 'offset' && k !== 'limit')
        const all = [...items.values()].filter((e) => filters.every(([k, v]) => String(e[k]) === v))
        return this.#send(res, 200, all.slice(offset, offset + limit), gate)
      }
      if (req.method === 'POST') {
        const entity = { id: randomUUID(), ...(req.body as Entity) }
        items.set(entity.id as string, entity)
        return this.#send(res, 201, entity, gate)
      }
    }
    if (sub === 'file' && req.method === 'GET') {
      const file = this.files.get(id)
      if (!file) return this.#send(res, 404, { error: 'no file' })
      res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) })
      // Two chunks, so progress has something in between.
      const half = Math.floor(file.bytes.length / 2)
      res.write(file.bytes.subarray(0, half))
      setTimeout(() => res.end(file.bytes.subarray(half)), 20)
      return true
    }
    const entity = items.get(id)
    if (!entity) return this.#send(res, 404, { error: `${endpoint} ${id} not found` })
    if (req.method === 'GET') return this.#send(res, 200, entity, gate)
    if (req.method === 'PATCH') {
      const next = { ...entity, ...(req.body as Entity) }
      items.set(id, next)
      return this.#send(res, 200, next, gate)
    }
    if (req.method === 'DELETE') {
      items.delete(id)
      return this.#send(res, 200, {}, gate)
    }
    return this.#send(res, 405, { error: 'method not allowed' })
  }

  async #send(res: ServerResponse, status: number, body: unknown, gate?: Promise<void>): Promise<boolean> {
    if (gate) await gate
    if (res.destroyed) return false
    const text = body === undefined ? '' : JSON.stringify(body)
    // Retry-After: 0 keeps the HTTP client's retries of 5xx fast in tests.
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' })
    res.end(text)
    return true
  }
}

/** One server for a test file: reset and seeded by `seed` before each test, React trees unmounted after. */
export function serveForEachTest(seed: (server: LoopbackServer) => void): LoopbackServer {
  const server = new LoopbackServer()
  beforeAll(async () => {
    await server.start()
  })
  afterAll(() => server.stop())
  beforeEach(() => {
    server.reset()
    seed(server)
  })
  afterEach(cleanup)
  return server
}
