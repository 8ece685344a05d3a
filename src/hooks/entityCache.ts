import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { EntityQueryKeys } from './createQueryKeys.js'
import { pendingMutationsFor } from './pendingMutations.js'
import { weakMemo } from './weakMemo.js'

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
}

/** An item mapper: the item itself (unchanged), a replacement, or `null` to remove it. */
type EditItem<T> = (item: T, id: string | undefined) => T | null

/** The pages of a list (one) or of an infinite list (`{ pages }`); none for other data. */
const pagesOf = <T>(data: unknown): T[][] =>
  Array.isArray(data)
    ? [data]
    : Array.isArray((data as { pages?: unknown })?.pages)
      ? (data as { pages: T[][] }).pages
      : []

/** Which entity caches already listen to a client's query cache. */
const attachedCaches = weakMemo((_client: object) => new Set<object>())

export function createEntityCache<T, F>(
  keys: EntityQueryKeys<F>,
  getEntityId: (entity: T | string) => string,
): EntityCache<T, F> {
  const idOf = (entity: unknown): string | undefined => {
    try {
      return typeof entity === 'object' && entity ? getEntityId(entity as T) : undefined
    } catch {}
  }
  const entityKey = (id: string) => JSON.stringify(keys.detail(id))
  const detailPrefix = keys.details()
  const n = detailPrefix.length
  const detailIdOf = (queryKey: QueryKey) =>
    queryKey.length === n + 1 && detailPrefix.every((part, i) => queryKey[i] === part)
      ? (queryKey[n] as string)
      : undefined
  const queryCache = (client: QueryClient) => client.getQueryCache()
  const pendingFor = (client: QueryClient, id: string) => pendingMutationsFor(client).count(entityKey(id)) > 0
  /** Entities of one list array by id, built once per array (arrays are immutable in the cache). */
  const indexOf = weakMemo((items: readonly T[]) => {
    const index = new Map<string, T>()
    for (const item of items) {
      const id = idOf(item)
      if (id !== undefined) index.set(id, item)
    }
    return index
  })
  /** Edits a list or every page of an infinite list; returns `data` itself when nothing changed. */
  const editData = (data: unknown, edit: EditItem<T>): unknown => {
    const editPage = (items: T[]) => {
      const next: T[] = []
      for (const item of items) {
        const out = edit(item, idOf(item))
        if (out !== null) next.push(out)
      }
      return next.length === items.length && next.every((item, i) => item === items[i]) ? items : next
    }
    if (Array.isArray(data)) return editPage(data)
    const pages = pagesOf<T>(data)
    const next = pages.map(editPage)
    return next.some((page, i) => page !== pages[i]) ? { ...(data as object), pages: next } : data
  }
  const listQueries = (client: QueryClient) => queryCache(client).findAll({ queryKey: keys.lists() })

  /** Edits every cached list, recording a snapshot of each one changed. */
  const editLists = (client: QueryClient, edit: EditItem<T>, snapshots: Snapshot[] = []) => {
    for (const { queryKey, state } of listQueries(client)) {
      const next = editData(state.data, edit)
      if (next !== state.data) snap(snapshots, queryKey, state, client.setQueryData(queryKey, next))
    }
    return snapshots
  }
  const snap = (
    snapshots: Snapshot[],
    queryKey: QueryKey,
    state: { data: unknown; dataUpdatedAt: number },
    after: unknown,
    detailId?: string,
  ) => snapshots.push({ queryKey, before: state.data, beforeUpdatedAt: state.dataUpdatedAt, after, detailId })

  const restore = (client: QueryClient, snap: Snapshot, data: unknown): boolean => {
    const query = queryCache(client).find({ queryKey: snap.queryKey, exact: true })
    if (!query) {
      // The entry was dropped (a deleted detail): bring it back with its own timestamp.
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
      const restoreAll = !only || touched.every((id) => only.has(id))
      const inexact = new Set<string>()
      for (const snap of snapshots) {
        const id = snap.detailId
        if (id !== undefined) {
          if ((restoreAll || only?.has(id)) && !restore(client, snap, snap.before)) inexact.add(id)
          continue
        }
        // A list: restore it as it was, or without the entities that stay removed.
        const data = restoreAll
          ? snap.before
          : editData(snap.before, (item, id) => (id && touched.includes(id) && !only?.has(id) ? null : item))
        if (!restore(client, snap, data)) for (const id of only ?? touched) inexact.add(id)
      }
      return [...inexact]
    },
  })
  /** Replaces the entity with `id` in every list through `update`. */
  const replacing =
    (id: string, update: (entity: T) => T): EditItem<T> =>
    (item, itemId) =>
      itemId === id ? update(item) : item

  const cache: EntityCache<T, F> = {
    keys,
    typeKey: JSON.stringify(keys.all),
    entityKey,
    idOf,

    attach(client) {
      const attached = attachedCaches(client)
      if (attached.has(cache)) return
      attached.add(cache)
      queryCache(client).subscribe(({ type, query }) => {
        const id = detailIdOf(query.queryKey)
        if (type !== 'added' || query.state.data !== undefined || id === undefined || pendingFor(client, id))
          return
        const found = cache.fromLists(client, id)
        if (found) client.setQueryData(query.queryKey, found.entity, { updatedAt: found.updatedAt })
      })
    },

    seedDetails(client, entities, updatedAt) {
      for (const { queryKey, state } of queryCache(client).findAll({ queryKey: detailPrefix })) {
        const id = detailIdOf(queryKey)
        const entity = id === undefined ? undefined : indexOf(entities).get(id)
        // An entity with a write in flight keeps its optimistic value; a newer entry stays.
        if (entity === undefined || pendingFor(client, id!)) continue
        if (state.data === undefined || state.dataUpdatedAt < updatedAt)
          client.setQueryData(queryKey, entity, { updatedAt })
      }
    },

    fromLists(client, id) {
      let best: { entity: T; updatedAt: number } | undefined
      for (const { state } of listQueries(client)) {
        for (const page of pagesOf<T>(state.data)) {
          const entity = indexOf(page).get(id)
          if (entity !== undefined && !(best && best.updatedAt >= state.dataUpdatedAt)) {
            best = { entity, updatedAt: state.dataUpdatedAt }
          }
        }
      }
      return best
    },

    async cancel(client, ids) {
      await Promise.all(
        [keys.lists(), ...ids.map(keys.detail)].map((queryKey, i) =>
          client.cancelQueries({ queryKey, exact: i > 0 }),
        ),
      )
    },

    patchEverywhere(client, id, update) {
      const snapshots: Snapshot[] = []
      const detailKey = keys.detail(id)
      const state = client.getQueryState<T>(detailKey)
      if (state?.data !== undefined)
        snap(snapshots, detailKey, state, client.setQueryData(detailKey, update(state.data)), id)
      return makeChange(client, editLists(client, replacing(id, update), snapshots), [id])
    },

    removeEverywhere(client, ids) {
      const snapshots: Snapshot[] = []
      for (const id of ids) {
        const queryKey = keys.detail(id)
        const query = queryCache(client).find({ queryKey, exact: true })
        // A detail on screen stays until the server confirms (dropDetails): removing it now would make
        // its observer fetch the entity again at the next render.
        if (query?.state.data === undefined || query.getObserversCount() > 0) continue
        snap(snapshots, queryKey, query.state, undefined, id)
        client.removeQueries({ queryKey, exact: true })
      }
      editLists(client, (item, id) => (id !== undefined && ids.has(id) ? null : item), snapshots)
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
      editLists(
        client,
        replacing(id, () => entity),
      )
    },

    findCached(client, id) {
      return client.getQueryData<T>(keys.detail(id)) ?? cache.fromLists(client, id)?.entity
    },
  }
  return cache
}
