import type { Query, QueryClient, QueryKey } from '@tanstack/react-query'
import type { EntityQueryKeys } from './createQueryKeys.js'
import { pendingMutationsFor } from './pendingMutations.js'
import { weakMemo } from './weakMemo.js'

/** Maps a cached entity (found in `query`) to its new value, or to `null` to remove it. */
export type EditEntity<T> = (entity: T, query: Query) => T | null

/**
 * Framework-free cache operations for one entity type, over its detail entries, cached lists and infinite
 * lists (`{ pages: T[][] }`). Every operation is one walk over the type's queries.
 */
export interface EntityCache<T> {
  readonly keys: EntityQueryKeys<unknown>
  /** Pending-mutation key of the type (its lists) and of one entity (its detail). */
  readonly typeKey: string
  entityKey(id: string): string
  /**
   * Makes list results serve as detail entries on `client` (once per client). A detail entry created
   * while a cached list holds the entity starts with it, stamped with the list's `dataUpdatedAt`, so a
   * detail opened from a fresh list makes no request; a list that arrives refreshes older detail
   * entries. An entity with a write in flight keeps its optimistic value. Seeding when the entry is
   * created (not every row up front) keeps a 10,000-row list from putting 10,000 queries in the cache.
   */
  attach(client: QueryClient): void
  /** The newest cached copy of an entity (detail or list) with its `dataUpdatedAt`. */
  find(client: QueryClient, id: string): { entity: T; updatedAt: number } | undefined
  /** Cancels in-flight fetches of every list and of these details (before an optimistic write). */
  cancel(client: QueryClient, ids: readonly string[]): Promise<void>
  /**
   * Applies `edit` to the entities wherever cached; a removed detail entry goes only if nothing shows it
   * (else its observer would refetch it at once). Untouched rows keep their identity. Returns the
   * rollback: it restores the previous objects by identity, and returns false when some entry was
   * written again since (that entry is left for a refetch).
   */
  edit(client: QueryClient, ids: readonly string[], edit: EditEntity<T>): () => boolean
  /** Writes a server entity into its detail entry and every list holding it. */
  put(client: QueryClient, entity: unknown): void
  /** Removes deleted entities from every list and drops their detail entries (and what hangs below them). */
  drop(client: QueryClient, ids: readonly string[]): void
}

export function createEntityCache<T>(
  keys: EntityQueryKeys<unknown>,
  getEntityId: (entity: T | string) => string,
): EntityCache<T> {
  const idOf = (entity: unknown): string | undefined => {
    try {
      return typeof entity === 'object' && entity ? getEntityId(entity as T) : undefined
    } catch {}
  }
  const entityKey = (id: string) => JSON.stringify(keys.detail(id))
  const mine = (key: QueryKey) => keys.all.every((part, i) => key[i] === part)
  // For the type's queries (keys below `keys.all`):
  const isList = (key: QueryKey) => key[3] === 'list'
  const detailId = (key: QueryKey) =>
    key[3] === 'detail' && key.length === 5 ? (key[4] as string) : undefined
  const queries = (client: QueryClient) => client.getQueryCache().findAll({ queryKey: keys.all })
  const pending = (client: QueryClient, id: string) => pendingMutationsFor(client).counts.has(entityKey(id))
  /** Entities of one list array by id, built once per array (cached arrays are never mutated). */
  const indexOf = weakMemo((items: readonly T[]) => new Map(items.map((item) => [idOf(item), item])))
  /** The pages of a list (one) or of an infinite list. */
  const pagesOf = (data: unknown): T[][] =>
    Array.isArray(data) ? [data] : ((data as { pages?: T[][] } | undefined)?.pages ?? [])
  const attached = new WeakSet<QueryClient>()

  const cache: EntityCache<T> = {
    keys,
    typeKey: JSON.stringify(keys.lists()),
    entityKey,

    attach(client) {
      if (attached.has(client)) return
      attached.add(client)
      const refresh = ({ queryKey, state }: Query) => {
        const id = detailId(queryKey)
        const found = id && !pending(client, id) && cache.find(client, id)
        if (found && found.updatedAt > state.dataUpdatedAt)
          client.setQueryData(queryKey, found.entity, { updatedAt: found.updatedAt })
      }
      client.getQueryCache().subscribe((event) => {
        if (!mine(event.query.queryKey)) return
        if (event.type === 'added') refresh(event.query)
        else if (event.type === 'updated' && event.action.type === 'success' && isList(event.query.queryKey))
          queries(client).forEach(refresh)
      })
    },

    find(client, id) {
      let best: { entity: T; updatedAt: number } | undefined
      // An edit that returns each entity as it is reads without writing.
      cache.edit(client, [id], (entity, { state: { dataUpdatedAt } }) => {
        if (!best || dataUpdatedAt > best.updatedAt) best = { entity, updatedAt: dataUpdatedAt }
        return entity
      })
      return best
    },

    cancel: (client, ids) =>
      client.cancelQueries({
        queryKey: keys.all,
        predicate: ({ queryKey }) => isList(queryKey) || ids.includes(detailId(queryKey) as string),
      }),

    edit(client, ids, edit) {
      const snapshots: [query: Query, before: unknown, after: unknown, updatedAt: number][] = []
      let query: Query
      /** Edits the entities of one page (found through its index); returns the page itself when none changed. */
      const editPage = (page: T[]) => {
        const edits = new Map<T, T | null>()
        for (const id of ids) {
          const item = indexOf(page).get(id)
          const next = item && edit(item, query)
          if (item && next !== item) edits.set(item, next as T | null)
        }
        return edits.size
          ? page.flatMap((item) => (edits.has(item) ? (edits.get(item) ?? []) : [item]))
          : page
      }
      for (query of queries(client)) {
        const { queryKey, state } = query
        const { data } = state
        const id = detailId(queryKey)
        if (id ? !ids.includes(id) : !isList(queryKey)) continue
        // A detail entry is a page of one.
        const pages = id ? [[data as T]] : pagesOf(data)
        const edited = pages.map(editPage)
        if (edited.every((page, i) => page === pages[i])) continue
        const next = id
          ? (edited[0][0] ?? null)
          : Array.isArray(data)
            ? edited[0]
            : { ...(data as object), pages: edited }
        // A detail on screen stays until the server confirms (drop).
        if (next === null && query.getObserversCount()) continue
        snapshots.push([query, data, next ?? undefined, state.dataUpdatedAt])
        // Written as is: structural sharing would copy every row after a removed one.
        if (next === null) client.getQueryCache().remove(query)
        else query.setState({ data: next })
      }
      return () => {
        let exact = true
        for (const [query, before, after, updatedAt] of snapshots) {
          const live = client.getQueryCache().get(query.queryHash)
          // A dropped entry comes back with its own timestamp.
          if (!live) client.setQueryData(query.queryKey, before, { updatedAt })
          else if (live.state.data === after) live.setState({ data: before, dataUpdatedAt: updatedAt })
          else exact = false
        }
        return exact
      }
    },

    put(client, entity) {
      const id = idOf(entity)
      if (id === undefined) return
      cache.edit(client, [id], () => entity as T)
      client.setQueryData(keys.detail(id), entity)
    },

    drop(client, ids) {
      cache.edit(client, ids, () => null)
      // Not exact: whatever hangs below a detail (a resource file) goes with it.
      for (const id of ids) client.removeQueries({ queryKey: keys.detail(id) })
    },
  }
  return cache
}
