import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import type { EntityBaseApi } from './EntityBaseApi.js'
import type { CallOptions, CreateOptions, EntityDefinition } from './types.js'

/** An API that can create entities (`POST /{endpoint}`). */
export interface Creatable<T, C = Partial<T>> {
  /**
   * `POST /{endpoint}`. Resolves to the entity (read back with GET when the server answered only its id),
   * or to the id with `returnEntity: false`. A 409 throws `EntityAlreadyExistsError`, or with `existsOk`
   * resolves to the existing entity.
   */
  create(data: C, options?: CreateOptions & { returnEntity?: true }): Promise<T>
  create(data: C, options: CreateOptions & { returnEntity: false }): Promise<string>
  create(data: C, options?: CreateOptions): Promise<T | string>
}

/**
 * An API that can patch entities (`PATCH /{endpoint}/{id}`); `P` is what `patch` takes (default: any
 * subset of the entity's fields; an endpoint that changes only some fields narrows it).
 */
export interface Patchable<T, P = Partial<T>> {
  /**
   * `PATCH /{endpoint}/{id}` with only the fields of `data` that are defined; resolves to the updated
   * entity (read back with GET when the server answers `{}`).
   *
   * @example
   * const p = await projects.patch(project, { name: 'Renamed' })
   */
  patch(entity: string | T, data: P, options?: CallOptions): Promise<T>
  /** Same as {@link Patchable.patch} (the Python SDK's name). */
  partialUpdate(entity: string | T, data: P, options?: CallOptions): Promise<T>
}

/** An API that can delete entities (`DELETE /{endpoint}/{id}`). */
export interface Deletable<T> {
  /** `DELETE /{endpoint}/{id}`; `ItemNotFoundError` when it does not exist. */
  delete(entity: string | T, options?: CallOptions): Promise<void>
  /**
   * Deletes every entity with at most 20 requests in flight. Every id is attempted; if any fail, one
   * `BulkOperationError` lists each failed id with its cause.
   */
  bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void>
}

/** A class whose instances are entity APIs; what the `with…` mixins extend. */
// biome-ignore lint/suspicious/noExplicitAny: a mixin base must take `...args: any[]` (TypeScript's rule).
export type EntityApiClass = new (...args: any[]) => EntityBaseApi<any, any, any>

/** The constructor a mixin adds: its instances also have the capability `I`. */
// biome-ignore lint/suspicious/noExplicitAny: see EntityApiClass.
export type MixinClass<I> = new (...args: any[]) => I

/** What an entity API's constructor takes: config, the entity's schema or parser, endpoint, shared client. */
export type EntityApiArgs<T> = [
  config: ApiConfig,
  entity: EntityDefinition<T>,
  endpointBase: string,
  client?: KyInstance,
]
