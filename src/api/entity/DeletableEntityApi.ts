import type { Deletable, EntityApiClass, MixinClass } from './capabilities.js'
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
    /** `DELETE /{endpoint}/{id}`. */
    delete(entity: string | T, options?: CallOptions): Promise<void> {
      return this.deleteEntity(entity, options)
    }
    /** Deletes all, ≤ 20 in flight; one `BulkOperationError` lists every failure. */
    bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void> {
      return this.bulkDeleteEntities(entities, options)
    }
  }
  return WithDelete
}

/** An entity API with `delete` and `bulkDelete`. */
export class DeletableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>
  implements Deletable<T>
{
  /** `DELETE /{endpoint}/{id}`; `ItemNotFoundError` when it does not exist. */
  delete(entity: string | T, options?: CallOptions): Promise<void> {
    return this.deleteEntity(entity, options)
  }
  /**
   * Deletes every entity with at most 20 requests in flight. Every id is attempted; if any fail, one
   * `BulkOperationError` lists each failed id with its cause.
   */
  bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void> {
    return this.bulkDeleteEntities(entities, options)
  }
}
