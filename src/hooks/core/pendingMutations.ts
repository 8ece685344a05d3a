import { weakMemo } from './weakMemo.js'

/** An optimistic change in flight: fields merged into the entity, or `null` for a delete. */
export type PendingChange = object | null

/** A pending change with the number of the write that made it (writes are numbered as they start). */
export interface HeldChange {
  change: PendingChange
  started: number
}

/**
 * Mutations in flight per key (an entity type, or one entity) for one QueryClient, and the keys whose
 * queries must be refetched once their count drops to zero. Lists are invalidated only when the last
 * mutation of the type settles: refetching earlier would bring back server data without another
 * pending optimistic change.
 */
export interface PendingMutations {
  counts: Map<string, number>
  /** Keys to refetch when they settle: the server changed, or a rollback could not be exact. */
  stale: Set<string>
  /**
   * The optimistic changes in flight, by type key then entity id, in the order they were made. Data
   * that arrives while they are pending (a refetch, a new mount) gets them laid on top.
   */
  changes: Map<string, Map<string, HeldChange[]>>
  /** Per entity key: the start number of the newest write whose answer was written to the cache. */
  written: Map<string, number>
  /** Numbers writes in the order they start. */
  next(): number
  /** Adds `delta` to each key's count; returns the keys that just settled and were stale. */
  add(keys: readonly string[], delta: number): string[]
}

/** The tracker of one QueryClient (created on first use). */
export const pendingMutationsFor: (client: object) => PendingMutations = weakMemo(() => {
  const counts = new Map<string, number>()
  const stale = new Set<string>()
  const written = new Map<string, number>()
  let started = 0
  return {
    counts,
    stale,
    changes: new Map(),
    written,
    next: () => ++started,
    add: (keys, delta) =>
      keys.filter((key) => {
        const n = (counts.get(key) ?? 0) + delta
        if (n > 0) counts.set(key, n)
        else {
          counts.delete(key)
          written.delete(key)
        }
        return n <= 0 && stale.delete(key)
      }),
  }
})
