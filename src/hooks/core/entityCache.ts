import type { Query, QueryClient, QueryKey } from '@tanstack/query-core'
import type { EntityQueryKeys } from './createQueryKeys.js'
import { type HeldChange, type PendingChange, pendingMutationsFor } from './pendingMutations.js'

/** Row positions by id of one cached list array; `unique` when every row has its own id. */
interface PageIndex {
  readonly at: ReadonlyMap<string, number>
  readonly unique: boolean
}

/** Maps a cached entity (found in `query`) to its new value, or to `null` to remove it. */
export type EditEntity<T> = (entity: T, query: Query) => T | null

/**
 * Framework-free cache operations for one entity type, over its detail entries, cached lists, pages with
 * their total (`{ items, totalCount }`) and infinite lists (`{ pages: T[][] }`). Every operation is one walk over the type's queries; rows are matched by
 * reading their id field (no validation: a cached row was validated when it arrived).
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
  /**
   * Records the optimistic change of write number `started` as pending until the returned function is
   * called: lists and details fetched meanwhile show it (see `overlay`).
   */
  hold(client: QueryClient, ids: readonly string[], change: PendingChange, started: number): () => void
  /** Fetched list items with the pending changes on top (deleted ones left out); the same array when none apply. */
  overlay(client: QueryClient, items: T[]): T[]
  /**
   * A fetched entity with its pending patches on top (a pending delete leaves a detail as it is until
   * confirmed); with `answered`, only those of writes started after that one.
   */
  overlayEntity(client: QueryClient, entity: T, answered?: number): T
  /**
   * Writes a server entity into its detail entry and every list holding it, with the changes of writes
   * started after write number `answered` (the one it answers; they are still pending) on top.
   */
  put(client: QueryClient, entity: unknown, answered?: number): void
  /** Removes deleted entities from every list and drops their detail entries (and what hangs below them). */
  drop(client: QueryClient, ids: readonly string[]): void
}

/**
 * @param readId reads the id of a cached entity (e.g. `entity.id`), `undefined` for something else.
 */
export function createEntityCache<T>(
  keys: EntityQueryKeys<unknown>,
  readId: (entity: unknown) => string | undefined,
): EntityCache<T> {
  const entityKey = (id: string) => JSON.stringify(keys.detail(id))
  const typeKey = JSON.stringify(keys.lists())
  const mine = (key: QueryKey) => keys.all.every((part, i) => key[i] === part)
  // For the type's queries (keys below `keys.all`):
  const isList = (key: QueryKey) => key[3] === 'list'
  const detailId = (key: QueryKey) =>
    key[3] === 'detail' && key.length === 5 ? (key[4] as string) : undefined
  const queries = (client: QueryClient) => client.getQueryCache().findAll({ queryKey: keys.all })
  const pending = (client: QueryClient, id: string) => pendingMutationsFor(client).counts.has(entityKey(id))
  const changesOf = (client: QueryClient) => pendingMutationsFor(client).changes.get(typeKey)
  /** The pages of a list (one), of a page with its total (`{ items }`, one) or of an infinite list. */
  const pagesOf = (data: unknown): T[][] => {
    if (Array.isArray(data)) return [data]
    const { pages, items } = (data ?? {}) as { pages?: T[][]; items?: T[] }
    return pages ?? (items ? [items] : [])
  }
  /**
   * Row positions by id of a list array, built on first lookup (reads: a detail opened from a list) and kept
   * while the array lives (cached arrays are never mutated). An edit that only replaces rows hands it on to
   * the new array: the positions are the same.
   */
  const indexes = new WeakMap<readonly T[], PageIndex>()
  const indexOf = (page: readonly T[]): PageIndex => {
    let index = indexes.get(page)
    if (!index) {
      const at = new Map<string, number>()
      page.forEach((item, i) => {
        const id = readId(item)
        if (id !== undefined && !at.has(id)) at.set(id, i)
      })
      index = { at, unique: at.size === page.length }
      indexes.set(page, index)
    }
    return index
  }
  /**
   * `page` with `map` applied to the rows of `ids` (`wanted` tells them apart); the page itself when none
   * changed. Through the page's index when one was built, else one pass reading each row's id field: as
   * cheap as the `list.map` one would write by hand.
   */
  const mapPage = (
    page: T[],
    ids: Iterable<string>,
    wanted: (id: string) => boolean,
    map: (item: T) => T | null,
  ): T[] => {
    let out: Array<T | null> | undefined
    let removed = false
    const apply = (i: number) => {
      const item = page[i]
      const next = map(item)
      if (next === item) return
      out ??= page.slice()
      out[i] = next
      if (next === null) removed = true
    }
    const index = indexes.get(page)
    // With duplicate ids (or rows without one) only a full pass finds every copy.
    if (index?.unique)
      for (const id of ids) {
        const i = index.at.get(id)
        if (i !== undefined) apply(i)
      }
    else
      for (let i = 0; i < page.length; i++) {
        const id = readId(page[i])
        if (id !== undefined && wanted(id)) apply(i)
      }
    if (!out) return page
    if (removed) return out.filter((item) => item !== null)
    if (index) indexes.set(out as T[], index)
    return out as T[]
  }
  /** A test for "is one of `ids`" that costs one comparison for the usual single id. */
  const oneOf = (ids: readonly string[]) => {
    if (ids.length === 1) {
      const [only] = ids
      return (id: string) => id === only
    }
    const set = new Set(ids)
    return (id: string) => set.has(id)
  }
  const applyChanges = (
    entity: T,
    changes: readonly HeldChange[],
    keepDeleted: boolean,
    answered = 0,
  ): T | null => {
    let out: T | null = entity
    for (const { change, started } of changes) {
      if (started <= answered) continue
      if (change === null) {
        if (!keepDeleted) return null
      } else out = { ...(out as object), ...change } as T
    }
    return out
  }
  const attached = new WeakSet<QueryClient>()

  const cache: EntityCache<T> = {
    keys,
    typeKey,
    entityKey,

    attach(client) {
      if (attached.has(client)) return
      attached.add(client)
      client.getQueryCache().subscribe((event) => {
        const { query } = event
        if (!mine(query.queryKey)) return
        if (event.type === 'added') {
          const id = detailId(query.queryKey)
          const found = id && !pending(client, id) && cache.find(client, id)
          if (found && found.updatedAt > query.state.dataUpdatedAt)
            client.setQueryData(query.queryKey, found.entity, { updatedAt: found.updatedAt })
        } else if (event.type === 'updated' && event.action.type === 'success' && isList(query.queryKey)) {
          // The list just arrived is the newest copy: one pass over its rows refreshes the open details.
          const details = new Map<string, Query>()
          for (const q of queries(client)) {
            const id = detailId(q.queryKey)
            if (id !== undefined && !pending(client, id)) details.set(id, q)
          }
          if (!details.size) return
          const { dataUpdatedAt } = query.state
          for (const page of pagesOf(query.state.data))
            for (const row of page) {
              const id = readId(row)
              const detail = id === undefined ? undefined : details.get(id)
              if (detail && dataUpdatedAt > detail.state.dataUpdatedAt)
                client.setQueryData(detail.queryKey, row, { updatedAt: dataUpdatedAt })
            }
        }
      })
    },

    find(client, id) {
      let best: { entity: T; updatedAt: number } | undefined
      for (const { queryKey, state } of queries(client)) {
        const detail = detailId(queryKey)
        let entity: T | undefined
        if (detail !== undefined) entity = detail === id ? (state.data as T | undefined) : undefined
        else if (isList(queryKey))
          for (const page of pagesOf(state.data)) {
            const i = indexOf(page).at.get(id)
            if (i !== undefined) {
              entity = page[i]
              break
            }
          }
        if (entity !== undefined && (!best || state.dataUpdatedAt > best.updatedAt))
          best = { entity, updatedAt: state.dataUpdatedAt }
      }
      return best
    },

    cancel: (client, ids) =>
      client.cancelQueries({
        queryKey: keys.all,
        predicate: ({ queryKey }) => isList(queryKey) || ids.includes(detailId(queryKey) as string),
      }),

    edit(client, ids, edit) {
      const snapshots: [query: Query, before: unknown, after: unknown, updatedAt: number][] = []
      const wanted = oneOf(ids)
      for (const query of queries(client)) {
        const { queryKey, state } = query
        const { data } = state
        const id = detailId(queryKey)
        let next: unknown
        if (id !== undefined) {
          if (!wanted(id) || data === undefined) continue
          next = edit(data as T, query)
          if (next === data) continue
          // A detail on screen stays until the server confirms (drop).
          if (next === null && query.getObserversCount()) continue
        } else {
          if (!isList(queryKey)) continue
          const map = (item: T) => edit(item, query)
          if (Array.isArray(data)) {
            next = mapPage(data, ids, wanted, map)
            if (next === data) continue
          } else if (Array.isArray((data as { items?: unknown } | undefined)?.items)) {
            // A page with its total: rows removed here are gone from the total too.
            const page = data as { items: T[]; totalCount?: number }
            const items = mapPage(page.items, ids, wanted, map)
            if (items === page.items) continue
            const { totalCount } = page
            const removed = page.items.length - items.length
            next =
              totalCount === undefined
                ? { ...page, items }
                : { ...page, items, totalCount: totalCount - removed }
          } else {
            const pages = pagesOf(data)
            const edited = pages.map((page) => mapPage(page, ids, wanted, map))
            if (edited.every((page, i) => page === pages[i])) continue
            next = { ...(data as object), pages: edited }
          }
        }
        snapshots.push([query, data, next ?? undefined, state.dataUpdatedAt])
        // Written as is: structural sharing would compare every row with the previous list again.
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

    hold(client, ids, change, started) {
      const { changes } = pendingMutationsFor(client)
      const type = changes.get(typeKey) ?? new Map<string, HeldChange[]>()
      changes.set(typeKey, type)
      for (const id of ids) type.set(id, [...(type.get(id) ?? []), { change, started }])
      return () => {
        for (const id of ids) {
          const left = (type.get(id) ?? []).filter((held) => held.started !== started)
          if (left.length) type.set(id, left)
          else type.delete(id)
        }
        if (!type.size && changes.get(typeKey) === type) changes.delete(typeKey)
      }
    },

    overlay(client, items) {
      const changes = changesOf(client)
      if (!changes?.size) return items
      return mapPage(
        items,
        changes.keys(),
        (id) => changes.has(id),
        (item) => applyChanges(item, changes.get(readId(item) as string) ?? [], false),
      )
    },

    overlayEntity(client, entity, answered) {
      const id = readId(entity)
      const changes = id === undefined ? undefined : changesOf(client)?.get(id)
      return changes ? (applyChanges(entity, changes, true, answered) as T) : entity
    },

    put(client, entity, answered) {
      const id = readId(entity)
      if (id === undefined) return
      const shown = cache.overlayEntity(client, entity as T, answered)
      cache.edit(client, [id], () => shown)
      client.setQueryData(keys.detail(id), shown)
    },

    drop(client, ids) {
      cache.edit(client, ids, () => null)
      // Not exact: whatever hangs below a detail (a resource file) goes with it.
      for (const id of ids) client.removeQueries({ queryKey: keys.detail(id) })
    },
  }
  return cache
}
