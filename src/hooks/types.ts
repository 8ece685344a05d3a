/**
 * What the hooks need from an entity API, written structurally so the React layer depends on
 * shapes, not on class hierarchies. `EntityBaseApi` and its capability mixins satisfy these.
 */

/** Cancellation for any call that does I/O. */
export interface SignalOptions {
  signal?: AbortSignal
}

/** The read side every entity API has (`EntityBaseApi`). */
export interface ReadableApi<T = unknown, F = Record<string, unknown>> {
  readonly config: { readonly serverUrl: string; readonly maxRetries: number }
  readonly endpointBase: string
  readonly entityName: string
  /** Validates and returns the id of an entity or id string; throws a `ValidationError` when malformed. */
  getEntityId(entity: T | string): string
  getById(id: string, options?: SignalOptions): Promise<T>
  getList(filters?: F & { limit?: number; offset?: number }, options?: SignalOptions): Promise<T[]>
}

/** `CreatableEntityApi`: `create(data, { returnEntity, existsOk, signal })`. */
export interface CreatableApi<T = unknown, C = unknown> {
  create(
    data: C,
    options?: { returnEntity?: boolean; existsOk?: boolean; signal?: AbortSignal },
  ): Promise<T | string>
}

/** Options of the writes the hooks send: `keepalive` lets a request started as the page closes finish. */
export interface WriteCallOptions extends SignalOptions {
  keepalive?: boolean
}

/** `UpdatableEntityApi`: `patch(entity, data)`. */
export interface UpdatableApi<T = unknown> {
  patch(entity: string | T, data: Partial<T>, options?: WriteCallOptions): Promise<T>
}

/** `DeletableEntityApi`: `delete(entity)` and `bulkDelete(entities)`. */
export interface DeletableApi<T = unknown> {
  delete(entity: string | T, options?: WriteCallOptions): Promise<void>
  bulkDelete(entities: ReadonlyArray<string | T>, options?: WriteCallOptions): Promise<void>
}

/** The entity type an API reads (what `getById` resolves to). */
export type EntityOfApi<A> = A extends { getById(id: string, ...rest: never[]): Promise<infer T> } ? T : never

/** The filters `getList` accepts, without the paging fields the hooks own. */
export type FiltersOfApi<A> = A extends {
  getList(filters?: infer F, ...rest: never[]): Promise<unknown>
}
  ? Omit<NonNullable<F>, 'limit' | 'offset'>
  : never

/** What `create` accepts as its first argument. */
export type CreateDataOfApi<A> = A extends { create(data: infer C, ...rest: never[]): Promise<unknown> }
  ? C
  : never

/** One failed id of a partly failed bulk operation, as the API reports it on its error's `failures`. */
export interface BulkFailure {
  id: string
  error: unknown
}
