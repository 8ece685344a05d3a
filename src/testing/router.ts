import type { DatamintDb } from './DatamintDb.js'
import type { WireOptions } from './wire.js'

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Settings routes read on every request (they can change at run time with `server.configure`). */
export interface RouteSettings extends WireOptions {
  /** What `PATCH /{endpoint}/{id}` answers: the updated entity, or `{}` as the real server may. */
  patchResponse: 'entity' | 'empty'
  /** File downloads stream in chunks of this many bytes, so progress events are real. */
  chunkSize: number
  /** Bytes per second for file downloads (a slow network); undefined = as fast as possible. */
  bandwidth: number | undefined
}

export interface RouteContext {
  request: Request
  url: URL
  params: Record<string, string>
  db: DatamintDb
  settings: RouteSettings
}

export interface Route {
  method: RouteMethod
  /** Path relative to the base URL with `:param` segments, e.g. `/resources/:id/file`. */
  path: string
  handle: (context: RouteContext) => Response | Promise<Response>
}

/** `'GET /resources/:id/file'`: how faults and the request log name a route. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

/**
 * Finds the route for a method and path. Literal segments win over parameters at the same place
 * (`/resources/channels` before `/resources/:id`); a trailing slash is ignored, as the SDK sends some.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const parts = segments(path)
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined
  for (const route of routes) {
    if (route.method !== method) continue
    const pattern = segments(route.path)
    if (pattern.length !== parts.length) continue
    const params: Record<string, string> = {}
    let literals = 0
    let ok = true
    for (let i = 0; i < pattern.length && ok; i++) {
      if (pattern[i].startsWith(':')) {
        try {
          params[pattern[i].slice(1)] = decodeURIComponent(parts[i])
        } catch {
          ok = false
        }
      } else if (pattern[i] === parts[i]) {
        literals += 1
      } else {
        ok = false
      }
    }
    if (ok && (!best || literals > best.literals)) best = { route, params, literals }
  }
  return best && { route: best.route, params: best.params }
}
