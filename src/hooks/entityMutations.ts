import { matchQuery, type QueryClient, type QueryFilters } from '@tanstack/react-query'
import { crossEntityFilters, type EntityEvent } from './crossEntityEffects.js'
import type { EditEntity, EntityCache } from './entityCache.js'
import { pendingMutationsFor } from './pendingMutations.js'
import type { BulkFailure, WriteCallOptions } from './types.js'
import { MutationUndoneError, type UndoTicket } from './undoableScheduler.js'

/**
 * How a write reaches the cache: `pessimistic` after the server answers; `optimistic` at once, rolled
 * back on error; `undoable` at once, with the request held back so `undo()` can cancel it.
 */
export type MutationMode = 'pessimistic' | 'optimistic' | 'undoable'

/** One write: what it sends and what it does to the cache. */
export interface EntityWrite<T, R> {
  event: EntityEvent
  /** The entities written (none for a create). */
  ids: readonly string[]
  /** The optimistic change (not applied in pessimistic mode). */
  apply?: EditEntity<T>
  /** `keepalive` is set for a send released by `pagehide` (the request must outlive the page). */
  send(options: WriteCallOptions): Promise<R>
  /** Cache writes once the server said yes to `ids` (all, or those that went through in a partial failure). */
  commit(result: R | undefined, ids: readonly string[]): void
}

/** Runs one write with its cache effects; framework-free (the hooks call it from `mutationFn`). */
export async function runWrite<T, R>(
  client: QueryClient,
  cache: EntityCache<T>,
  { event, ids, apply, send, commit }: EntityWrite<T, R>,
  mode: MutationMode,
  ticket?: UndoTicket,
): Promise<R> {
  const { typeKey } = cache
  const pending = pendingMutationsFor(client)
  const counted = [typeKey, ...ids.map(cache.entityKey)]
  // Cached copies the cross-entity effects look at (read before any write).
  const cached = ids.map((id) => cache.find(client, id)?.entity)
  const filters: QueryFilters[] = []
  // The server changed: this type's lists once nothing of it is pending, other types' queries now.
  const changed = (entities: unknown[]) => {
    pending.stale.add(typeKey)
    filters.push(...crossEntityFilters(cache.keys.all, event, entities, !cached.includes(undefined)))
  }
  let rollback: (() => boolean) | undefined
  pending.add(counted, 1)
  try {
    if (ticket?.undone) throw new MutationUndoneError()
    if (apply && mode !== 'pessimistic') {
      await cache.cancel(client, ids)
      rollback = cache.edit(client, ids, apply)
    }
    const result = await send({ keepalive: await ticket?.ready })
    commit(result, ids)
    // A create has no ids: its effects look at the created entity.
    changed(ids.length ? cached : [result])
    return result
  } catch (error) {
    // Not exact (an entry was written since): refetch what it touched once all settle.
    if (rollback && !rollback()) for (const key of counted) pending.stale.add(key)
    const failures = (error as { failures?: BulkFailure[] } | null)?.failures
    if (Array.isArray(failures)) {
      // Partial failure: the others are gone on the server.
      const done = ids.filter((id) => !failures.some((f) => f.id === id))
      if (done.length) {
        commit(undefined, done)
        changed(cached.filter((_, i) => done.includes(ids[i])))
      }
    }
    throw error
  } finally {
    for (const key of pending.add(counted, -1))
      filters.push({ queryKey: JSON.parse(key), exact: key !== typeKey })
    // One call: overlapping invalidateQueries calls would cancel and restart each other's refetches.
    if (filters.length)
      void client.invalidateQueries({ predicate: (q) => filters.some((f) => matchQuery(f, q)) })
  }
}
