import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { withCreate } from '../crud/CreatableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import type { CallOptions, CreateOptions, NoFilters } from '../crud/types.js'
import { badArgument } from '../errors.js'
import { assertEmail, pathSegment } from '../ids.js'
import { type Invitation, invitationSchema } from '../models/Invitation.js'
import type { Project } from '../models/Project.js'
import { type User, userSchema } from '../models/User.js'
import { isObject } from '../schema.js'
import { withQuery } from './withQuery.js'
import { entityId, parseListAnswer } from './workflow.js'

/** What {@link UsersApi.create} takes. */
export interface NewUser {
  email: string
  /** Without one, the server generates a password. */
  password?: string
  firstname?: string
  lastname?: string
  roles?: string[]
}

/** Options of {@link UsersApi.invite}. */
export interface InviteOptions extends CallOptions {
  firstname?: string
  lastname?: string
  /** Where the invitation link leads once accepted (sent as `return_url`). */
  returnUrl?: string
  /** A project to add the invitee to (sent as `project_id`). */
  project?: string | Project
  /** Their roles in that project, e.g. `['PROJECT_ANNOTATOR']` (sent as `project_roles`). */
  projectRoles?: string[]
  /** A worklist to assign them to (sent as `annotation_worklist_id`). */
  annotationWorklistId?: string
}

/** What {@link UsersApi.updateUser} may change. */
export interface UserChange {
  firstname?: string | null
  lastname?: string | null
  roles?: string[]
}

const Base = withCreate(EntityBaseApi<User, NoFilters, NewUser>)

/**
 * Users (`/users`), addressed by e-mail: `getById('someone@example.com')`. An empty or malformed e-mail is
 * refused before anything is sent.
 *
 * @example
 * const user = await api.users.create({ email: 'ann@example.com', firstname: 'Ann', roles: ['annotator'] })
 * await api.users.invite('bob@example.com', { project, projectRoles: ['PROJECT_ANNOTATOR'] })
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

  /**
   * Sends an invitation e-mail (`POST /users/invite`); resolves to the server's answer.
   *
   * @example
   * await api.users.invite('bob@example.com', { firstname: 'Bob', project, projectRoles: ['PROJECT_ANNOTATOR'] })
   */
  async invite(email: string, options: InviteOptions = {}): Promise<Record<string, unknown>> {
    const json: Record<string, unknown> = { email: assertEmail(email, 'invitee') }
    const fields = {
      firstname: options.firstname,
      lastname: options.lastname,
      return_url: options.returnUrl,
      project_id: options.project === undefined ? undefined : entityId(options.project, 'project'),
      project_roles: options.projectRoles,
      annotation_worklist_id:
        options.annotationWorklistId === undefined
          ? undefined
          : entityId(options.annotationWorklistId, 'annotation worklist'),
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) json[key] = value
    const answer = await this.requestJson('POST', `${this.endpointBase}/invite`, { ...options, json })
    return isObject(answer) ? answer : {}
  }

  /** A user by e-mail (`GET /users/{email}`); same as `getById`. */
  getByEmail(email: string, options?: CallOptions): Promise<User> {
    return this.getById(email, options)
  }

  /**
   * Changes a user's profile (`PATCH /users/{email}` with the defined fields); resolves to the user
   * (read back when the server answers `{}`).
   *
   * @example
   * const user = await api.users.updateUser('ann@example.com', { roles: ['annotator', 'reviewer'] })
   */
  updateUser(email: string, change: UserChange, options?: CallOptions): Promise<User> {
    if (!isObject(change)) throw badArgument('updateUser: change must be an object of fields.', 'change')
    return this.patchEntity(email, change, options)
  }

  /** Deletes a user (`DELETE /users/{email}`). */
  deleteUser(email: string, options?: CallOptions): Promise<void> {
    return this.deleteEntity(email, options)
  }

  /** Pending invitations (`GET /users/invitations`), optionally of one project (`project_id`). */
  async getInvitations(options: CallOptions & { project?: string | Project } = {}): Promise<Invitation[]> {
    const { project, ...call } = options
    const path = withQuery(`${this.endpointBase}/invitations`, {
      project_id: project === undefined ? undefined : entityId(project, 'project'),
    })
    const raw = await this.requestJson('GET', path, call)
    return parseListAnswer(raw, invitationSchema, 'invitations', `GET /${path}`)
  }

  /** Revokes a pending invitation (`DELETE /users/invitations/{email}/revoke`). */
  async revokeInvitation(email: string, options?: CallOptions): Promise<void> {
    const who = assertEmail(email, 'invitee')
    await this.requestJson('DELETE', `${this.endpointBase}/invitations/${pathSegment(who)}/revoke`, {
      ...options,
      item: { type: 'invitation', id: who },
    })
  }

  protected override get idField(): string {
    return 'email'
  }

  protected override validateId(id: unknown): string {
    return assertEmail(id, 'user')
  }
}
