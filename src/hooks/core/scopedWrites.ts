import {
  matchQuery,
  type Query,
  type QueryClient,
  type QueryFilters,
  type QueryKey,
} from '@tanstack/query-core'
import { crossEntityEffects } from './crossEntityEffects.js'
import { weakMemo } from './weakMemo.js'

/**
 * A write to something that belongs to an entity (a project's members, splits, statuses; a worklist's
 * annotators, ...), not an entity with a cache entry of its own. What it makes stale is its row in
 * `crossEntityEffects`.
 */
export interface ScopedWrite<R> {
  /** Its row in `crossEntityEffects`, e.g. `'projects.setMember'`. */
  effect: string
  /** What the row reads: the owner's id and what else it needs (e.g. `{ project, dataset }`). */
  subject: object
  /**
   * Writes that refetch together once all of them settled (usually the owner's id): a refetch between two
   * optimistic writes would bring back server data without the second one.
   */
  scope: string
  /** The optimistic change, applied at once; returns its rollback (false when it could not be exact). */
  optimistic?(client: QueryClient): () => boolean
  send(): Promise<R>
}

/** Per client and scope: writes in flight and the filters to refetch once they all settled. */
const inFlight = weakMemo((_client: object) => new Map<string, { count: number; filters: QueryFilters[] }>())

/**
 * Runs one scoped write: the optimistic change first (in-flight fetches of what it touches cancelled),
 * rolled back on error; the row's queries are refetched when the scope's last write settles.
 */
export async function runScopedWrite<R>(
  client: QueryClient,
  serverUrl: string,
  write: ScopedWrite<R>,
): Promise<R> {
  const row = crossEntityEffects[write.effect]
  if (!row) throw new Error(`crossEntityEffects has no row "${write.effect}"`)
  const filters = row(serverUrl, [write.subject])
  const scopes = inFlight(client)
  const entry = scopes.get(write.scope) ?? { count: 0, filters: [] }
  scopes.set(write.scope, entry)
  entry.count += 1
  entry.filters.push(filters)
  let rollback: (() => boolean) | undefined
  try {
    if (write.optimistic) {
      await client.cancelQueries(filters)
      rollback = write.optimistic(client)
    }
    return await write.send()
  } catch (error) {
    // Not exact (written again since): the refetch below brings the server's state.
    rollback?.()
    throw error
  } finally {
    entry.count -= 1
    if (entry.count === 0) {
      scopes.delete(write.scope)
      const all = entry.filters
      void client.invalidateQueries({ predicate: (q) => all.some((f) => matchQuery(f, q)) })
    }
  }
}

/**
 * Applies `edit` to the cached data of every query under `prefix` (`undefined` parts match anything);
 * returns the rollback, which restores each entry still holding the edited value and returns false when some
 * entry was written again since.
 */
export function editQueries<T>(
  client: QueryClient,
  prefix: QueryKey,
  edit: (data: T, key: QueryKey) => T,
): () => boolean {
  const edited: Array<[query: Query, before: unknown, after: unknown, updatedAt: number]> = []
  const queries = client
    .getQueryCache()
    .findAll({ predicate: ({ queryKey }) => prefix.every((p, i) => p === undefined || p === queryKey[i]) })
  for (const query of queries) {
    const { data, dataUpdatedAt } = query.state
    if (data === undefined) continue
    const next = edit(data as T, query.queryKey)
    if (next === data) continue
    edited.push([query, data, next, dataUpdatedAt])
    query.setState({ data: next })
  }
  return () => {
    let exact = true
    for (const [query, before, after, updatedAt] of edited) {
      if (query.state.data === after) query.setState({ data: before, dataUpdatedAt: updatedAt })
      else exact = false
    }
    return exact
  }
}
