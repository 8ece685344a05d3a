import type { EntityApiClass, MixinClass, Updatable } from './capabilities.js'
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
    /** Changes only the given fields; see {@link UpdatableEntityApi.patch}. */
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

/** An entity API with `patch` (and its alias `partialUpdate`). */
export class UpdatableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>
  implements Updatable<T>
{
  /**
   * `PATCH /{endpoint}/{id}` with only the fields of `data` that are defined; resolves to the updated
   * entity (read back with GET when the server answers `{}`).
   *
   * @example
   * const p = await projects.patch(project, { name: 'Renamed' })
   */
  patch(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
    return this.patchEntity(entity, data, options)
  }
  /** Same as {@link UpdatableEntityApi.patch}. */
  partialUpdate(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
    return this.patchEntity(entity, data, options)
  }
}
