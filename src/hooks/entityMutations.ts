import type { Query, QueryClient, QueryFilters } from '@tanstack/react-query'
import { crossEntityFilters, type EntityEvent } from './crossEntityEffects.js'
import type { CacheChange, EntityCache } from './entityCache.js'
import { pendingMutationsFor } from './pendingMutations.js'
import type { BulkFailure, WriteCallOptions } from './types.js'
import { MutationUndoneError, type UndoTicket } from './undoableScheduler.js'

/**
 * How a write reaches the cache: `pessimistic` after the server answers; `optimistic` at once, rolled
 * back on error; `undoable` at once, with the request held back so `undo()` can cancel it.
 */
export type MutationMode = 'pessimistic' | 'optimistic' | 'undoable'

export interface MutationTarget<T> {
  client: QueryClient
  cache: EntityCache<T, unknown>
  serverUrl: string
  endpointBase: string
}

/**
 * Invalidates every query matched by any of the filters, once each. Overlapping
 * `invalidateQueries` calls would cancel and restart each other's refetches (two requests for one list).
 */
export function invalidateMatching(client: QueryClient, filters: readonly QueryFilters[]): Promise<void> {
  const matched = new Set<Query>()
  for (const f of filters) for (const query of client.getQueryCache().findAll(f)) matched.add(query)
  if (matched.size === 0) return Promise.resolve()
  return client.invalidateQueries({ predicate: (query) => matched.has(query) })
}

export interface WriteOptions {
  mode: MutationMode
  ticket?: UndoTicket
}

interface RunSpec<R> extends WriteOptions {
  event: EntityEvent
  ids: readonly string[]
  /** Optimistic write (not called in pessimistic mode). */
  apply?(): CacheChange
  /** `keepalive` is set for a send released by `pagehide` (the request must outlive the page). */
  send(options: WriteCallOptions): Promise<R>
  /**
   * Cache writes once the server said yes to `ids` (all, or those that succeeded in a partial failure);
   * `change` is undefined in pessimistic mode.
   */
  commit(result: R | undefined, change: CacheChange | undefined, ids: readonly string[]): void
}

/** The ids of a bulk error's `failures`, when the API reported a partial failure. */
function failuresOf(error: unknown): ReadonlySet<string> | undefined {
  const failures = (error as { failures?: BulkFailure[] } | null)?.failures
  return Array.isArray(failures) ? new Set(failures.map((f) => f.id)) : undefined
}

/** Runs one write with its cache effects; framework-free (the hooks call it from `mutationFn`). */
async function run<T, R>(
  { client, cache, endpointBase, serverUrl }: MutationTarget<T>,
  { event, ids, mode, ticket, apply, send, commit }: RunSpec<R>,
): Promise<R> {
  const { typeKey, entityKey } = cache
  const pending = pendingMutationsFor(client)
  const entityKeys = ids.map(entityKey)
  // Cached entities the cross-entity effects look at (read before any write).
  const cached = ids.map((id) => cache.findCached(client, id)).filter((e) => e !== undefined)
  const complete = cached.length === ids.length
  const filters: QueryFilters[] = []
  const effect = (entities: unknown[]) => {
    pending.markChanged(typeKey)
    filters.push(...crossEntityFilters(endpointBase, event, { serverUrl, entities, complete }))
  }
  let change: CacheChange | undefined
  const rollback = (only?: ReadonlySet<string>) => {
    for (const id of change?.rollback(only) ?? []) pending.markDirty(typeKey, entityKey(id))
  }
  pending.begin(typeKey, entityKeys)
  try {
    if (ticket?.state === 'undone') throw new MutationUndoneError()
    if (mode !== 'pessimistic') {
      await cache.cancel(client, ids)
      change = apply?.()
    }
    if (ticket) await ticket.ready
    const result = await send({ keepalive: ticket?.keepalive })
    commit(result, change, ids)
    // A create has no ids: its effects look at the created entity.
    effect(ids.length ? cached : [result].filter((r) => typeof r === 'object' && r))
    return result
  } catch (error) {
    const failed = failuresOf(error)
    rollback(failed)
    if (failed) {
      // Partial failure: the others are gone on the server.
      const succeeded = ids.filter((id) => !failed.has(id))
      commit(undefined, change, succeeded)
      if (succeeded.length) effect(cached.filter((e) => succeeded.includes(cache.idOf(e) as string)))
    }
    throw error
  } finally {
    const { listsStale, dirtyEntities } = pending.end(typeKey, entityKeys)
    if (listsStale) filters.push({ queryKey: cache.keys.lists() })
    for (const key of dirtyEntities) filters.push({ queryKey: JSON.parse(key), exact: true })
    void invalidateMatching(client, filters)
  }
}

/** Create: pessimistic (there is no id before the server answers); the new entity goes to its detail entry. */
export function runCreate<T>(
  target: MutationTarget<T>,
  send: RunSpec<T | string>['send'],
): Promise<T | string> {
  return run<T, T | string>(target, {
    event: 'create',
    ids: [],
    mode: 'pessimistic',
    send,
    commit: (result) => {
      const id = target.cache.idOf(result)
      if (id !== undefined) target.client.setQueryData(target.cache.keys.detail(id), result)
    },
  })
}

/** Patch: merged into the entity everywhere it is cached; the server's entity replaces it on success. */
export function runPatch<T>(
  target: MutationTarget<T>,
  id: string,
  data: Partial<T>,
  send: RunSpec<T>['send'],
  options: WriteOptions,
): Promise<T> {
  const { client, cache } = target
  return run<T, T>(target, {
    event: 'patch',
    ids: [id],
    ...options,
    apply: () => cache.patchEverywhere(client, id, (entity) => ({ ...entity, ...data })),
    send,
    commit: (entity) => cache.writeEverywhere(client, entity as T),
  })
}

/** Delete one or many: gone from every list at once, details dropped; partial failures restore only their ids. */
export function runDelete<T>(
  target: MutationTarget<T>,
  ids: readonly string[],
  send: RunSpec<void>['send'],
  options: WriteOptions,
): Promise<void> {
  const { client, cache } = target
  return run<T, void>(target, {
    event: 'delete',
    ids,
    ...options,
    apply: () => cache.removeEverywhere(client, new Set(ids)),
    send,
    commit: (_result, change, done) => {
      if (!change) cache.removeEverywhere(client, new Set(done))
      cache.dropDetails(client, done)
    },
  })
}
