import type { Creatable, EntityApiClass, MixinClass } from './capabilities.js'
import { EntityBaseApi } from './EntityBaseApi.js'
import type { CreateInputOf, CreateOptions, EntityOf, NoFilters } from './types.js'

/**
 * Adds `create` to an entity API class.
 *
 * @example
 * class UsersApi extends withCreate(EntityBaseApi<User, UserFilters, NewUser>) {}
 */
export function withCreate<TBase extends EntityApiClass>(
  Base: TBase,
): TBase & MixinClass<Creatable<EntityOf<InstanceType<TBase>>, CreateInputOf<InstanceType<TBase>>>> {
  type T = EntityOf<InstanceType<TBase>>
  type C = CreateInputOf<InstanceType<TBase>>
  class WithCreate extends Base implements Creatable<T, C> {
    /** Creates an entity; see {@link CreatableEntityApi.create}. */
    create(data: C, options?: CreateOptions & { returnEntity?: true }): Promise<T>
    create(data: C, options: CreateOptions & { returnEntity: false }): Promise<string>
    create(data: C, options?: CreateOptions): Promise<T | string>
    create(data: C, options?: CreateOptions): Promise<T | string> {
      return this.createEntity(this.endpointBase, { json: data }, options)
    }
  }
  return WithCreate
}

/**
 * An entity API with `create`.
 *
 * @example
 * const id = await users.create({ email, firstname }, { returnEntity: false })
 */
export class CreatableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>
  implements Creatable<T, C>
{
  /**
   * `POST /{endpoint}`. Resolves to the entity (read back with GET when the server answered only its id),
   * or to the id with `returnEntity: false`. A 409 throws `EntityAlreadyExistsError`, or with `existsOk`
   * resolves to the existing entity.
   */
  create(data: C, options?: CreateOptions & { returnEntity?: true }): Promise<T>
  create(data: C, options: CreateOptions & { returnEntity: false }): Promise<string>
  create(data: C, options?: CreateOptions): Promise<T | string>
  create(data: C, options?: CreateOptions): Promise<T | string> {
    return this.createEntity(this.endpointBase, { json: data }, options)
  }
}
