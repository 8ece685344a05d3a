import type { Creatable, EntityApiArgs, EntityApiClass, MixinClass } from './capabilities.js'
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
    /** Creates an entity; see {@link Creatable.create}. */
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
 * An entity API with `create` (the mixin applied to `EntityBaseApi`, usable as a generic class).
 *
 * @example
 * const users = new CreatableEntityApi<User>(config, userSchema, 'users')
 * const id = await users.create({ email, firstname }, { returnEntity: false })
 */
export interface CreatableEntityApi<T, F extends object = NoFilters, C = Partial<T>>
  extends EntityBaseApi<T, F, C>,
    Creatable<T, C> {}
// A mixin applied to `EntityBaseApi` has `unknown` entity types; this signature makes the class generic again.
export const CreatableEntityApi = withCreate(EntityBaseApi) as unknown as new <
  T,
  F extends object = NoFilters,
  C = Partial<T>,
>(
  ...args: EntityApiArgs<T>
) => CreatableEntityApi<T, F, C>
