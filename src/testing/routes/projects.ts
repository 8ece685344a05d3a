import type { ProjectRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import {
  jsonObject,
  optionalString,
  page,
  paging,
  requiredString,
  uuidList,
  uuidParam,
} from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { addToProject, newProject } from '../seedDatabase.js'
import { projectToWire, resourceToWire } from '../wire.js'
import { json, notFound, pagedList, patched } from './respond.js'

function liveProject(context: RouteContext): ProjectRecord {
  const id = uuidParam(context.params.id)
  const project = context.db.projects.get(id)
  if (!project || project.deleted) throw notFound('Project', id)
  return project
}

function assertUniqueName(context: RouteContext, name: string, except?: string) {
  const existing = context.db.liveProjects().find((p) => p.name === name && p.id !== except)
  if (existing) {
    throw new HttpError(409, `Project with name "${name}" already exists`, {
      id: existing.id,
      entity: projectToWire(context.db, existing, context.settings),
    })
  }
}

// Fields a PATCH may not change: identity and server-kept bookkeeping.
const READ_ONLY = new Set([
  'id',
  'created_at',
  'created_by',
  'deleted',
  'deleted_at',
  'deleted_by',
  'resource_count',
])

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    path: '/projects',
    handle(context) {
      const includeArchived = context.url.searchParams.get('includeArchived') === 'true'
      const all = context.db
        .liveProjects()
        .filter((p) => includeArchived || !p.archived)
        .sort((a, b) => (a.created_at < b.created_at ? 1 : -1))
      const items = page(all, paging(context.url.searchParams))
      return pagedList(
        context,
        items.map((p) => projectToWire(context.db, p, context.settings)),
        all.length,
      )
    },
  },
  {
    method: 'GET',
    path: '/projects/:id',
    handle: (context) => json(projectToWire(context.db, liveProject(context), context.settings)),
  },
  {
    method: 'GET',
    path: '/projects/:id/resources',
    handle(context) {
      const project = liveProject(context)
      const resources = context.db.liveResources().filter((r) => r.projects.some((p) => p.id === project.id))
      return json(resources.map(resourceToWire))
    },
  },
  {
    method: 'POST',
    path: '/projects/:id/resources',
    async handle(context) {
      const project = liveProject(context)
      const body = await jsonObject(context.request)
      const ids = uuidList(body.resource_ids_to_add ?? [], 'resource_ids_to_add')
      const resources = ids.map((id) => {
        const resource = context.db.resources.get(id)
        if (!resource || resource.deleted) throw notFound('Resource', id)
        return resource
      })
      addToProject(project, resources)
      return json({ added: resources.length }, 201)
    },
  },
  {
    method: 'POST',
    path: '/projects',
    async handle(context) {
      const { db } = context
      const body = await jsonObject(context.request)
      const name = requiredString(body, 'name').trim()
      const description = optionalString(body, 'description') ?? null
      const resourceIds = uuidList(body.resource_ids ?? [], 'resource_ids')
      const resources = resourceIds.map((id) => {
        const resource = db.resources.get(id)
        if (!resource || resource.deleted)
          throw new HttpError(422, `resource_ids: resource ${id} does not exist`)
        return resource
      })
      assertUniqueName(context, name)
      const segmentation = body.segmentationData as ProjectRecord['segmentationData'] | undefined
      const project = newProject(db, {
        name,
        description,
        created_at: db.now(),
        created_by: db.currentUser,
        is_active_learning: body.is_active_learning === true,
        two_up_display: body.two_up_display === true,
        require_review: body.require_review === true,
        segmentationData: {
          segmentationValueType:
            segmentation?.segmentationValueType === 'multi_label' ? 'multi_label' : 'single_label',
          definitions: Array.isArray(segmentation?.definitions) ? segmentation.definitions : [],
        },
      })
      addToProject(project, resources)
      return json(projectToWire(db, project, context.settings), 201)
    },
  },
  {
    method: 'PATCH',
    path: '/projects/:id',
    async handle(context) {
      const project = liveProject(context)
      const body = await jsonObject(context.request)
      if ('name' in body) {
        const name = requiredString(body, 'name').trim()
        assertUniqueName(context, name, project.id)
        body.name = name
      }
      if ('description' in body) optionalString(body, 'description')
      if ('archived' in body && typeof body.archived !== 'boolean')
        throw new HttpError(422, 'archived must be a boolean')
      for (const [field, value] of Object.entries(body)) if (!READ_ONLY.has(field)) project[field] = value
      if (body.archived === true && !project.archived_on) {
        project.archived_on = context.db.now()
        project.archived_by = context.db.currentUser
      }
      if (body.archived === false) Object.assign(project, { archived_on: null, archived_by: null })
      if (typeof body.name === 'string') {
        for (const r of context.db.resources.values()) {
          for (const p of r.projects) if (p.id === project.id) p.name = project.name
        }
      }
      return patched(context, projectToWire(context.db, project, context.settings))
    },
  },
  {
    method: 'DELETE',
    path: '/projects/:id',
    handle(context) {
      const project = liveProject(context)
      Object.assign(project, {
        deleted: true,
        deleted_at: context.db.now(),
        deleted_by: context.db.currentUser,
      })
      return json({})
    },
  },
]
