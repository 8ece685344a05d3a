import type { UserRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { jsonObject, optionalString, page, paging, requiredString, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { userToWire } from '../wire.js'
import { json, notFound, patched } from './respond.js'

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

function user(context: RouteContext): UserRecord {
  const email = context.params.email.trim().toLowerCase()
  const found = context.db.users.get(email)
  if (!found) throw notFound('User', context.params.email)
  return found
}

function roles(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) {
    throw new HttpError(422, 'roles must be an array of strings')
  }
  return value
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    path: '/users',
    handle(context) {
      const all = [...context.db.users.values()]
      // Users come back as a bare array (the first list shape of the wire doc).
      return json(page(all, paging(context.url.searchParams)).map(userToWire))
    },
  },
  {
    method: 'GET',
    path: '/users/:email',
    handle: (context) => json(userToWire(user(context))),
  },
  {
    method: 'POST',
    path: '/users',
    async handle(context) {
      const body = await jsonObject(context.request)
      const email = requiredString(body, 'email').trim()
      if (!EMAIL.test(email)) throw new HttpError(422, `email must be an e-mail address, got "${email}"`)
      const existing = context.db.users.get(email.toLowerCase())
      if (existing) {
        throw new HttpError(409, `User with email ${email} already exists`, {
          id: existing.email,
          entity: userToWire(existing),
        })
      }
      optionalString(body, 'password')
      const created: UserRecord = {
        email,
        firstname: optionalString(body, 'firstname') ?? null,
        lastname: optionalString(body, 'lastname') ?? null,
        roles: roles(body.roles),
        customer_id: context.db.customerId,
        created_at: context.db.now(),
        id: context.db.newId(),
      }
      context.db.users.set(email.toLowerCase(), created)
      context.db.invitations.delete(email.toLowerCase())
      return json(userToWire(created), 201)
    },
  },
  {
    method: 'PATCH',
    path: '/users/:email',
    async handle(context) {
      const found = user(context)
      const body = await jsonObject(context.request)
      if ('firstname' in body) found.firstname = optionalString(body, 'firstname') ?? null
      if ('lastname' in body) found.lastname = optionalString(body, 'lastname') ?? null
      if ('roles' in body) found.roles = roles(body.roles)
      return patched(context, userToWire(found))
    },
  },
  {
    method: 'DELETE',
    path: '/users/:email',
    handle(context) {
      const found = user(context)
      context.db.users.delete(found.email.toLowerCase())
      // Their project memberships go with them.
      for (const [key, member] of context.db.members)
        if (member.user_id === found.id) context.db.members.delete(key)
      return json({})
    },
  },
  {
    method: 'POST',
    path: '/users/invite',
    async handle(context) {
      const { db } = context
      const body = await jsonObject(context.request)
      const email = requiredString(body, 'email').trim()
      if (!EMAIL.test(email)) throw new HttpError(422, `email must be an e-mail address, got "${email}"`)
      if (db.users.has(email.toLowerCase()))
        throw new HttpError(409, `User with email ${email} already exists`)
      const projectId =
        body.project_id === undefined ? null : uuidParam(String(body.project_id), 'project_id')
      if (projectId && !db.projects.get(projectId)) throw notFound('Project', projectId)
      db.invitations.set(email.toLowerCase(), {
        email: email.toLowerCase(),
        firstname: optionalString(body, 'firstname') ?? null,
        lastname: optionalString(body, 'lastname') ?? null,
        project_id: projectId,
        project_roles: roles(body.project_roles),
        annotation_worklist_id: optionalString(body, 'annotation_worklist_id') ?? null,
        return_url: optionalString(body, 'return_url') ?? null,
        created_at: db.now(),
        created_by: db.currentUser,
      })
      return json({ status: 'sent', email: email.toLowerCase() }, 201)
    },
  },
  {
    method: 'GET',
    path: '/users/invitations',
    handle(context) {
      const project = context.url.searchParams.get('project_id')?.toLowerCase()
      const all = [...context.db.invitations.values()].filter((i) => !project || i.project_id === project)
      return json(all.map((i) => structuredClone(i)))
    },
  },
  {
    method: 'DELETE',
    path: '/users/invitations/:email/revoke',
    handle(context) {
      if (!context.db.invitations.delete(context.params.email.toLowerCase())) {
        throw notFound('Invitation', context.params.email)
      }
      return json({ revoked: true })
    },
  },
]
