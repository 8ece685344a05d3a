import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { EntityQueryKeys } from './createQueryKeys.js'
import { pendingMutationsFor } from './pendingMutations.js'

/**
 * Framework-free cache operations for one entity type: seeding details from lists, and applying,
 * committing and exactly rolling back a change across the detail entry, every cached list and every
 * infinite list (`{ pages: T[][] }`). Rollback writes state directly rather than through
 * `setQueryData`, so the previous objects come back by identity, not as structurally shared copies.
 */
export interface EntityCache<T, F> {
  readonly keys: EntityQueryKeys<F>
  /** Key used to count pending mutations of this entity type. */
  readonly typeKey: string
  /** Key used to count pending mutations of one entity. */
  entityKey(id: string): string
  /** The entity's id, or `undefined` for a value that is not an entity of this API. */
  idOf(entity: unknown): string | undefined
  /**
   * Makes list results serve as detail entries on `client` (once per client): a detail entry created while
   * a cached list holds the entity starts with that entity, stamped with the list's `dataUpdatedAt`, so a
   * detail opened from a fresh list makes no request. Seeding happens when the detail entry is created
   * rather than for every row up front, so a 10,000-row list does not put 10,000 queries in the cache.
   */
  attach(client: QueryClient): void
  /**
   * Refreshes the detail entries that already exist for entities of a list just fetched, stamped
   * `updatedAt`, unless an entry is newer or the entity has a mutation in flight.
   */
  seedDetails(client: QueryClient, entities: readonly T[], updatedAt: number): void
  /** The newest cached list copy of an entity, with that list's `dataUpdatedAt`. */
  fromLists(client: QueryClient, id: string): { entity: T; updatedAt: number } | undefined
  /** Cancels in-flight fetches of the given details and of every list (before an optimistic write). */
  cancel(client: QueryClient, ids: readonly string[]): Promise<void>
  /** Applies `update` to the entity wherever it is cached. */
  patchEverywhere(client: QueryClient, id: string, update: (entity: T) => T): CacheChange
  /** Removes the entities from every list and drops their detail entries (those without observers). */
  removeEverywhere(client: QueryClient, ids: ReadonlySet<string>): CacheChange
  /** Drops detail entries (after a confirmed delete). */
  dropDetails(client: QueryClient, ids: Iterable<string>): void
  /** Writes a server entity into its detail entry and every list that holds it (no snapshot). */
  writeEverywhere(client: QueryClient, entity: T): void
  /** The entity as currently cached (detail first, then any list), if anywhere. */
  findCached(client: QueryClient, id: string): T | undefined
}

/** A cache write that can be undone. */
export interface CacheChange {
  /**
   * Restores what the change replaced. With `only`, restores just those entity ids (partial failure
   * of a bulk delete) and leaves the others as changed. Returns ids whose entries had been written
   * again since (their restore would lose that write, so they are left for a refetch).
   */
  rollback(only?: ReadonlySet<string>): string[]
}

interface Snapshot {
  queryKey: QueryKey
  before: unknown
  beforeUpdatedAt: number
  after: unknown
  /** Set for a detail entry. */
  detailId?: string
  /** Ids this snapshot's change touched (for lists). */
  ids: string[]
}

interface InfiniteShape<T> {
  pages: T[][]
  pageParams: unknown[]
}

function isInfinite<T>(data: unknown): data is InfiniteShape<T> {
  return typeof data === 'object' && data !== null && Array.isArray((data as InfiniteShape<T>).pages)
}

/** Maps the items of a list or of every page of an infinite list; returns `data` itself when nothing changed. */
function mapListData<T>(data: unknown, mapItems: (items: T[]) => T[]): unknown {
  if (Array.isArray(data)) return mapItems(data as T[])
  if (!isInfinite<T>(data)) return data
  let changed = false
  const pages = data.pages.map((page) => {
    const next = Array.isArray(page) ? mapItems(page) : page
    if (next !== page) changed = true
    return next
  })
  return changed ? { ...data, pages } : data
}

/** Which entity caches already listen to a client's query cache. */
const attachedCaches = new WeakMap<object, Set<object>>()
/** Per list array: its entities by id (dropped with the array). */
const listIndexes = new WeakMap<readonly unknown[], Map<string, unknown>>()

export function createEntityCache<T, F>(
  keys: EntityQueryKeys<F>,
  getEntityId: (entity: T | string) => string,
): EntityCache<T, F> {
  const idOf = (entity: unknown): string | undefined => {
    if (typeof entity !== 'object' || entity === null) return undefined
    try {
      return getEntityId(entity as T)
    } catch {
      return undefined
    }
  }
  const entityKey = (id: string) => JSON.stringify(keys.detail(id))
  const detailPrefix = keys.details()
  const detailIdOf = (queryKey: QueryKey): string | undefined =>
    queryKey.length === detailPrefix.length + 1 && detailPrefix.every((part, i) => queryKey[i] === part)
      ? (queryKey[detailPrefix.length] as string)
      : undefined
  /** Entities of one list array by id, built once per array (arrays are immutable in the cache). */
  const indexOf = (items: readonly T[]): Map<string, T> => {
    let index = listIndexes.get(items) as Map<string, T> | undefined
    if (!index) {
      index = new Map()
      for (const item of items) {
        const id = idOf(item)
        if (id !== undefined) index.set(id, item)
      }
      listIndexes.set(items, index)
    }
    return index
  }

  const listQueries = (client: QueryClient) => client.getQueryCache().findAll({ queryKey: keys.lists() })

  /** Rewrites every cached list through `mapItems`, recording a snapshot of each one changed. */
  const rewriteLists = (client: QueryClient, mapItems: (items: T[]) => T[], snapshots?: Snapshot[]) => {
    for (const query of listQueries(client)) {
      const before = query.state.data
      const next = mapListData(before, mapItems)
      if (next === before) continue
      const beforeUpdatedAt = query.state.dataUpdatedAt
      const after = client.setQueryData(query.queryKey, next)
      snapshots?.push({
        queryKey: query.queryKey,
        before,
        beforeUpdatedAt,
        after,
        ids: [],
      })
    }
  }

  const restore = (client: QueryClient, snap: Snapshot, data: unknown): boolean => {
    const query = client.getQueryCache().find({ queryKey: snap.queryKey, exact: true })
    if (!query) {
      // The entry was dropped (a deleted detail): bring it back with its own timestamp.
      if (snap.before !== undefined)
        client.setQueryData(snap.queryKey, data, { updatedAt: snap.beforeUpdatedAt })
      return true
    }
    if (query.state.data !== snap.after) return false
    query.setState({
      data,
      dataUpdatedAt: data === snap.before ? snap.beforeUpdatedAt : query.state.dataUpdatedAt,
    })
    return true
  }

  const makeChange = (
    client: QueryClient,
    snapshots: Snapshot[],
    touched: readonly string[],
  ): CacheChange => ({
    rollback(only) {
      const touchedSet = new Set(touched)
      const restoreAll = !only || touched.every((id) => only.has(id))
      const inexact = new Set<string>()
      for (const snap of snapshots) {
        if (snap.detailId !== undefined) {
          if (!restoreAll && !only?.has(snap.detailId)) continue
          if (!restore(client, snap, snap.before)) inexact.add(snap.detailId)
          continue
        }
        // A list: restore it as it was, or without the entities that stay removed.
        const data = restoreAll
          ? snap.before
          : mapListData<T>(snap.before, (items) => {
              const kept = items.filter((item) => {
                const id = idOf(item)
                return id === undefined || !touchedSet.has(id) || (only?.has(id) ?? true)
              })
              return kept.length === items.length ? items : kept
            })
        if (!restore(client, snap, data)) for (const id of only ?? touched) inexact.add(id)
      }
      return [...inexact]
    },
  })

  const cache: EntityCache<T, F> = {
    keys,
    typeKey: JSON.stringify(keys.all),
    entityKey,
    idOf,

    attach(client) {
      const attached = attachedCaches.get(client) ?? new Set<object>()
      if (attached.has(cache)) return
      attached.add(cache)
      attachedCaches.set(client, attached)
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'added' || event.query.state.data !== undefined) return
        const id = detailIdOf(event.query.queryKey)
        if (id === undefined || pendingMutationsFor(client).count(entityKey(id)) > 0) return
        const found = cache.fromLists(client, id)
        if (found) client.setQueryData(event.query.queryKey, found.entity, { updatedAt: found.updatedAt })
      })
    },

    seedDetails(client, entities, updatedAt) {
      const existing = client
        .getQueryCache()
        .findAll({ queryKey: detailPrefix })
        .filter((query) => detailIdOf(query.queryKey) !== undefined)
      if (existing.length === 0) return
      const byId = indexOf(entities)
      // An entity with a write in flight keeps its optimistic value.
      const pending = pendingMutationsFor(client)
      for (const query of existing) {
        const id = detailIdOf(query.queryKey) as string
        const entity = byId.get(id)
        if (entity === undefined || pending.count(entityKey(id)) > 0) continue
        if (query.state.data !== undefined && query.state.dataUpdatedAt >= updatedAt) continue
        client.setQueryData(query.queryKey, entity, { updatedAt })
      }
    },

    fromLists(client, id) {
      let best: { entity: T; updatedAt: number } | undefined
      for (const query of listQueries(client)) {
        const data = query.state.data
        const pages = Array.isArray(data) ? [data as T[]] : isInfinite<T>(data) ? data.pages : []
        for (const page of pages) {
          const entity = indexOf(page).get(id)
          if (entity !== undefined && (!best || query.state.dataUpdatedAt > best.updatedAt)) {
            best = { entity, updatedAt: query.state.dataUpdatedAt }
          }
        }
      }
      return best
    },

    async cancel(client, ids) {
      await Promise.all([
        client.cancelQueries({ queryKey: keys.lists() }),
        ...ids.map((id) => client.cancelQueries({ queryKey: keys.detail(id), exact: true })),
      ])
    },

    patchEverywhere(client, id, update) {
      const snapshots: Snapshot[] = []
      const detailKey = keys.detail(id)
      const state = client.getQueryState<T>(detailKey)
      if (state?.data !== undefined) {
        const after = client.setQueryData(detailKey, update(state.data))
        snapshots.push({
          queryKey: detailKey,
          before: state.data,
          beforeUpdatedAt: state.dataUpdatedAt,
          after,
          detailId: id,
          ids: [id],
        })
      }
      rewriteLists(
        client,
        (items) => {
          let changed = false
          const next = items.map((item) => {
            if (idOf(item) !== id) return item
            changed = true
            return update(item)
          })
          return changed ? next : items
        },
        snapshots,
      )
      return makeChange(client, snapshots, [id])
    },

    removeEverywhere(client, ids) {
      const snapshots: Snapshot[] = []
      for (const id of ids) {
        const detailKey = keys.detail(id)
        const query = client.getQueryCache().find({ queryKey: detailKey, exact: true })
        const state = query?.state
        // A detail on screen stays until the server confirms (dropDetails): removing it now would make
        // its observer fetch the entity again at the next render.
        if (state?.data === undefined || query!.getObserversCount() > 0) continue
        snapshots.push({
          queryKey: detailKey,
          before: state.data,
          beforeUpdatedAt: state.dataUpdatedAt,
          after: undefined,
          detailId: id,
          ids: [id],
        })
        client.removeQueries({ queryKey: detailKey, exact: true })
      }
      rewriteLists(
        client,
        (items) => {
          const kept = items.filter((item) => {
            const id = idOf(item)
            return id === undefined || !ids.has(id)
          })
          return kept.length === items.length ? items : kept
        },
        snapshots,
      )
      return makeChange(client, snapshots, [...ids])
    },

    dropDetails(client, ids) {
      // Not exact: whatever hangs below a detail (a resource file) goes with it.
      for (const id of ids) client.removeQueries({ queryKey: keys.detail(id) })
    },

    writeEverywhere(client, entity) {
      const id = idOf(entity)
      if (id === undefined) return
      client.setQueryData(keys.detail(id), entity)
      rewriteLists(client, (items) => {
        let changed = false
        const next = items.map((item) => {
          if (idOf(item) !== id) return item
          changed = true
          return entity
        })
        return changed ? next : items
      })
    },

    findCached(client, id) {
      return client.getQueryData<T>(keys.detail(id)) ?? cache.fromLists(client, id)?.entity
    },
  }
  return cache
}
