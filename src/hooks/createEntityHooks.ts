'use client'
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  type QueryKey,
  queryOptions,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  type UseMutationOptions,
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
import { createQueryKeys, type EntityQueryKeys } from './createQueryKeys.js'
import { createEntityCache, type EntityCache } from './entityCache.js'
import {
  type MutationMode,
  type MutationTarget,
  runCreate,
  runDelete,
  runPatch,
  type WriteOptions,
} from './entityMutations.js'
import { normalizeFilters } from './normalizeFilters.js'
import type {
  CreatableApi,
  CreateDataOfApi,
  DeletableApi,
  EntityOfApi,
  FiltersOfApi,
  SignalOptions,
  UpdatableApi,
} from './types.js'
import { type UndoableMutationResult, useCacheMutation } from './useCacheMutation.js'

/** The smallest API `createEntityHooks` accepts (every `EntityBaseApi` fits). */
export interface EntityApiShape {
  readonly config: { readonly serverUrl: string }
  readonly endpointBase: string
  getEntityId(entity: never): string
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
  /** Page size of `useInfiniteList` when the call does not give one (default 50). */
  pageSize?: number
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

/** Options of `usePatch`, `useDelete`, `useBulkDelete`. */
export interface WriteHookOptions {
  /** Default `'optimistic'`. */
  mutationMode?: MutationMode
  /** Undoable mode: how long the request waits for `undo()`, in ms (default 5000). */
  undoTimeout?: number
}
type MutationOverrides<R, V> = Omit<UseMutationOptions<R, Error, V>, 'mutationFn'>

/** `usePatch().mutate({ entity, data })`: `entity` is an id or the entity. */
export interface PatchVariables<T> {
  entity: string | T
  data: Partial<T>
}

function detailQuery<T>(
  api: EntityApiShape,
  keys: EntityQueryKeys<unknown>,
  defaults: QueryDefaults,
  id: string,
) {
  return queryOptions({
    queryKey: keys.detail(id) as QueryKey,
    // getEntityId throws a ValidationError for a malformed id: an error state, nothing sent.
    queryFn: ({ signal }) =>
      api.getById((api.getEntityId as (e: string) => string)(id), { signal }) as Promise<T>,
    ...defaults,
  })
}

function listQuery<T, F>(
  api: EntityApiShape,
  cache: EntityCache<T, F>,
  defaults: QueryDefaults,
  filters: F | undefined,
) {
  const normalized = normalizeFilters(filters)
  return queryOptions({
    queryKey: cache.keys.list(normalized) as QueryKey,
    queryFn: (context) => fetchList(api, cache, normalized, context),
    ...defaults,
  })
}

function infiniteListQuery<T, F>(
  api: EntityApiShape,
  cache: EntityCache<T, F>,
  defaults: QueryDefaults,
  filters: F | undefined,
  pageSize: number,
) {
  const normalized = normalizeFilters(filters)
  return infiniteQueryOptions({
    queryKey: cache.keys.infiniteList(normalized, pageSize) as QueryKey,
    initialPageParam: 0,
    queryFn: (context) =>
      fetchList(api, cache, { ...normalized, limit: pageSize, offset: context.pageParam }, context),
    // Offset pages; a short (or empty) page is the last one.
    getNextPageParam: (lastPage: T[], _pages: T[][], lastOffset: number) =>
      lastPage.length < pageSize ? undefined : lastOffset + pageSize,
    ...defaults,
  })
}

/** Fetches one list (or page); its entities seed their detail entries. */
async function fetchList<T>(
  api: EntityApiShape,
  cache: Pick<EntityCache<T, unknown>, 'attach' | 'seedDetails'>,
  filters: unknown,
  { signal, client }: { signal: AbortSignal; client: QueryClient },
): Promise<T[]> {
  const items = await (api.getList as (f: unknown, o: SignalOptions) => Promise<T[]>)(filters, { signal })
  cache.attach(client)
  cache.seedDetails(client, items, Date.now())
  return items
}
interface QueryDefaults {
  staleTime: number
  retry: NonNullable<EntityHooksOptions['retry']>
}

/** `queryOptions` factories for `prefetchQuery`, `ensureQueryData`, `useQuery`, `useSuspenseQuery`. */
export interface EntityQueries<T, F> {
  detail(id: string): ReturnType<typeof detailQuery<T>>
  list(filters?: F): ReturnType<typeof listQuery<T, F>>
  infiniteList(filters?: F, pageSize?: number): ReturnType<typeof infiniteListQuery<T, F>>
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

type CanCreate = { create(data: never, ...rest: never[]): Promise<unknown> }
type CanPatch = { patch(entity: never, data: never, ...rest: never[]): Promise<unknown> }
type CanDelete = {
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
  options: EntityHooksOptions = {},
): EntityHooks<A> {
  type T = EntityOfApi<A>
  type F = FiltersOfApi<A>
  const keys = createQueryKeys<F>(api)
  const cache = createEntityCache<T, F>(keys, api.getEntityId.bind(api) as (e: T | string) => string)
  const defaults: QueryDefaults = { staleTime: options.staleTime ?? 30_000, retry: options.retry ?? false }
  const defaultPageSize = options.pageSize ?? 50
  const target = (client: QueryClient): MutationTarget<T> => ({
    client,
    cache: cache as EntityCache<T, unknown>,
    serverUrl: api.config.serverUrl,
    endpointBase: api.endpointBase,
  })
  const idOf = (entity: T | string) => (api.getEntityId as (e: T | string) => string)(entity)

  const queries: EntityQueries<T, F> = {
    detail: (id) => detailQuery<T>(api, keys as EntityQueryKeys<unknown>, defaults, id),
    list: (filters) => listQuery<T, F>(api, cache, defaults, filters),
    infiniteList: (filters, pageSize = defaultPageSize) =>
      infiniteListQuery<T, F>(api, cache, defaults, filters, pageSize),
  }

  const hooks: Record<string, unknown> = {
    keys,
    queries,
    useGetById: (id: string | undefined, overrides: QueryOverrides<T> = {}) => {
      // Before the query exists: a detail entry created now starts from a cached list.
      cache.attach(useQueryClient())
      return useQuery({
        ...queries.detail(id ?? ''),
        ...overrides,
        enabled: id === undefined ? false : overrides.enabled,
      })
    },
    useSuspenseGetById: (id: string, overrides?: SuspenseQueryOverrides<T>) => {
      cache.attach(useQueryClient())
      return useSuspenseQuery({ ...queries.detail(id), ...overrides })
    },
    useList: (filters?: F, overrides?: QueryOverrides<T[]>) =>
      useQuery({ ...queries.list(filters), ...overrides }),
    useSuspenseList: (filters?: F, overrides?: SuspenseQueryOverrides<T[]>) =>
      useSuspenseQuery({ ...queries.list(filters), ...overrides }),
    useInfiniteList: (filters?: F, { pageSize, ...overrides }: InfiniteListOptions<T> = {}) =>
      useInfiniteQuery({ ...queries.infiniteList(filters, pageSize ?? defaultPageSize), ...overrides }),
  }

  // Mutation hooks by capability: `useCreate` where the API can create, and so on.
  const canDo = (method: string) => typeof (api as unknown as Record<string, unknown>)[method] === 'function'
  const writes = api as unknown as CreatableApi<T, CreateDataOfApi<A>> & UpdatableApi<T> & DeletableApi<T>
  const mutationHook =
    <V, R>(write: (t: MutationTarget<T>, variables: V, options: WriteOptions) => Promise<R>) =>
    (overrides?: WriteHookOptions & MutationOverrides<R, V>) =>
      useCacheMutation<V, R>(overrides, (client, variables, options) =>
        write(target(client), variables, options),
      )
  if (canDo('create'))
    hooks.useCreate = mutationHook((t, data: CreateDataOfApi<A>) =>
      runCreate(t, () => writes.create(data, { returnEntity: true })),
    )
  if (canDo('patch'))
    hooks.usePatch = mutationHook((t, { entity, data }: PatchVariables<T>, options) =>
      runPatch(t, idOf(entity), data, (o) => writes.patch(entity, data, o), options),
    )
  if (canDo('delete')) {
    hooks.useDelete = mutationHook((t, entity: string | T, options) =>
      runDelete(t, [idOf(entity)], (o) => writes.delete(entity, o), options),
    )
    hooks.useBulkDelete = mutationHook((t, entities: ReadonlyArray<string | T>, options) =>
      runDelete(t, entities.map(idOf), (o) => writes.bulkDelete(entities, o), options),
    )
  }
  return hooks as EntityHooks<A>
}
