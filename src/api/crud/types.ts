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

/** Options of `create`. */
export interface CreateOptions extends CallOptions {
  /** Resolve to the created entity (fetched when the server answered only its id). Default true. */
  returnEntity?: boolean
  /** When the entity already exists (409), resolve to the existing one instead of throwing. Default false. */
  existsOk?: boolean
}

/** The types an entity API works with, carried as a phantom member so helpers can read them. */
export interface EntityTypes<T, F, C> {
  entity: T
  filters: F
  create: C
}

/** The entity type of an API, e.g. `EntityOf<ProjectsApi>` is `Project`. */
export type EntityOf<Api> = Api extends { readonly '~types'?: EntityTypes<infer T, unknown, unknown> }
  ? T
  : never

/** The full `getList` filters of an API (its own filters plus `limit`/`offset`). */
export type FiltersOf<Api> = Api extends { readonly '~types'?: EntityTypes<unknown, infer F, unknown> }
  ? ListFilters<F>
  : never

/** What `create` takes for an API. */
export type CreateInputOf<Api> = Api extends { readonly '~types'?: EntityTypes<unknown, unknown, infer C> }
  ? C
  : never
