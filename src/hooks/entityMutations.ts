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

interface RunSpec<R> {
  event: EntityEvent
  ids: readonly string[]
  mode: MutationMode
  ticket?: UndoTicket
  /** Optimistic write (not called in pessimistic mode). */
  apply(): CacheChange
  /** `keepalive` is set for a send released by `pagehide` (the request must outlive the page). */
  send(options: WriteCallOptions): Promise<R>
  /** Cache writes once the server said yes; `change` is undefined in pessimistic mode. */
  commit(result: R, change: CacheChange | undefined): void
  /** Cached entities the cross-entity effects look at (read before any write). */
  affected: { entities: unknown[]; complete: boolean }
  /** Bulk writes: the ids that failed when the error says only some did. */
  failedIds?(error: unknown): ReadonlySet<string> | undefined
  /** Partial failure: the cache writes for what did succeed (after the rollback of the rest). */
  commitPartial?(succeeded: ReadonlySet<string>, change: CacheChange | undefined): void
  createdEntities?(result: R): unknown[]
}

/** Runs one write with its cache effects; framework-free (the hooks call it from `mutationFn`). */
async function run<T, R>(target: MutationTarget<T>, spec: RunSpec<R>): Promise<R> {
  const { client, cache } = target
  const pending = pendingMutationsFor(client)
  const entityKeys = spec.ids.map(cache.entityKey)
  pending.begin(cache.typeKey, entityKeys)
  let change: CacheChange | undefined
  const crossFilters: QueryFilters[] = []
  const effect = (entities: unknown[], complete: boolean) => {
    pending.markChanged(cache.typeKey)
    crossFilters.push(
      ...crossEntityFilters(target.endpointBase, spec.event, {
        serverUrl: target.serverUrl,
        entities,
        complete,
      }),
    )
  }
  try {
    if (spec.ticket?.state === 'undone') throw new MutationUndoneError()
    if (spec.mode !== 'pessimistic') {
      await cache.cancel(client, spec.ids)
      change = spec.apply()
    }
    if (spec.ticket) await spec.ticket.ready
    const result = await spec.send({ keepalive: spec.ticket?.keepalive })
    spec.commit(result, change)
    effect(spec.createdEntities?.(result) ?? spec.affected.entities, spec.affected.complete)
    return result
  } catch (error) {
    const failed = spec.failedIds?.(error)
    if (failed) {
      // Partial failure: the others are gone on the server.
      const succeeded = new Set(spec.ids.filter((id) => !failed.has(id)))
      if (change) {
        for (const id of change.rollback(failed)) pending.markDirty(cache.typeKey, cache.entityKey(id))
      }
      spec.commitPartial?.(succeeded, change)
      if (succeeded.size > 0) {
        const entities = spec.affected.entities.filter((e) => succeeded.has(cache.idOf(e) ?? ''))
        effect(entities, spec.affected.complete)
      }
    } else if (change) {
      for (const id of change.rollback()) pending.markDirty(cache.typeKey, cache.entityKey(id))
    }
    throw error
  } finally {
    const { listsStale, dirtyEntities } = pending.end(cache.typeKey, entityKeys)
    const filters = [...crossFilters]
    if (listsStale) filters.push({ queryKey: cache.keys.lists() })
    for (const key of dirtyEntities) filters.push({ queryKey: JSON.parse(key), exact: true })
    void invalidateMatching(client, filters)
  }
}

function affectedOf<T>(target: MutationTarget<T>, ids: readonly string[]) {
  const entities: unknown[] = []
  for (const id of ids) {
    const cached = target.cache.findCached(target.client, id)
    if (cached !== undefined) entities.push(cached)
  }
  return { entities, complete: entities.length === ids.length }
}

export interface WriteOptions {
  mode: MutationMode
  ticket?: UndoTicket
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
    apply: () => ({ rollback: () => [] }),
    send,
    commit: (result) => {
      const id = target.cache.idOf(result)
      if (id !== undefined) target.client.setQueryData(target.cache.keys.detail(id), result)
    },
    affected: { entities: [], complete: true },
    createdEntities: (result) => (typeof result === 'object' && result !== null ? [result] : []),
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
  return run<T, T>(target, {
    event: 'patch',
    ids: [id],
    ...options,
    apply: () => target.cache.patchEverywhere(target.client, id, (entity) => ({ ...entity, ...data })),
    send,
    commit: (entity) => target.cache.writeEverywhere(target.client, entity),
    affected: affectedOf(target, [id]),
  })
}

/** The ids of a bulk error's `failures`, when the API reported a partial failure. */
function failuresOf(error: unknown): ReadonlySet<string> | undefined {
  const failures = (error as { failures?: BulkFailure[] } | null)?.failures
  return Array.isArray(failures) ? new Set(failures.map((f) => f.id)) : undefined
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
    commit: (_result, change) => {
      if (!change) cache.removeEverywhere(client, new Set(ids))
      cache.dropDetails(client, ids)
    },
    affected: affectedOf(target, ids),
    failedIds: failuresOf,
    commitPartial: (succeeded, change) => {
      if (!change) cache.removeEverywhere(client, succeeded)
      cache.dropDetails(client, succeeded)
    },
  })
}
