import type { EntityApiArgs, EntityApiClass, MixinClass, Patchable } from './capabilities.js'
import { EntityBaseApi } from './EntityBaseApi.js'
import type { CallOptions, EntityOf, NoFilters } from './types.js'

/**
 * Adds `patch` and `partialUpdate` to an entity API class.
 *
 * @example
 * class NotesApi extends withPatch(EntityBaseApi<Note>) {}
 */
export function withPatch<TBase extends EntityApiClass>(
  Base: TBase,
): TBase & MixinClass<Patchable<EntityOf<InstanceType<TBase>>>> {
  type T = EntityOf<InstanceType<TBase>>
  class WithPatch extends Base implements Patchable<T> {
    /** See {@link Patchable.patch}. */
    patch(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
      return this.patchEntity(entity, data, options)
    }
    /** Same as `patch`. */
    partialUpdate(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
      return this.patchEntity(entity, data, options)
    }
  }
  return WithPatch
}

/**
 * An entity API with `patch` (and its alias `partialUpdate`): the mixin applied to `EntityBaseApi`.
 *
 * @example
 * const notes = new PatchableEntityApi<Note>(config, noteSchema, 'notes')
 * const n = await notes.patch(note, { title: 'Renamed' })
 */
export interface PatchableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>,
    Patchable<T> {}
// A mixin applied to `EntityBaseApi` has `unknown` entity types; this signature makes the class generic again.
export const PatchableEntityApi = withPatch(EntityBaseApi) as unknown as new <
  T,
  F extends object = NoFilters,
  C = Partial<T>,
>(
  ...args: EntityApiArgs<T>
) => PatchableEntityApi<T, F, C>

/** The Python SDK's name for {@link PatchableEntityApi} (the same class). */
export type UpdatableEntityApi<T, F extends object = NoFilters, C = Partial<T>> = PatchableEntityApi<T, F, C>
/** The Python SDK's name for {@link PatchableEntityApi} (the same class). */
export const UpdatableEntityApi = PatchableEntityApi
