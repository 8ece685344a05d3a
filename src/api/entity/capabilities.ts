import type { EntityBaseApi } from './EntityBaseApi.js'
import type { CallOptions, CreateOptions } from './types.js'

/** An API that can create entities (`POST /{endpoint}`). */
export interface Creatable<T, C = Partial<T>> {
  create(data: C, options?: CreateOptions & { returnEntity?: true }): Promise<T>
  create(data: C, options: CreateOptions & { returnEntity: false }): Promise<string>
  create(data: C, options?: CreateOptions): Promise<T | string>
}

/** An API that can change entities (`PATCH /{endpoint}/{id}`). */
export interface Updatable<T> {
  patch(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T>
  /** Same as {@link Updatable.patch} (the Python SDK's name). */
  partialUpdate(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T>
}

/** An API that can delete entities (`DELETE /{endpoint}/{id}`). */
export interface Deletable<T> {
  delete(entity: string | T, options?: CallOptions): Promise<void>
  bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void>
}

/** A class whose instances are entity APIs; what the `with…` mixins extend. */
// biome-ignore lint/suspicious/noExplicitAny: a mixin base must take `...args: any[]` (TypeScript's rule).
export type EntityApiClass = new (...args: any[]) => EntityBaseApi<any, any, any>

/** The constructor a mixin adds: its instances also have the capability `I`. */
// biome-ignore lint/suspicious/noExplicitAny: see EntityApiClass.
export type MixinClass<I> = new (...args: any[]) => I
