'use client'
import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  type QueryKey,
  type QueryKeyWithDataTag,
  queryOptions,
  type SkipToken,
  skipToken,
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
import type {
  CallOptions,
  CreateInputOf,
  CreateOptions,
  EntityOf,
  FiltersOf,
  InputOf,
  ListWindow,
  Page,
  PatchInputOf,
} from '../api/crud/types.js'
import type { DatamintError } from '../api/errors.js'
import { createQueryKeys, type EntityQueryKeys } from './core/createQueryKeys.js'
import { createEntityCache } from './core/entityCache.js'
import type { EntityWrite } from './core/entityMutations.js'
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
  /** Checks an id or entity and returns the id; throws a `ValidationError` when malformed. */
  getEntityId(entity: never): string
  /** The id a cached entity carries, unchecked. */
  readId(entity: unknown): string | undefined
  getById(id: string, options?: CallOptions): Promise<unknown>
  getList(filters?: never, options?: CallOptions): Promise<unknown[]>
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
  retry?: boolean | number | ((failureCount: number, error: DatamintError) => boolean)
}

/** Query options a hook call may override (everything but the key and the function). */
export type QueryOverrides<T, TData = T> = Omit<
  UseQueryOptions<T, DatamintError, TData, QueryKey>,
  'queryKey' | 'queryFn'
>
export type SuspenseQueryOverrides<T, TData = T> = Omit<
  UseSuspenseQueryOptions<T, DatamintError, TData, QueryKey>,
  'queryKey' | 'queryFn'
>
export type InfiniteListOptions<T> = { pageSize?: number } & Omit<
  UseInfiniteQueryOptions<T[], DatamintError, InfiniteData<T[], number>, QueryKey, number>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>

/** `usePatch().mutate({ entity, data })`: `entity` is an id or the entity; `data` what the API's `patch` takes. */
export interface PatchVariables<T, P = Partial<T>> {
  entity: string | T
  data: P
}

/** Filters without the window: what an infinite list pages through. */
export type WindowlessFilters<F> = Omit<F, keyof ListWindow>
/** What `usePage` takes: filters with the window (`offset`, `limit`) required. */
export type PageWindowFilters<F> = F & Required<ListWindow>

/** Query options whose key is tagged with the data type (so `getQueryData(key)` is typed). */
export type TaggedQueryOptions<TOptions, TData> = TOptions &
  QueryKeyWithDataTag<QueryKey, TData, DatamintError>

/** `queryOptions` factories for `prefetchQuery`, `ensureQueryData`, `useQuery`, `useSuspenseQuery`. */
export interface EntityQueries<T, F> {
  detail(id: string): TaggedQueryOptions<UnusedSkipTokenOptions<T, DatamintError, T, QueryKey>, T>
  /** One list; with `limit`/`offset` in the filters, that one window (the key includes both). */
  list(filters?: F): TaggedQueryOptions<UnusedSkipTokenOptions<T[], DatamintError, T[], QueryKey>, T[]>
  /** One page with the server's total (`api.getPage`). */
  page(
    filters: PageWindowFilters<F>,
  ): TaggedQueryOptions<UnusedSkipTokenOptions<Page<T>, DatamintError, Page<T>, QueryKey>, Page<T>>
  infiniteList(
    filters?: WindowlessFilters<F>,
    pageSize?: number,
  ): TaggedQueryOptions<
    UnusedSkipTokenInfiniteOptions<T[], DatamintError, InfiniteData<T[], number>, QueryKey, number>,
    InfiniteData<T[]>
  >
}

/** What every entity API gets: keys, query factories and reads. */
export interface ReadHooks<T, F> {
  keys: EntityQueryKeys<F>
  queries: EntityQueries<T, F>
  /** One entity; waits while `id` is undefined or `skipToken`; a malformed id is an error without a request. */
  useGetById<TData = T>(
    id: string | undefined | SkipToken,
    options?: QueryOverrides<T, TData>,
  ): UseQueryResult<TData, DatamintError>
  useSuspenseGetById<TData = T>(
    id: string,
    options?: SuspenseQueryOverrides<T, TData>,
  ): UseSuspenseQueryResult<TData, DatamintError>
  /**
   * One list (every page, or the `limit`/`offset` window the filters name); its entities seed their
   * detail entries. `skipToken` waits.
   */
  useList<TData = T[]>(
    filters?: F | SkipToken,
    options?: QueryOverrides<T[], TData>,
  ): UseQueryResult<TData, DatamintError>
  useSuspenseList<TData = T[]>(
    filters?: F,
    options?: SuspenseQueryOverrides<T[], TData>,
  ): UseSuspenseQueryResult<TData, DatamintError>
  /** Offset pages of `pageSize`; `hasNextPage` turns false after a short page. */
  useInfiniteList(
    filters?: WindowlessFilters<F>,
    options?: InfiniteListOptions<T>,
  ): UseInfiniteQueryResult<InfiniteData<T[], number>, DatamintError>
}

export interface PageHooks<T, F> {
  /**
   * One page and the server's total (`{ items, totalCount? }`), for a paginated table. While the next
   * page loads, the previous one stays shown (`isPlaceholderData` is true). `skipToken` waits.
   */
  usePage<TData = Page<T>>(
    filters: PageWindowFilters<F> | SkipToken,
    options?: QueryOverrides<Page<T>, TData>,
  ): UseQueryResult<TData, DatamintError>
}

/** Options of `useCreate`. */
export interface CreateHookOptions {
  /** Resolve to the created entity (default), or with `false` to its id only (no read-back request). */
  returnEntity?: boolean
  /** A 409 resolves to the existing entity instead of failing. */
  existsOk?: boolean
}

export interface CreateHooks<T, C> {
  /** `mutate(data)`; on success the entity is in its detail entry and this type's lists are refetched. */
  useCreate(
    options?: CreateHookOptions & { returnEntity?: true } & MutationOverrides<T, C>,
  ): UseMutationResult<T, DatamintError, C>
  useCreate(
    options: CreateHookOptions & { returnEntity: false } & MutationOverrides<string, C>,
  ): UseMutationResult<string, DatamintError, C>
}

export interface PatchHooks<T, P> {
  /** `mutate({ entity, data })`, optimistic by default, with `undo()` for undoable mode. */
  usePatch(
    options?: WriteHookOptions & MutationOverrides<T, PatchVariables<T, P>>,
  ): UndoableMutationResult<T, PatchVariables<T, P>>
}

export interface DeleteHooks<D> {
  /** `mutate(entity)`: gone from every list at once, back on error. */
  useDelete(options?: WriteHookOptions & MutationOverrides<void, D>): UndoableMutationResult<void, D>
}

export interface BulkDeleteHooks<B> {
  /** `mutate(entities)`: a partial failure restores only the failed ids (`error.failures` lists each). */
  useBulkDelete(options?: WriteHookOptions & MutationOverrides<void, B>): UndoableMutationResult<void, B>
}

/** `{}` when the API has no such method (its input type is `never`), else `Hooks`. */
export type HooksWhere<Input, Hooks> = [Input] extends [never] ? {} : Hooks

/**
 * The hooks of an API, read from its own method signatures: reads always; `usePage` where it has
 * `getPage`; `useCreate`, `usePatch`, `useDelete`, `useBulkDelete` where it has `create`, `patch`,
 * `delete`, `bulkDelete` (each on its own), typed by what that method takes.
 */
export type EntityHooks<A> = ReadHooks<EntityOf<A>, FiltersOf<A>> &
  HooksWhere<InputOf<A, 'getPage'>, PageHooks<EntityOf<A>, FiltersOf<A>>> &
  HooksWhere<InputOf<A, 'create'>, CreateHooks<EntityOf<A>, CreateInputOf<A>>> &
  HooksWhere<PatchInputOf<A>, PatchHooks<EntityOf<A>, PatchInputOf<A>>> &
  HooksWhere<InputOf<A, 'delete'>, DeleteHooks<InputOf<A, 'delete'>>> &
  HooksWhere<InputOf<A, 'bulkDelete'>, BulkDeleteHooks<InputOf<A, 'bulkDelete'>>>

/** The API's methods the hooks call, as the run-time check below finds them. */
type Method = (...args: never[]) => Promise<unknown>
type Call = (...args: unknown[]) => Promise<unknown>

/**
 * React Query hooks for one entity API, typed by what it can do: an API without `patch` has no `usePatch`.
 * Keys are rooted at `['datamint', serverUrl, endpointBase]`; errors are `DatamintError`s.
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
  type T = EntityOf<A>
  type F = FiltersOf<A>
  const methods = api as unknown as Partial<Record<string, Method>>
  const call = (name: string) => (methods[name] as unknown as Call).bind(api)
  const keys = createQueryKeys<F>(api)
  // getEntityId throws a ValidationError for a malformed id: an error state, nothing sent.
  const idOf = (entity: T | string) => (api.getEntityId as (e: T | string) => string)(entity)
  const cache = createEntityCache<T>(keys as EntityQueryKeys<unknown>, (entity) => api.readId(entity))
  const defaults = { staleTime: 30_000, retry: false, ...options }

  /** Fetches one list (or page); once the cache is attached, its entities seed their detail entries. */
  const fetchList = async (
    filters: unknown,
    { signal, client }: { signal: AbortSignal; client: QueryClient },
  ) => {
    cache.attach(client)
    const items = (await api.getList(filters as never, { signal })) as T[]
    // Writes still in flight show on top of what the server sent.
    return cache.overlay(client, items)
  }
  const queries: EntityQueries<T, F> = {
    detail: (id) =>
      queryOptions({
        queryKey: keys.detail(id) as QueryKey,
        queryFn: async ({ signal, client }) =>
          cache.overlayEntity(client, (await api.getById(idOf(id), { signal })) as T),
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
    page: (filters) => {
      const queryKey = keys.page(filters)
      return queryOptions({
        queryKey: queryKey as QueryKey,
        queryFn: async ({ signal, client }) => {
          cache.attach(client)
          const page = (await call('getPage')(queryKey[4], { signal })) as Page<T>
          return { ...page, items: cache.overlay(client, page.items) }
        },
        ...defaults,
      })
    },
    infiniteList: (filters, pageSize = 50) => {
      const queryKey = keys.infiniteList(filters as F, pageSize)
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

  // A query that waits (skipToken): its own key, outside the lists and details the cache edits.
  const waiting = { queryKey: [...keys.all, 'skip'] as QueryKey, queryFn: skipToken, ...defaults }
  /** A read hook: `use` over a query factory, attaching the cache first so a new detail starts from a list. */
  const read =
    <P>(use: (options: never) => unknown, query: (arg: P, pageSize?: number) => object, more?: object) =>
    (arg: P | SkipToken, options?: object, pageSize?: number) => {
      cache.attach(useQueryClient())
      return use({ ...(arg === skipToken ? waiting : query(arg, pageSize)), ...more, ...options } as never)
    }
  const getById = read(useQuery, queries.detail)
  const infiniteList = read(useInfiniteQuery, queries.infiniteList)
  const hooks: Record<string, unknown> = {
    keys,
    queries,
    useGetById: (id: string | undefined | SkipToken, options?: object) => getById(id ?? skipToken, options),
    useSuspenseGetById: read(useSuspenseQuery, queries.detail),
    useList: read(useQuery, queries.list),
    useSuspenseList: read(useSuspenseQuery, queries.list),
    useInfiniteList: (
      filters?: WindowlessFilters<F>,
      { pageSize, ...options }: InfiniteListOptions<T> = {},
    ) => infiniteList(filters, options, pageSize),
  }
  // Page flips keep the previous page on screen until the next one is there.
  if (methods.getPage) hooks.usePage = read(useQuery, queries.page, { placeholderData: keepPreviousData })

  // Write hooks by capability: each exists only where the API has its method (as EntityHooks types it).
  const writeHooks: Record<string, (variables: never, options: CreateHookOptions) => EntityWrite<unknown>> = {
    create: (data, { returnEntity = true, existsOk }: CreateOptions) => ({
      ids: [],
      send: () => call('create')(data, { returnEntity, existsOk }),
    }),
    patch: ({ entity, data }: PatchVariables<T, unknown>) => ({
      ids: [idOf(entity)],
      change: data as object,
      send: (o) => call('patch')(entity, data, o),
    }),
    delete: (entity: string | T) => ({
      ids: [idOf(entity)],
      change: null,
      send: (o) => call('delete')(entity, o),
    }),
    bulkDelete: (entities: ReadonlyArray<string | T>) => ({
      ids: entities.map(idOf),
      change: null,
      send: (o) => call('bulkDelete')(entities, o),
    }),
  }
  for (const [method, write] of Object.entries(writeHooks))
    if (typeof methods[method] === 'function')
      hooks[`use${method[0].toUpperCase()}${method.slice(1)}`] = ({
        returnEntity,
        existsOk,
        ...rest
      }: CreateHookOptions & WriteHookOptions & MutationOverrides<unknown, never> = {}) =>
        useCacheMutation(cache, (variables: never) => write(variables, { returnEntity, existsOk }), rest)
  return hooks as EntityHooks<A>
}
