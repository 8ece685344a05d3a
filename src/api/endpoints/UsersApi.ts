import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { withCreate } from '../crud/CreatableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import type { CreateOptions, NoFilters } from '../crud/types.js'
import { assertEmail } from '../ids.js'
import { type User, userSchema } from '../models/User.js'

/** What {@link UsersApi.create} takes. */
export interface NewUser {
  email: string
  /** Without one, the server generates a password. */
  password?: string
  firstname?: string
  lastname?: string
  roles?: string[]
}

const Base = withCreate(EntityBaseApi<User, NoFilters, NewUser>)

/**
 * Users (`/users`), addressed by e-mail: `getById('someone@example.com')`. An empty or malformed e-mail is
 * refused before anything is sent.
 *
 * @example
 * const user = await api.users.create({ email: 'ann@example.com', firstname: 'Ann', roles: ['annotator'] })
 */
export class UsersApi extends Base {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, userSchema, 'users', client)
  }

  /** `POST /users` with `{email, password, firstname, lastname, roles}` (unset fields as `null`, like the Python SDK). */
  override create(data: NewUser, options?: CreateOptions & { returnEntity?: true }): Promise<User>
  override create(data: NewUser, options: CreateOptions & { returnEntity: false }): Promise<string>
  override create(data: NewUser, options?: CreateOptions): Promise<User | string>
  override create(data: NewUser, options?: CreateOptions): Promise<User | string> {
    const email = assertEmail(data?.email, 'user')
    const body = {
      email,
      password: data.password ?? null,
      firstname: data.firstname ?? null,
      lastname: data.lastname ?? null,
      roles: data.roles ?? null,
    }
    return this.createEntity(this.endpointBase, { json: body }, options)
  }

  protected override get idField(): string {
    return 'email'
  }

  protected override validateId(id: unknown): string {
    return assertEmail(id, 'user')
  }
}
