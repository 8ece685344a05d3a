import { CreatableEntityApi } from './CreatableEntityApi.js'
import type { Creatable, Deletable, Updatable } from './capabilities.js'
import type { CallOptions, NoFilters } from './types.js'

/**
 * An entity API with every operation: read, `create`, `patch`/`partialUpdate`, `delete`/`bulkDelete`.
 *
 * @example
 * class ProjectsApi extends CRUDEntityApi<Project, ProjectFilters, NewProject> {}
 */
export class CRUDEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends CreatableEntityApi<T, F, C>
  implements Creatable<T, C>, Updatable<T>, Deletable<T>
{
  /** See `UpdatableEntityApi.patch`. */
  patch(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
    return this.patchEntity(entity, data, options)
  }
  /** Same as `patch`. */
  partialUpdate(entity: string | T, data: Partial<T>, options?: CallOptions): Promise<T> {
    return this.patchEntity(entity, data, options)
  }
  /** See `DeletableEntityApi.delete`. */
  delete(entity: string | T, options?: CallOptions): Promise<void> {
    return this.deleteEntity(entity, options)
  }
  /** See `DeletableEntityApi.bulkDelete`. */
  bulkDelete(entities: ReadonlyArray<string | T>, options?: CallOptions): Promise<void> {
    return this.bulkDeleteEntities(entities, options)
  }
}
