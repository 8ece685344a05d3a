import { matchQuery, type QueryClient, type QueryFilters } from '@tanstack/react-query'
import type { BulkFailure, WriteCallOptions } from '../types.js'
import { crossEntityEffects } from './crossEntityEffects.js'
import type { EntityCache } from './entityCache.js'
import { pendingMutationsFor } from './pendingMutations.js'
import { MutationUndoneError, type UndoTicket } from './undoableScheduler.js'

/**
 * How a write reaches the cache: `pessimistic` after the server answers; `optimistic` at once, rolled
 * back on error; `undoable` at once, with the request held back so `undo()` can cancel it.
 */
export type MutationMode = 'pessimistic' | 'optimistic' | 'undoable'

/** One write: a create (no `change`), a patch (`change` merged into the entity) or a delete (`change: null`). */
export interface EntityWrite<R> {
  /** The entities written (none for a create). */
  ids: readonly string[]
  change?: object | null
  /** `keepalive` is set for a send released by `pagehide` (the request must outlive the page). */
  send(options: WriteCallOptions): Promise<R>
}

/**
 * Runs one write with its cache effects; framework-free (the hooks call it from `mutationFn`). A create
 * or patch puts the server's entity in the cache; a delete drops the entities (only those that went
 * through, in a partial failure). The type's lists are refetched once none of its writes is pending.
 */
export async function runWrite<T, R>(
  client: QueryClient,
  cache: EntityCache<T>,
  { ids, change, send }: EntityWrite<R>,
  mode: MutationMode,
  ticket?: UndoTicket,
): Promise<R> {
  const { typeKey } = cache
  const pending = pendingMutationsFor(client)
  const counted = [typeKey, ...ids.map(cache.entityKey)]
  // Cached copies the cross-entity effects look at (read before any write).
  const cached = ids.map((id) => cache.find(client, id)?.entity)
  const filters: QueryFilters[] = []
  /** The server said yes to `done`: write the cache, and mark what it makes stale. */
  const commit = (result: R | undefined, done: readonly string[]) => {
    if (change === null) cache.drop(client, done)
    else cache.put(client, result)
    pending.stale.add(typeKey)
    // Creates and deletes change other types (a create has no ids: its effect looks at the new entity).
    const [, serverUrl, endpointBase] = cache.keys.all
    const effect = crossEntityEffects[endpointBase]
    if (!change && effect)
      filters.push(effect(serverUrl, ids.length ? cached.filter((_, i) => done.includes(ids[i])) : [result]))
  }
  let rollback: (() => boolean) | undefined
  pending.add(counted, 1)
  try {
    if (ticket?.undone) throw new MutationUndoneError()
    if (change !== undefined && mode !== 'pessimistic') {
      await cache.cancel(client, ids)
      rollback = cache.edit(client, ids, (entity) => change && ({ ...(entity as object), ...change } as T))
    }
    const result = await send({ keepalive: await ticket?.ready })
    commit(result, ids)
    return result
  } catch (error) {
    // Not exact (an entry was written since): refetch what it touched once all settle.
    if (rollback && !rollback()) for (const key of counted) pending.stale.add(key)
    const failures = (error as { failures?: BulkFailure[] } | null)?.failures
    // Partial failure: the others are gone on the server.
    const done = Array.isArray(failures) ? ids.filter((id) => !failures.some((f) => f.id === id)) : []
    if (done.length) commit(undefined, done)
    throw error
  } finally {
    for (const key of pending.add(counted, -1))
      filters.push({ queryKey: JSON.parse(key), exact: key !== typeKey })
    // One call: overlapping invalidateQueries calls would cancel and restart each other's refetches.
    if (filters.length)
      void client.invalidateQueries({ predicate: (q) => filters.some((f) => matchQuery(f, q)) })
  }
}
