import type { Deletable, EntityApiArgs, EntityApiClass, MixinClass } from './capabilities.js'
import { EntityBaseApi } from './EntityBaseApi.js'
import type { CallOptions, EntityOf, NoFilters } from './types.js'

/**
 * Adds `delete` and `bulkDelete` to an entity API class (subclasses may override `bulkDelete`, e.g. to batch).
 *
 * @example
 * class DatasetsApi extends withDelete(EntityBaseApi<Dataset>) {}
 */
export function withDelete<TBase extends EntityApiClass>(
  Base: TBase,
): TBase & MixinClass<Deletable<EntityOf<InstanceType<TBase>>>> {
  type T = EntityOf<InstanceType<TBase>>
  class WithDelete extends Base implements Deletable<T> {
    /** See {@link Deletable.delete}. */
    delete(entity: string | T, options?: CallOptions): Promise<void> {
      return this.deleteEntity(entity, options)
    }
    /** See {@link Deletable.bulkDelete}. */
    bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void> {
      return this.bulkDeleteEntities(entities, options)
    }
  }
  return WithDelete
}

/** An entity API with `delete` and `bulkDelete` (the mixin applied to `EntityBaseApi`). */
export interface DeletableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>,
    Deletable<T> {}
// A mixin applied to `EntityBaseApi` has `unknown` entity types; this signature makes the class generic again.
export const DeletableEntityApi = withDelete(EntityBaseApi) as unknown as new <
  T,
  F extends object = NoFilters,
  C = Partial<T>,
>(
  ...args: EntityApiArgs<T>
) => DeletableEntityApi<T, F, C>
