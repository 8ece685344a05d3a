import { weakMemo } from './weakMemo.js'

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
  /** Adds `delta` to each key's count; returns the keys that just settled and were stale. */
  add(keys: readonly string[], delta: number): string[]
}

/** The tracker of one QueryClient (created on first use). */
export const pendingMutationsFor: (client: object) => PendingMutations = weakMemo(() => {
  const counts = new Map<string, number>()
  const stale = new Set<string>()
  return {
    counts,
    stale,
    add: (keys, delta) =>
      keys.filter((key) => {
        const n = (counts.get(key) ?? 0) + delta
        if (n > 0) counts.set(key, n)
        else counts.delete(key)
        return n <= 0 && stale.delete(key)
      }),
  }
})
