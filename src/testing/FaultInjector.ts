import { SeededRandom } from './SeededRandom.js'

/**
 * A failure to inject on a route. With neither `times` nor `probability`, every matching request fails.
 *
 * @example
 * { status: 500, times: 1 }                       // the first request fails, the retry succeeds
 * { status: 503, probability: 0.3 }               // 30 % fail, decided by the seeded generator
 * { status: 429, headers: { 'Retry-After': '1' } }
 * { network: true, times: 2 }                      // connection reset: fetch rejects
 */
export interface FaultSpec {
  /** HTTP status to answer (default 500). */
  status?: number
  /** Fail at the network level instead: no response, `fetch` rejects with a TypeError. */
  network?: boolean
  /** How many requests fail before the route works again (default: no limit). */
  times?: number
  /** Chance (0..1) that a matching request fails, drawn from the seeded generator (default 1). */
  probability?: number
  /** Let this many matching requests through before failing (default 0). */
  skip?: number
  /** The response body (default: the server's error body naming the injected fault). */
  body?: unknown
  headers?: Record<string, string>
}

/** Faults by route key (`'GET /resources/:id/file'`, as `server.routes` lists them) or `'*'` for every route. */
export type FaultMap = Record<string, FaultSpec | FaultSpec[]>

interface Armed {
  key: string
  spec: FaultSpec
  seen: number
  fired: number
}

/** Decides, per request, whether an injected fault answers instead of the route. */
export class FaultInjector {
  private armed: Armed[] = []
  private random: SeededRandom

  constructor(
    private readonly routeKeys: readonly string[],
    private readonly initial: FaultMap,
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed)
    this.reset()
  }

  /** Arms a fault; throws when the key names no route (the message lists the valid keys). */
  add(key: string, spec: FaultSpec): void {
    if (key !== '*' && !this.routeKeys.includes(key)) {
      throw new Error(`faults: no route "${key}". Use '*' or one of:\n  ${this.routeKeys.join('\n  ')}`)
    }
    const probability = spec.probability ?? 1
    if (!(probability >= 0 && probability <= 1))
      throw new Error(`faults["${key}"].probability must be in 0..1`)
    this.armed.push({ key, spec, seen: 0, fired: 0 })
  }

  clear(): void {
    this.armed = []
  }

  /** Back to the faults given at creation, with counters and the generator restarted. */
  reset(): void {
    this.clear()
    this.random = new SeededRandom(this.seed)
    for (const [key, specs] of Object.entries(this.initial)) {
      for (const spec of Array.isArray(specs) ? specs : [specs]) this.add(key, spec)
    }
  }

  /** The fault that answers this request, if any (route-specific faults before `'*'`). */
  take(routeKey: string): FaultSpec | undefined {
    const candidates = [
      ...this.armed.filter((a) => a.key === routeKey),
      ...this.armed.filter((a) => a.key === '*'),
    ]
    for (const entry of candidates) {
      entry.seen += 1
      if (entry.seen <= (entry.spec.skip ?? 0)) continue
      if (entry.fired >= (entry.spec.times ?? Number.POSITIVE_INFINITY)) continue
      const probability = entry.spec.probability ?? 1
      if (probability < 1 && this.random.next() >= probability) continue
      entry.fired += 1
      return entry.spec
    }
    return undefined
  }
}
