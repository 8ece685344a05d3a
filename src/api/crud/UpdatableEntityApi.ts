import type { EntityApiArgs, EntityApiClass, MixinClass, Updatable } from './capabilities.js'
import { EntityBaseApi } from './EntityBaseApi.js'
import type { CallOptions, EntityOf, NoFilters } from './types.js'

/**
 * Adds `patch` and `partialUpdate` to an entity API class.
 *
 * @example
 * class NotesApi extends withUpdate(EntityBaseApi<Note>) {}
 */
export function withUpdate<TBase extends EntityApiClass>(
  Base: TBase,
): TBase & MixinClass<Updatable<EntityOf<InstanceType<TBase>>>> {
  type T = EntityOf<InstanceType<TBase>>
  class WithUpdate extends Base implements Updatable<T> {
    /** See {@link Updatable.patch}. */
    patch(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
      return this.patchEntity(entity, data, options)
    }
    /** Same as `patch`. */
    partialUpdate(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
      return this.patchEntity(entity, data, options)
    }
  }
  return WithUpdate
}

/**
 * An entity API with `patch` (and its alias `partialUpdate`): the mixin applied to `EntityBaseApi`.
 *
 * @example
 * const notes = new UpdatableEntityApi<Note>(config, noteSchema, 'notes')
 * const n = await notes.patch(note, { title: 'Renamed' })
 */
export interface UpdatableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>,
    Updatable<T> {}
// A mixin applied to `EntityBaseApi` has `unknown` entity types; this signature makes the class generic again.
export const UpdatableEntityApi = withUpdate(EntityBaseApi) as unknown as new <
  T,
  F extends object = NoFilters,
  C = Partial<T>,
>(
  ...args: EntityApiArgs<T>
) => UpdatableEntityApi<T, F, C>
