'use client'
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  type QueryKey,
  type QueryKeyWithDataTag,
  queryOptions,
  type UnusedSkipTokenInfiniteOptions,
  type UnusedSkipTokenOptions,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
  type UseSuspenseQueryOptions,
  type UseSuspenseQueryResult,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
  useSuspenseQuery,
} from '@tanstack/react-query'
import { createQueryKeys, type EntityQueryKeys } from './core/createQueryKeys.js'
import { createEntityCache } from './core/entityCache.js'
import type { EntityWrite } from './core/entityMutations.js'
import type {
  CreatableApi,
  CreateDataOfApi,
  DeletableApi,
  EntityOfApi,
  FiltersOfApi,
  SignalOptions,
  UpdatableApi,
} from './types.js'
import {
  type MutationOverrides,
  type UndoableMutationResult,
  useCacheMutation,
  type WriteHookOptions,
} from './useCacheMutation.js'

/** The smallest API `createEntityHooks` accepts (every `EntityBaseApi` fits). */
export interface EntityApiShape {
  readonly config: { readonly serverUrl: string }
  readonly endpointBase: string
  getEntityId(entity: never): string
  readId(entity: unknown): string | undefined
  getById(id: string, options?: SignalOptions): Promise<unknown>
  getList(filters?: never, options?: SignalOptions): Promise<unknown[]>
}

/** Defaults for every query of one `createEntityHooks` result. */
export interface EntityHooksOptions {
  /**
   * How long fetched data counts as fresh, in ms (default 30 000): within it a detail opened from a
   * list, or a second component on the same id, makes no request.
   */
  staleTime?: number
  /**
   * React Query's retry for reads. Default `false`: the HTTP client already retries `maxRetries` times,
   * so one failing read makes at most `maxRetries + 1` requests.
   */
  retry?: boolean | number | ((failureCount: number, error: Error) => boolean)
}

/** Query options a hook call may override (everything but the key and the function). */
export type QueryOverrides<T, TData = T> = Omit<
  UseQueryOptions<T, Error, TData, QueryKey>,
  'queryKey' | 'queryFn'
>
export type SuspenseQueryOverrides<T, TData = T> = Omit<
  UseSuspenseQueryOptions<T, Error, TData, QueryKey>,
  'queryKey' | 'queryFn'
>
export type InfiniteListOptions<T> = { pageSize?: number } & Omit<
  UseInfiniteQueryOptions<T[], Error, InfiniteData<T[], number>, QueryKey, number>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>

/** `usePatch().mutate({ entity, data })`: `entity` is an id or the entity. */
export interface PatchVariables<T> {
  entity: string | T
  data: Partial<T>
}

/** `queryOptions` factories for `prefetchQuery`, `ensureQueryData`, `useQuery`, `useSuspenseQuery`. */
export interface EntityQueries<T, F> {
  detail(id: string): UnusedSkipTokenOptions<T, Error, T, QueryKey> & QueryKeyWithDataTag<QueryKey, T, Error>
  list(
    filters?: F,
  ): UnusedSkipTokenOptions<T[], Error, T[], QueryKey> & QueryKeyWithDataTag<QueryKey, T[], Error>
  infiniteList(
    filters?: F,
    pageSize?: number,
  ): UnusedSkipTokenInfiniteOptions<T[], Error, InfiniteData<T[], number>, QueryKey, number> &
    QueryKeyWithDataTag<QueryKey, InfiniteData<T[]>, Error>
}

/** What every entity API gets: keys, query factories and reads. */
export interface ReadHooks<T, F> {
  keys: EntityQueryKeys<F>
  queries: EntityQueries<T, F>
  /** One entity; disabled while `id` is undefined; a malformed id is an error without a request. */
  useGetById<TData = T>(
    id: string | undefined,
    options?: QueryOverrides<T, TData>,
  ): UseQueryResult<TData, Error>
  useSuspenseGetById<TData = T>(
    id: string,
    options?: SuspenseQueryOverrides<T, TData>,
  ): UseSuspenseQueryResult<TData, Error>
  /** One list; its entities seed their detail entries. */
  useList<TData = T[]>(filters?: F, options?: QueryOverrides<T[], TData>): UseQueryResult<TData, Error>
  useSuspenseList<TData = T[]>(
    filters?: F,
    options?: SuspenseQueryOverrides<T[], TData>,
  ): UseSuspenseQueryResult<TData, Error>
  /** Offset pages of `pageSize`; `hasNextPage` turns false after a short page. */
  useInfiniteList(
    filters?: F,
    options?: InfiniteListOptions<T>,
  ): UseInfiniteQueryResult<InfiniteData<T[], number>, Error>
}

export interface CreateHooks<T, C> {
  /** `mutate(data)`; on success the entity is in its detail entry and this type's lists are refetched. */
  useCreate(options?: MutationOverrides<T | string, C>): UseMutationResult<T | string, Error, C>
}

export interface PatchHooks<T> {
  /** `mutate({ entity, data })`, optimistic by default, with `undo()` for undoable mode. */
  usePatch(
    options?: WriteHookOptions & MutationOverrides<T, PatchVariables<T>>,
  ): UndoableMutationResult<T, PatchVariables<T>>
}

export interface DeleteHooks<T> {
  /** `mutate(entity)`: gone from every list at once, back on error. */
  useDelete(
    options?: WriteHookOptions & MutationOverrides<void, string | T>,
  ): UndoableMutationResult<void, string | T>
  /** `mutate(entities)`: a partial failure restores only the failed ids (`error.failures` lists each). */
  useBulkDelete(
    options?: WriteHookOptions & MutationOverrides<void, ReadonlyArray<string | T>>,
  ): UndoableMutationResult<void, ReadonlyArray<string | T>>
}

export type CanCreate = { create(data: never, ...rest: never[]): Promise<unknown> }
export type CanPatch = { patch(entity: never, data: never, ...rest: never[]): Promise<unknown> }
export type CanDelete = {
  delete(entity: never, ...rest: never[]): Promise<unknown>
  bulkDelete(entities: never, ...rest: never[]): Promise<unknown>
}

/** The hooks of an API: reads always; `useCreate`, `usePatch`, `useDelete`/`useBulkDelete` only where it can. */
export type EntityHooks<A> = ReadHooks<EntityOfApi<A>, FiltersOfApi<A>> &
  (A extends CanCreate ? CreateHooks<EntityOfApi<A>, CreateDataOfApi<A>> : {}) &
  (A extends CanPatch ? PatchHooks<EntityOfApi<A>> : {}) &
  (A extends CanDelete ? DeleteHooks<EntityOfApi<A>> : {})

/**
 * React Query hooks for one entity API, typed by what it can do: an API without `patch` has no `usePatch`.
 * Keys are rooted at `['datamint', serverUrl, endpointBase]`.
 *
 * @example
 * const projects = createEntityHooks(api.projects)
 * function ProjectName({ id }: { id: string }) {
 *   const { data } = projects.useGetById(id)
 *   const rename = projects.usePatch()
 *   return <input value={data?.name ?? ''} onChange={(e) => rename.mutate({ entity: id, data: { name: e.target.value } })} />
 * }
 */
export function createEntityHooks<A extends EntityApiShape>(
  api: A,
  options?: EntityHooksOptions,
): EntityHooks<A> {
  type T = EntityOfApi<A>
  type F = FiltersOfApi<A>
  const keys = createQueryKeys<F>(api)
  // getEntityId throws a ValidationError for a malformed id: an error state, nothing sent.
  const idOf = (entity: T | string) => (api.getEntityId as (e: T | string) => string)(entity)
  const cache = createEntityCache<T>(keys as EntityQueryKeys<unknown>, (entity) => api.readId(entity))
  const writes = api as unknown as CreatableApi<T, CreateDataOfApi<A>> & UpdatableApi<T> & DeletableApi<T>
  const defaults = { staleTime: 30_000, retry: false, ...options }

  /** Fetches one list (or page); once the cache is attached, its entities seed their detail entries. */
  const fetchList = (filters: unknown, { signal, client }: { signal: AbortSignal; client: QueryClient }) => {
    cache.attach(client)
    return (api.getList as (f: unknown, o: SignalOptions) => Promise<T[]>)(filters, { signal }).then(
      (items) => cache.overlay(client, items),
    )
  }
  const queries: EntityQueries<T, F> = {
    detail: (id) =>
      queryOptions({
        queryKey: keys.detail(id) as QueryKey,
        queryFn: ({ signal, client }) =>
          (api.getById(idOf(id), { signal }) as Promise<T>).then((entity) =>
            cache.overlayEntity(client, entity),
          ),
        ...defaults,
      }),
    list: (filters) => {
      const queryKey = keys.list(filters)
      return queryOptions({
        queryKey: queryKey as QueryKey,
        queryFn: (c) => fetchList(queryKey[4], c),
        ...defaults,
      })
    },
    infiniteList: (filters, pageSize = 50) => {
      const queryKey = keys.infiniteList(filters, pageSize)
      return infiniteQueryOptions({
        queryKey: queryKey as QueryKey,
        initialPageParam: 0,
        queryFn: (c) => fetchList({ ...queryKey[4], limit: pageSize, offset: c.pageParam }, c),
        // Offset pages; a short (or empty) page is the last one.
        getNextPageParam: (lastPage: T[], _pages: T[][], offset: number) =>
          lastPage.length < pageSize ? undefined : offset + pageSize,
        ...defaults,
      })
    },
  }

  /** A read hook: `use` over a query factory, attaching the cache first so a new detail starts from a list. */
  const read =
    <P, O>(use: (options: never) => unknown, query: (arg: P, pageSize?: number) => O) =>
    (arg: P, options?: object, pageSize?: number) => {
      cache.attach(useQueryClient())
      return use({ ...query(arg, pageSize), ...options } as never)
    }
  const getById = read(useQuery, queries.detail)
  const infiniteList = read(useInfiniteQuery, queries.infiniteList)
  const hooks: Record<string, unknown> = {
    keys,
    queries,
    useGetById: (id: string | undefined, options?: QueryOverrides<T>) =>
      getById(id ?? '', { ...options, enabled: id !== undefined && options?.enabled }),
    useSuspenseGetById: read(useSuspenseQuery, queries.detail),
    useList: read(useQuery, queries.list),
    useSuspenseList: read(useSuspenseQuery, queries.list),
    useInfiniteList: (filters?: F, { pageSize, ...options }: InfiniteListOptions<T> = {}) =>
      infiniteList(filters, options, pageSize),
  }

  // Write hooks by capability: each exists only where the API has its method.
  const writeHooks: Record<string, [method: string, write: (variables: never) => EntityWrite<unknown>]> = {
    useCreate: [
      'create',
      (data: CreateDataOfApi<A>) => ({ ids: [], send: () => writes.create(data, { returnEntity: true }) }),
    ],
    usePatch: [
      'patch',
      ({ entity, data }: PatchVariables<T>) => ({
        ids: [idOf(entity)],
        change: data,
        send: (o) => writes.patch(entity, data, o),
      }),
    ],
    useDelete: [
      'delete',
      (entity: string | T) => ({ ids: [idOf(entity)], change: null, send: (o) => writes.delete(entity, o) }),
    ],
    useBulkDelete: [
      'bulkDelete',
      (entities: ReadonlyArray<string | T>) => ({
        ids: entities.map(idOf),
        change: null,
        send: (o) => writes.bulkDelete(entities, o),
      }),
    ],
  }
  for (const [name, [method, write]] of Object.entries(writeHooks))
    if (typeof (api as unknown as Record<string, unknown>)[method] === 'function')
      hooks[name] = (options?: WriteHookOptions & MutationOverrides<unknown, never>) =>
        useCacheMutation(cache, write, options)
  return hooks as EntityHooks<A>
}
