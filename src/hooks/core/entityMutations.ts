import { matchQuery, type QueryClient, type QueryFilters } from '@tanstack/query-core'
import { BulkOperationError } from '../../api/BulkOperationError.js'
import type { CallOptions } from '../../api/crud/types.js'
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
  send(options: Pick<CallOptions, 'keepalive'>): Promise<R>
}

/**
 * Runs one write with its cache effects; framework-free (the hooks call it from `mutationFn`). A create
 * or patch puts the server's entity in the cache; a delete drops the entities (only those that went
 * through, in a partial failure). The type's lists are refetched once none of its writes is pending.
 *
 * While an optimistic write is pending, lists and details fetched meanwhile show its change on top.
 * Writes to one entity may overlap: an answer is written only if no answer of a write started later is
 * in the cache already, and once they have all settled the entity is refetched (the answers may have
 * come back in another order than the server applied them), so the cache ends as the server holds it.
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
  const entityKeys = ids.map(cache.entityKey)
  const counted = [typeKey, ...entityKeys]
  const started = pending.next()
  // Cached copies the cross-entity effects of a delete look at (read before any write).
  const cached = change === null ? ids.map((id) => cache.find(client, id)?.entity) : []
  const filters: QueryFilters[] = []
  /** The server said yes to `done`: write the cache, and mark what it makes stale. */
  const commit = (result: R | undefined, done: readonly string[]) => {
    if (change === null) cache.drop(client, done)
    else if (entityKeys.every((key) => (pending.written.get(key) ?? 0) < started)) {
      for (const key of entityKeys) pending.written.set(key, started)
      cache.put(client, result, started)
    }
    pending.stale.add(typeKey)
    // Creates and deletes change other types (a create has no ids: its effect looks at the new entity).
    const [, serverUrl, endpointBase] = cache.keys.all
    const effect = crossEntityEffects[endpointBase]
    if (!change && effect)
      filters.push(effect(serverUrl, ids.length ? cached.filter((_, i) => done.includes(ids[i])) : [result]))
  }
  // Another write to one of these entities is in flight: refetch them once all have settled.
  for (const key of entityKeys) if (pending.counts.has(key)) pending.stale.add(key)
  let rollback: (() => boolean) | undefined
  let release: (() => void) | undefined
  pending.add(counted, 1)
  try {
    if (ticket?.undone) throw new MutationUndoneError()
    if (change !== undefined && mode !== 'pessimistic') {
      release = cache.hold(client, ids, change, started)
      await cache.cancel(client, ids)
      rollback = cache.edit(client, ids, (entity) => change && ({ ...(entity as object), ...change } as T))
    }
    const result = await send({ keepalive: await ticket?.ready })
    release?.()
    commit(result, ids)
    return result
  } catch (error) {
    release?.()
    // Not exact (an entry was written since): refetch what it touched once all settle.
    if (rollback && !rollback()) for (const key of counted) pending.stale.add(key)
    // Partial failure: the others are gone on the server.
    if (error instanceof BulkOperationError) {
      const failed = new Set(error.failures.map((f) => f.id))
      const done = ids.filter((id) => !failed.has(id))
      if (done.length) commit(undefined, done)
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
