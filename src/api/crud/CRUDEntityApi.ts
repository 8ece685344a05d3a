import { withCreate } from './CreatableEntityApi.js'
import type { Creatable, Deletable, EntityApiArgs, Patchable } from './capabilities.js'
import { withDelete } from './DeletableEntityApi.js'
import { EntityBaseApi } from './EntityBaseApi.js'
import { withPatch } from './PatchableEntityApi.js'
import type { NoFilters } from './types.js'

/**
 * An entity API with every operation: read, `create`, `patch`/`partialUpdate`, `delete`/`bulkDelete`.
 *
 * @example
 * class ProjectsApi extends CRUDEntityApi<Project, ProjectFilters, NewProject> {}
 */
export interface CRUDEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>,
    Creatable<T, C>,
    Patchable<T>,
    Deletable<T> {}
// A mixin applied to `EntityBaseApi` has `unknown` entity types; this signature makes the class generic again.
export const CRUDEntityApi = withPatch(withDelete(withCreate(EntityBaseApi))) as unknown as new <
  T,
  F extends object = NoFilters,
  C = Partial<T>,
>(
  ...args: EntityApiArgs<T>
) => CRUDEntityApi<T, F, C>
