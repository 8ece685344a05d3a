import { delay, type HttpHandler, HttpResponse, http } from 'msw'
import { DatamintDb } from './DatamintDb.js'
import { FaultInjector, type FaultMap, type FaultSpec } from './FaultInjector.js'
import { DEFAULT_CLOCK_START } from './FixedClock.js'
import { errorBody, errorResponse, HttpError } from './httpErrors.js'
import { matchRoute, type Route, type RouteSettings, routeKey } from './router.js'
import { annotationRoutes } from './routes/annotations.js'
import { channelRoutes } from './routes/channels.js'
import { datasetRoutes } from './routes/datasets.js'
import { projectRoutes } from './routes/projects.js'
import { projectWorkRoutes } from './routes/projectWork.js'
import { resourceFileRoutes } from './routes/resourceFiles.js'
import { resourceRoutes } from './routes/resources.js'
import { userRoutes } from './routes/users.js'
import { worklistRoutes } from './routes/worklists.js'
import { SeededRandom } from './SeededRandom.js'
import { SEED_USERS, type SeedOptions, seedDatabase } from './seedDatabase.js'
import type { SeedFile } from './seedFiles.js'

/** A fixed delay in ms, a uniform range `[min, max]` drawn from the seeded generator, or msw's `'real'`. */
export type Latency = number | readonly [min: number, max: number] | 'real'

export interface DatamintServerOptions {
  /** Absolute URL the server answers under (point `ApiConfig.serverUrl` at it). Default `https://api.datamint.test`. */
  baseUrl?: string
  /**
   * The key every request must carry in the `apikey` header (or `Authorization: Bearer`); others get 401.
   * Default `'test-api-key'`; `null` turns authentication off.
   */
  apiKey?: string | null
  /** E-mail of the key's owner, written to `created_by`, `deleted_by`, ... Default `admin@datamint.test`. */
  currentUser?: string
  /** Seed the store with sample users, projects, datasets and annotations, and a resource per seed file. Default true. */
  seed?: boolean | SeedOptions
  /** The files behind the seeded resources (every fixture: see `loadSeedFiles` / `fetchSeedFiles`). */
  seedFiles?: readonly SeedFile[]
  /** Seed of the generators behind ids, latency ranges and fault probabilities. Default 1. */
  randomSeed?: number
  /** Start of the server's clock; each write is one second later. Default `2025-03-03T09:00:00.000Z`. */
  clockStart?: string | Date
  /** Delay before every answer. Default none. */
  latency?: Latency
  /** Download speed in bytes/s for files and frames (a slow network with visible progress). Default unlimited. */
  bandwidth?: number
  /** Downloads stream in chunks of this many bytes. Default 16 KiB. */
  chunkSize?: number
  /** Failures to inject, by route key: `{ 'GET /resources/:id/file': { status: 500, times: 1 } }`. */
  faults?: FaultMap
  /** What PATCH answers: `'empty'` (`{}`, as the real server may; clients read back) or `'entity'`. Default `'empty'`. */
  patchResponse?: 'entity' | 'empty'
  /** Send `resource_count`, `totalCount`, ... as strings like the real server. Default true. */
  numbersAsStrings?: boolean
}

/** One request the server answered, for assertions (`server.requests`). */
export interface RecordedRequest {
  method: string
  /** Path relative to the base URL, e.g. `/resources`. */
  path: string
  query: Record<string, string>
  /** The route key that matched, e.g. `DELETE /resources`; undefined for unknown paths. */
  route: string | undefined
  /** Status answered; 0 for an injected network failure. */
  status: number
}

export interface DatamintServer {
  /** Pass to `setupServer(...handlers)` (msw/node) or `setupWorker(...handlers)` (msw/browser). */
  handlers: HttpHandler[]
  /** The store: inspect or change records directly; `db.reset()` restores the seeded state. */
  db: DatamintDb
  baseUrl: string
  apiKey: string | null
  /** Every route key, e.g. `'GET /resources/:id/file'` (the keys `faults` accepts). */
  routes: string[]
  /** Requests answered so far, oldest first. */
  requests: RecordedRequest[]
  /** Arms a fault at run time, e.g. in one test. */
  inject(route: string, fault: FaultSpec): void
  /** Disarms every fault, including those given at creation (until `reset()`). */
  clearFaults(): void
  /** Changes latency, bandwidth, ... at run time (e.g. from a Storybook toolbar). */
  configure(
    settings: Partial<
      Pick<
        DatamintServerOptions,
        'latency' | 'bandwidth' | 'chunkSize' | 'patchResponse' | 'numbersAsStrings'
      >
    >,
  ): void
  /** Restores the seeded store, re-arms the creation faults and clears the request log. */
  reset(): void
}

const ROUTES: Route[] = [
  ...projectRoutes,
  ...projectWorkRoutes,
  ...worklistRoutes,
  ...channelRoutes,
  ...resourceRoutes,
  ...resourceFileRoutes,
  ...annotationRoutes,
  ...userRoutes,
  ...datasetRoutes,
]

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'apikey, authorization, content-type, accept',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Type, Content-Disposition, Retry-After',
}

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value)
  return response
}

function authorized(request: Request, apiKey: string | null): boolean {
  if (apiKey === null) return true
  const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
  return request.headers.get('apikey') === apiKey || bearer === apiKey
}

/**
 * An in-memory Datamint server as msw 2 handlers: projects (with members, splits, statuses, statistics,
 * review messages, annotation export), resources (filters, paging, file download with Content-Length, multipart
 * upload, bulk delete, publish), annotations, annotation worklists, users and invitations, datasets (resources,
 * token-then-stream download) and channels,
 * speaking the wire format of the real server. Deterministic: ids come from a seeded generator and
 * timestamps from a fixed clock, so two servers created alike hold identical data.
 *
 * @example Node (vitest)
 * import { setupServer } from 'msw/node'
 * import { createDatamintServer } from 'datamint-react/testing'
 * import { loadSeedFiles } from 'datamint-react/testing/node'
 *
 * const datamint = createDatamintServer({ seedFiles: await loadSeedFiles('test/fixtures') })
 * const server = setupServer(...datamint.handlers)
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => datamint.reset())
 * afterAll(() => server.close())
 * // new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: datamint.apiKey })
 *
 * @example Browser (service worker; `npx msw init public/` once)
 * import { setupWorker } from 'msw/browser'
 * const datamint = createDatamintServer({ seedFiles: await fetchSeedFiles(urls), latency: [100, 400] })
 * await setupWorker(...datamint.handlers).start()
 *
 * @example Faults and a slow network
 * createDatamintServer({ bandwidth: 50_000, faults: { 'GET /resources/:id/file': { status: 500, times: 1 } } })
 */
export function createDatamintServer(options: DatamintServerOptions = {}): DatamintServer {
  const baseUrl = (options.baseUrl ?? 'https://api.datamint.test').replace(/\/+$/, '')
  let base: URL
  try {
    base = new URL(baseUrl)
  } catch {
    throw new TypeError(`createDatamintServer: baseUrl must be an absolute URL, got "${baseUrl}"`)
  }
  const basePath = base.pathname.replace(/\/+$/, '')
  const apiKey = options.apiKey === undefined ? 'test-api-key' : options.apiKey
  const randomSeed = options.randomSeed ?? 1
  const seed = options.seed ?? true
  const seedFiles = options.seedFiles ?? []

  const db = new DatamintDb({
    randomSeed,
    clockStart: options.clockStart ?? DEFAULT_CLOCK_START,
    currentUser: options.currentUser ?? SEED_USERS[0].email,
    customerId: new SeededRandom(randomSeed ^ 0x5eed).uuid(),
    populate: (store) => {
      if (seed) seedDatabase(store, seedFiles, seed === true ? {} : seed)
    },
  })
  const settings: RouteSettings & { latency: Latency | undefined } = {
    latency: options.latency,
    bandwidth: options.bandwidth,
    chunkSize: options.chunkSize ?? 16 * 1024,
    patchResponse: options.patchResponse ?? 'empty',
    numbersAsStrings: options.numbersAsStrings ?? true,
  }
  const routes = ROUTES.map(routeKey)
  const faults = new FaultInjector(routes, options.faults ?? {}, randomSeed ^ 0xfa17)
  let latencyRandom = new SeededRandom(randomSeed ^ 0x1a7e)
  const requests: RecordedRequest[] = []

  async function wait() {
    const latency = settings.latency
    if (latency === undefined) return
    if (latency === 'real') return delay('real')
    const ms =
      typeof latency === 'number' ? latency : latency[0] + latencyRandom.next() * (latency[1] - latency[0])
    if (ms > 0) await delay(ms)
  }

  async function answer(request: Request): Promise<{ response: Response; route?: string }> {
    const url = new URL(request.url)
    const path = url.pathname.slice(basePath.length) || '/'
    if (request.method === 'OPTIONS') return { response: new HttpResponse(null, { status: 204 }) }
    const match = matchRoute(ROUTES, request.method, path)
    await wait()
    if (!match) return { response: errorResponse(404, `Cannot ${request.method} ${path}`) }
    const key = routeKey(match.route)
    const fault = faults.take(key)
    // Read an upload's body before refusing it, as a server does: a streamed body left unread stalls the client.
    if (fault || !authorized(request, apiKey)) await request.arrayBuffer().catch(() => undefined)
    if (fault?.network) return { response: HttpResponse.error(), route: key }
    if (fault) {
      const status = fault.status ?? 500
      const body = fault.body ?? errorBody(status, `Injected fault: ${key} answered ${status}`)
      return { response: HttpResponse.json(body as never, { status, headers: fault.headers }), route: key }
    }
    if (!authorized(request, apiKey)) {
      return {
        response: errorResponse(401, 'Invalid or missing API key (send it in the "apikey" header)'),
        route: key,
      }
    }
    try {
      return {
        response: await match.route.handle({ request, url, params: match.params, db, settings }),
        route: key,
      }
    } catch (error) {
      if (error instanceof HttpError)
        return { response: errorResponse(error.status, error.message, error.extra), route: key }
      const message = error instanceof Error ? error.message : String(error)
      return { response: errorResponse(500, `In-memory server error on ${key}: ${message}`), route: key }
    }
  }

  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const url = new URL(request.url)
    const { response, route } = await answer(request)
    requests.push({
      method: request.method,
      path: url.pathname.slice(basePath.length) || '/',
      query: Object.fromEntries(url.searchParams),
      route,
      status: response.type === 'error' ? 0 : response.status,
    })
    return response.type === 'error' ? response : withCors(response)
  })

  return {
    handlers: [handler],
    db,
    baseUrl,
    apiKey,
    routes,
    requests,
    inject: (route, fault) => faults.add(route, fault),
    clearFaults: () => faults.clear(),
    configure(changes) {
      for (const [name, value] of Object.entries(changes)) {
        if (value !== undefined || name === 'latency' || name === 'bandwidth') {
          ;(settings as unknown as Record<string, unknown>)[name] = value
        }
      }
    },
    reset() {
      db.reset()
      faults.reset()
      latencyRandom = new SeededRandom(randomSeed ^ 0x1a7e)
      requests.length = 0
    },
  }
}
