import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the test server saw it. */
export interface Seen {
  method: string
  /** Path without the query, e.g. `/projects/1`. */
  path: string
  query: URLSearchParams
  /** The raw request target, e.g. `/projects?offset=0&limit=10`. */
  rawUrl: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: Seen, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>

export interface TestServer {
  url: string
  requests: Seen[]
  /** Most requests being handled at the same moment. */
  maxInFlight: number
  handle(handler: Handler): void
  /** Resolves when the server has received `n` requests in total. */
  waitForRequests(n: number): Promise<void>
  close(): Promise<void>
}

/** Sends `body` (JSON unless it is a string) with `status` and extra headers. */
export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  const type = typeof body === 'string' ? 'text/plain' : 'application/json'
  res.writeHead(status, { 'content-type': type, ...headers })
  res.end(text)
}

/** A real HTTP server on 127.0.0.1 (port 0) whose answers the test scripts. */
export async function startServer(initial: Handler = (_req, res) => send(res, 200, {})): Promise<TestServer> {
  let handler = initial
  let inFlight = 0
  const waiters: Array<{ n: number; resolve: () => void }> = []
  const state: TestServer = {
    url: '',
    requests: [],
    maxInFlight: 0,
    handle: (h) => {
      handler = h
    },
    waitForRequests: (n) =>
      new Promise((resolve) => {
        if (state.requests.length >= n) resolve()
        else waiters.push({ n, resolve })
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = createServer(async (raw, res) => {
    inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, inFlight)
    res.on('close', () => {
      inFlight--
    })
    const chunks: Buffer[] = []
    for await (const chunk of raw) chunks.push(chunk as Buffer)
    const url = new URL(raw.url ?? '/', 'http://127.0.0.1')
    const seen: Seen = {
      method: raw.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      rawUrl: raw.url ?? '',
      headers: raw.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }
    state.requests.push(seen)
    for (const w of waiters.filter((x) => state.requests.length >= x.n)) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve()
    }
    try {
      await handler(seen, res, raw)
    } catch (error) {
      send(res, 599, `test handler threw: ${String(error)}`)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

/**
 * A handler that holds requests until `batch` of them are open (or `quietMs` pass without a new one), then
 * answers them all: a client that allows `batch` requests in flight reaches exactly that many at the server.
 */
export function batchingHandler(
  batch: number,
  answer: (res: ServerResponse) => void,
  quietMs = 100,
): Handler {
  let held: ServerResponse[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const release = () => {
    clearTimeout(timer)
    const now = held
    held = []
    for (const res of now) answer(res)
  }
  return (_req, res) => {
    held.push(res)
    clearTimeout(timer)
    if (held.length >= batch) release()
    else timer = setTimeout(release, quietMs)
  }
}
