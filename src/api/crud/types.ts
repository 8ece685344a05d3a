/** Turns a raw JSON value into an entity (throws `ValidationError` naming the field when it does not fit). */
export type EntityParser<T> = (raw: unknown, path?: string) => T

/** A schema object (e.g. from `objectSchema`); `parseList` is used for lists when present. */
export interface EntitySchemaLike<T> {
  parse(raw: unknown, path?: string): T
  parseList?(raw: readonly unknown[], path?: string): T[]
}

/** What an entity API is built from: a schema or a plain parser function. */
export type EntityDefinition<T> = EntityParser<T> | EntitySchemaLike<T>

/** No list filters beyond `limit`/`offset`. */
export type NoFilters = Record<never, never>

/** Paging options every `getList` accepts. */
export interface ListWindow {
  /** Return at most this many items. */
  limit?: number
  /** Skip this many items first. */
  offset?: number
}

/** The filters of a list call: the API's own filters plus `limit` and `offset`. */
export type ListFilters<F> = F & ListWindow

/** Options of every call: `signal` cancels the request and any retry wait. */
export interface CallOptions {
  signal?: AbortSignal
  /** Writes (`patch`, `delete`, `bulkDelete`): send with fetch `keepalive` so the request survives the page closing. */
  keepalive?: boolean
}

/** Options of `getList`. */
export interface ListOptions extends CallOptions {
  /** Called with the server's `totalCount` of each page it answered (undefined when its list shape has none). */
  onTotalCount?: (totalCount: number | undefined) => void
}

/** What `getPage` takes: the API's filters with the window to fetch. */
export type PageFilters<F> = F & Required<ListWindow>

/** One page of a list (`getPage`), with the server's total when its list shape gives one. */
export interface Page<T> {
  items: T[]
  /** Items matching the filters on the server, all pages together; absent when the server did not say. */
  totalCount?: number
}

/** Options of `create`. */
export interface CreateOptions extends CallOptions {
  /** Resolve to the created entity (fetched when the server answered only its id). Default true. */
  returnEntity?: boolean
  /** When the entity already exists (409), resolve to the existing one instead of throwing. Default false. */
  existsOk?: boolean
}

/** The types an entity API is built with, carried as a phantom member for the mixins (`withCreate` reads C). */
export interface EntityTypes<T, F, C> {
  entity: T
  filters: F
  create: C
}

/**
 * The entity type of an API: what its `getById` resolves to (e.g. `EntityOf<ProjectsApi>` is `Project`).
 * This and the helpers below read the API's own method signatures, so a subclass that narrows a method
 * (e.g. `AnnotationsApi.patch`) is typed by what it really takes.
 */
export type EntityOf<Api> = Api extends { getById(id: string, ...rest: never[]): Promise<infer T> }
  ? T
  : never

/** What `getList` takes: the API's own filters plus `limit`/`offset`. */
export type FiltersOf<Api> = Api extends { getList(filters?: infer F, ...rest: never[]): Promise<unknown> }
  ? NonNullable<F>
  : never

/** What method `K` of an API takes first; `never` when the API has no such method (e.g. `InputOf<A, 'delete'>`). */
export type InputOf<Api, K extends string> =
  Api extends Record<K, (input: infer I, ...rest: never[]) => Promise<unknown>> ? I : never

/** What `create` takes (a class that gets `create` from `withCreate` reads it from its type parameters). */
export type CreateInputOf<Api> = Api extends { create(data: infer C, ...rest: never[]): Promise<unknown> }
  ? C
  : Api extends { readonly '~types'?: EntityTypes<unknown, unknown, infer C> }
    ? C
    : never

/** What `patch` takes as its changes; `never` when the API cannot patch. */
export type PatchInputOf<Api> = Api extends {
  patch(entity: never, data: infer P, ...rest: never[]): Promise<unknown>
}
  ? P
  : never
