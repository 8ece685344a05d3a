import type { ProjectRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import type { StatusRecord } from '../managementRecords.js'
import { jsonObject, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import {
  assignSplit,
  projectResources,
  putMember,
  putStatus,
  statusKey,
  userByEmail,
  userId,
} from '../seedManagement.js'
import { fileResponse } from './fileResponse.js'
import { json, notFound } from './respond.js'
import {
  annotationsCsv,
  annotatorStats,
  filterStatuses,
  memberToWire,
  worklistToWire,
} from './workAnswers.js'

const WORK_STATUSES = new Set(['opened', 'annotated', 'closed'])

function liveProject(context: RouteContext): ProjectRecord {
  const id = uuidParam(context.params.id)
  const project = context.db.projects.get(id)
  if (!project || project.deleted) throw notFound('Project', id)
  return project
}

/** A resource of the project named by `:rid`, or 404. */
function projectResource(context: RouteContext, project: ProjectRecord) {
  const rid = uuidParam(context.params.rid, 'resource id')
  const resource = projectResources(context.db, project.id).find((r) => r.id === rid)
  if (!resource) throw notFound('Resource', rid)
  return resource
}

function roles(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((r) => typeof r === 'string' && r !== '')) {
    throw new HttpError(422, 'roles must be a non-empty array of role names such as "PROJECT_ANNOTATOR"')
  }
  return value
}

/** The project's status rows (of the project and its worklists). */
function projectStatuses(context: RouteContext, project: ProjectRecord): StatusRecord[] {
  return [...context.db.statuses.values()].filter((s) => s.project_id === project.id)
}

export const projectWorkRoutes: Route[] = [
  {
    method: 'GET',
    path: '/projects/:id/members',
    handle(context) {
      const project = liveProject(context)
      const members = [...context.db.members.values()].filter((m) => m.project_id === project.id)
      return json(members.map((m) => memberToWire(context.db, m)))
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/members/:userId',
    async handle(context) {
      const project = liveProject(context)
      const uid = uuidParam(context.params.userId, 'user id')
      const user = [...context.db.users.values()].find((u) => u.id === uid)
      if (!user) throw notFound('User', uid)
      const body = await jsonObject(context.request)
      putMember(context.db, project.id, user, roles(body.roles))
      return json({ updated: true })
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id/members/:userId',
    handle(context) {
      const project = liveProject(context)
      const key = `${project.id}/${uuidParam(context.params.userId, 'user id')}`
      if (!context.db.members.delete(key)) throw notFound('Member', context.params.userId)
      return json({ removed: true })
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/resources/:rid/status',
    async handle(context) {
      const project = liveProject(context)
      const resource = projectResource(context, project)
      const { status } = await jsonObject(context.request)
      if (typeof status !== 'string' || !WORK_STATUSES.has(status)) {
        throw new HttpError(422, 'status must be one of opened, annotated, closed')
      }
      // The resource's work status: every annotator's row of it, or the caller's when it has none.
      const rows = projectStatuses(context, project).filter((s) => s.resource_id === resource.id)
      if (rows.length === 0) {
        putStatus(
          context.db,
          { project_id: project.id, worklist_id: project.worklist_id },
          resource.id,
          context.db.currentUser,
          status as StatusRecord['status'],
        )
      }
      for (const row of rows) Object.assign(row, { status, updated_at: context.db.now() })
      return json({ status })
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/annotation-statuses',
    handle(context) {
      const project = liveProject(context)
      return json(filterStatuses(projectStatuses(context, project), context.url.searchParams))
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id/resources/:rid/annotator/:email/status-reset',
    handle(context) {
      const project = liveProject(context)
      const resource = projectResource(context, project)
      const email = context.params.email.toLowerCase()
      const rows = projectStatuses(context, project).filter(
        (s) => s.resource_id === resource.id && s.annotator_email === email,
      )
      if (rows.length === 0) throw notFound('Annotator status', `${resource.id}/${email}`)
      for (const row of rows) context.db.statuses.delete(statusKey(row, row.resource_id, email))
      return json({})
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/splits',
    handle(context) {
      const project = liveProject(context)
      const name = context.url.searchParams.get('split_name')
      const asOf = context.url.searchParams.get('as_of_timestamp')
      if (asOf !== null && Number.isNaN(Date.parse(asOf))) {
        throw new HttpError(422, `as_of_timestamp must be an ISO timestamp, got "${asOf}"`)
      }
      const splits = [...context.db.splits.values()].filter(
        (s) =>
          s.project_id === project.id &&
          (name === null || s.split_name === name) &&
          (asOf === null
            ? s.deleted_at === null
            : s.created_at <= asOf && (s.deleted_at === null || s.deleted_at > asOf)),
      )
      return json(splits)
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/splits',
    async handle(context) {
      const project = liveProject(context)
      const body = await jsonObject(context.request)
      const ids = uuidList(body.resource_ids, 'resource_ids')
      if (typeof body.split_name !== 'string' || body.split_name.trim() === '') {
        throw new HttpError(422, 'split_name must be a non-empty string')
      }
      const inProject = new Set(projectResources(context.db, project.id).map((r) => r.id))
      const outside = ids.find((id) => !inProject.has(id))
      if (outside) throw new HttpError(422, `resource ${outside} is not in project ${project.id}`)
      assignSplit(context.db, project.id, ids, body.split_name.trim())
      return json({ assigned: ids.length })
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/resources/:rid/split',
    handle(context) {
      const project = liveProject(context)
      const resource = projectResource(context, project)
      const split = [...context.db.splits.values()].find(
        (s) => s.project_id === project.id && s.resource_id === resource.id && s.deleted_at === null,
      )
      if (!split) throw notFound('Split', resource.id)
      return json(split)
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/annotators-statistic',
    handle(context) {
      const project = liveProject(context)
      const emails = [...context.db.members.values()]
        .filter((m) => m.project_id === project.id && m.roles.includes('PROJECT_ANNOTATOR'))
        .map((m) => [...context.db.users.values()].find((u) => u.id === m.user_id)?.email)
        .filter((e): e is string => e !== undefined)
      const only = context.url.searchParams.get('email')?.toLowerCase()
      const resources = projectResources(context.db, project.id).map((r) => r.id)
      return json(
        annotatorStats(
          context.db,
          emails.filter((e) => !only || e === only),
          resources,
          projectStatuses(context, project),
        ),
      )
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/annotations-statistic',
    handle(context) {
      const project = liveProject(context)
      const ids = new Set(projectResources(context.db, project.id).map((r) => r.id))
      const annotations = context.db.liveAnnotations().filter((a) => ids.has(a.resource_id))
      const tally = (field: 'annotation_type' | 'identifier') =>
        annotations.reduce<Record<string, number>>((out, a) => {
          out[a[field]] = (out[a[field]] ?? 0) + 1
          return out
        }, {})
      return json({
        annotation_count: annotations.length,
        annotated_resources: new Set(annotations.map((a) => a.resource_id)).size,
        by_type: tally('annotation_type'),
        by_identifier: tally('identifier'),
      })
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/files-matrix-statistic',
    handle(context) {
      const project = liveProject(context)
      const rows = projectStatuses(context, project)
      const annotators = [...new Set(rows.map((s) => s.annotator_email))].sort()
      return json({
        annotators,
        resources: projectResources(context.db, project.id).map((r) => ({
          resource_id: r.id,
          filename: r.filename,
          statuses: Object.fromEntries(
            rows.filter((s) => s.resource_id === r.id).map((s) => [s.annotator_email, s.status]),
          ),
        })),
      })
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/users/:email/status',
    handle(context) {
      const project = liveProject(context)
      const user = userByEmail(context.db, context.params.email)
      const member = user && context.db.members.get(`${project.id}/${userId(user)}`)
      if (!user || !member) throw notFound('Project member', context.params.email)
      const resources = projectResources(context.db, project.id).map((r) => r.id)
      const [stats] = annotatorStats(context.db, [user.email], resources, projectStatuses(context, project))
      return json({ ...stats, status: member.status, roles: member.roles })
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/reviewmessages',
    handle(context) {
      const project = liveProject(context)
      const q = context.url.searchParams
      const statuses = q.getAll('statuses')
      const messages = [...context.db.reviewMessages.values()].filter(
        (m) =>
          m.project_id === project.id &&
          (!q.get('annotator') || m.annotator === q.get('annotator')?.toLowerCase()) &&
          (!q.get('resourceId') || m.resource_id === q.get('resourceId')) &&
          (statuses.length === 0 || statuses.includes(m.status)),
      )
      return json(messages)
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/worklists',
    handle(context) {
      const project = liveProject(context)
      const worklists = [...context.db.worklists.values()].filter((w) => w.project_id === project.id)
      // This endpoint names them worklist_id / worklist_name (the SDK renames them).
      return json(
        worklists.map(({ id, name, ...rest }) => ({
          worklist_id: id,
          worklist_name: name,
          ...worklistToWire(rest),
        })),
      )
    },
  },
  {
    method: 'GET',
    path: '/projects/:id/download-annotations',
    handle(context) {
      const project = liveProject(context)
      const ids = new Set(projectResources(context.db, project.id).map((r) => r.id))
      const csv = annotationsCsv(context, (a) => ids.has(a.resource_id))
      return fileResponse(context, csv, 'text/csv', `${project.name}-annotations.csv`)
    },
  },
]
