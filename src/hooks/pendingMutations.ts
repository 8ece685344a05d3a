import { weakMemo } from './weakMemo.js'

/**
 * Counts mutations in flight per entity and per entity type, for one QueryClient. Lists are
 * invalidated only when the last mutation of a type settles: refetching a list earlier would bring
 * back server data that does not yet include another pending optimistic change.
 */
export interface PendingMutations {
  begin(typeKey: string, entityKeys: readonly string[]): void
  /**
   * Ends one mutation. `listsStale` is true when this was the last pending mutation of the type and
   * some mutation of the batch changed the server (or left the cache inexact); `dirtyEntities` are the
   * settled entities whose detail entry must be refetched.
   */
  end(typeKey: string, entityKeys: readonly string[]): { listsStale: boolean; dirtyEntities: string[] }
  count(key: string): number
  /** The server changed for this type: its lists need a refetch once nothing is pending. */
  markChanged(typeKey: string): void
  /** A rollback could not be exact (a later write sat on top): refetch this entity once all settle. */
  markDirty(typeKey: string, entityKey: string): void
}

/** The tracker for one QueryClient (created on first use). */
export const pendingMutationsFor: (client: object) => PendingMutations = weakMemo(() =>
  createPendingMutations(),
)

function createPendingMutations(): PendingMutations {
  const counts = new Map<string, number>()
  const dirty = new Set<string>()
  const changed = new Set<string>()
  const add = (key: string, delta: number): number => {
    const next = (counts.get(key) ?? 0) + delta
    if (next <= 0) counts.delete(key)
    else counts.set(key, next)
    return next
  }
  return {
    begin(typeKey, entityKeys) {
      add(typeKey, 1)
      for (const key of entityKeys) add(key, 1)
    },
    end(typeKey, entityKeys) {
      const dirtyEntities = entityKeys.filter((key) => add(key, -1) <= 0 && dirty.delete(key))
      const typeSettled = add(typeKey, -1) <= 0
      const listsStale = typeSettled && changed.delete(typeKey)
      return { listsStale, dirtyEntities }
    },
    count: (key) => counts.get(key) ?? 0,
    markChanged: (typeKey) => {
      changed.add(typeKey)
    },
    markDirty: (typeKey, entityKey) => {
      dirty.add(entityKey)
      changed.add(typeKey)
    },
  }
}
