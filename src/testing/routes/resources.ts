import type { ResourceRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { dateValue, jsonObject, page, paging, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { isUuid } from '../SeededRandom.js'
import { count, resourceToWire } from '../wire.js'
import { json, notFound } from './respond.js'

/** Most ids one `DELETE /resources?resource_ids=` may carry (the SDK sends batches of 200). */
export const MAX_BULK_DELETE = 200

const STATUSES = new Set(['inbox', 'published', 'archived', 'new'])
const ORDER_FIELDS = new Set([
  'modality',
  'created_by',
  'published_by',
  'published_on',
  'filename',
  'created_at',
])

/** A live resource by the `:id` path parameter, or 404/422. */
export function liveResource(context: RouteContext, param = 'id'): ResourceRecord {
  const id = uuidParam(context.params[param], param)
  const resource = context.db.resources.get(id)
  if (!resource || resource.deleted) throw notFound('Resource', id)
  return resource
}

/** `{"items": [...], "filterType": "union" | "intersection"}` from a query parameter, or 422. */
function itemsFilter(raw: string | null, name: string): { items: string[]; all: boolean } | undefined {
  if (raw === null || raw === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new HttpError(
      422,
      `${name} must be a JSON object {"items": [...], "filterType": "union"|"intersection"}`,
    )
  }
  const { items, filterType } = (parsed ?? {}) as { items?: unknown; filterType?: unknown }
  if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) {
    throw new HttpError(422, `${name}.items must be an array of strings`)
  }
  if (filterType !== undefined && filterType !== 'union' && filterType !== 'intersection') {
    throw new HttpError(422, `${name}.filterType must be "union" or "intersection"`)
  }
  return { items, all: filterType === 'intersection' }
}

function matchesItems(have: string[], filter: { items: string[]; all: boolean }): boolean {
  return filter.all ? filter.items.every((i) => have.includes(i)) : filter.items.some((i) => have.includes(i))
}

/** Applies the list filters of `GET /resources` (see the wire doc) and the ordering. */
export function filterResources(context: RouteContext): ResourceRecord[] {
  const q = context.url.searchParams
  const status = q.get('status') ?? ''
  if (status !== '' && !STATUSES.has(status)) {
    throw new HttpError(422, `status must be one of inbox, published, archived or empty, got "${status}"`)
  }
  const from = dateValue(q.get('from'), 'from')
  const to = dateValue(q.get('to'), 'to')
  const modality = q.get('modality')?.toLowerCase()
  const mimetype = q.get('mimetype')?.toLowerCase()
  const channel = q.get('channel_name')
  const filename = q.get('filename')?.toLowerCase()
  const projects = itemsFilter(q.get('project'), 'project')
  const tags = itemsFilter(q.get('tags'), 'tags')
  const orderField = q.get('order_field') || 'created_at'
  if (!ORDER_FIELDS.has(orderField)) {
    throw new HttpError(
      422,
      `order_field must be one of ${[...ORDER_FIELDS].join(', ')}, got "${orderField}"`,
    )
  }
  const ascending = q.get('order_by_asc') === 'true'

  const items = context.db.liveResources().filter((r) => {
    const created = Date.parse(r.created_at)
    return (
      (status === '' || r.status === status) &&
      (from === undefined || created >= from) &&
      (to === undefined || created < to) &&
      (!modality || r.modality?.toLowerCase() === modality) &&
      (!mimetype || r.mimetype.toLowerCase() === mimetype) &&
      (!channel || r.upload_channel === channel) &&
      (!filename || r.filename.toLowerCase().includes(filename)) &&
      (!projects ||
        matchesItems(
          r.projects.map((p) => p.name),
          projects,
        )) &&
      (!tags || matchesItems(r.tags, tags))
    )
  })
  // Nulls last whichever the direction; ties keep creation order.
  return items.sort((a, b) => {
    const x = a[orderField] as string | null
    const y = b[orderField] as string | null
    if (x === y) return 0
    if (x === null || x === undefined) return 1
    if (y === null || y === undefined) return -1
    return (x < y ? -1 : 1) * (ascending ? 1 : -1)
  })
}

function softDelete(context: RouteContext, resource: ResourceRecord) {
  Object.assign(resource, { deleted: true, deleted_at: context.db.now(), deleted_by: context.db.currentUser })
}

function publish(context: RouteContext, resource: ResourceRecord) {
  Object.assign(resource, {
    status: 'published',
    published: true,
    published_on: context.db.now(),
    published_by: context.db.currentUser,
  })
}

function liveResourcesByIds(context: RouteContext, ids: string[]): ResourceRecord[] {
  const missing = ids.filter((id) => !context.db.resources.get(id) || context.db.resources.get(id)?.deleted)
  if (missing.length > 0)
    throw new HttpError(404, `Resources not found: ${missing.join(', ')}`, { ids: missing })
  return ids.map((id) => context.db.resources.get(id) as ResourceRecord)
}

function tagList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    throw new HttpError(422, 'tags must be an array of strings')
  }
  return [...new Set(value.map((t) => t.trim()).filter((t) => t !== ''))]
}

export const resourceRoutes: Route[] = [
  {
    // Before `/resources/:id`, which would take `not-annotated` for an id.
    method: 'GET',
    path: '/resources/not-annotated',
    handle(context) {
      const annotated = new Set(context.db.liveAnnotations().map((a) => a.resource_id))
      const all = filterResources(context).filter((r) => !annotated.has(r.id))
      const items = page(all, paging(context.url.searchParams))
      return json({
        data: [{ resources: items.map(resourceToWire) }],
        totalCount: count(all.length, context.settings),
      })
    },
  },
  {
    method: 'GET',
    path: '/resources',
    handle(context) {
      const all = filterResources(context)
      const items = page(all, paging(context.url.searchParams))
      // The nested shape only resources use: one data element holding the page under `resources`.
      return json({
        data: [{ resources: items.map(resourceToWire) }],
        totalCount: count(all.length, context.settings),
      })
    },
  },
  {
    method: 'GET',
    path: '/resources/:id',
    handle: (context) => json(resourceToWire(liveResource(context))),
  },
  {
    method: 'DELETE',
    path: '/resources/:id',
    handle(context) {
      softDelete(context, liveResource(context))
      return json({})
    },
  },
  {
    method: 'DELETE',
    path: '/resources',
    handle(context) {
      const raw = context.url.searchParams.get('resource_ids') ?? ''
      const ids = raw
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '')
      if (ids.length === 0)
        throw new HttpError(422, 'resource_ids is required: a comma-separated list of ids')
      if (ids.length > MAX_BULK_DELETE) {
        throw new HttpError(
          422,
          `resource_ids: at most ${MAX_BULK_DELETE} ids per request, got ${ids.length}`,
        )
      }
      const bad = ids.find((id) => !isUuid(id))
      if (bad) throw new HttpError(422, `resource_ids: "${bad}" is not a UUID`)
      const resources = liveResourcesByIds(
        context,
        ids.map((id) => id.toLowerCase()),
      )
      for (const resource of resources) softDelete(context, resource)
      return json({ deleted: resources.length })
    },
  },
  {
    method: 'POST',
    path: '/resources/:id/publish',
    handle(context) {
      const resource = liveResource(context)
      if (resource.status !== 'inbox') {
        throw new HttpError(
          400,
          `Resource must be in inbox status to be approved (status is ${resource.status})`,
        )
      }
      publish(context, resource)
      return json(resourceToWire(resource), 201)
    },
  },
  {
    method: 'POST',
    path: '/resources/bulk-publish',
    async handle(context) {
      const body = await jsonObject(context.request)
      const ids = uuidList(body.resource_ids, 'resource_ids')
      if (ids.length === 0) throw new HttpError(422, 'resource_ids must not be empty')
      const resources = liveResourcesByIds(context, ids).filter((r) => r.status === 'inbox')
      for (const resource of resources) publish(context, resource)
      return json({ published: resources.length }, 201)
    },
  },
  {
    method: 'PUT',
    path: '/resources/:id/tags',
    async handle(context) {
      const resource = liveResource(context)
      resource.tags = tagList((await jsonObject(context.request)).tags)
      return json(resourceToWire(resource))
    },
  },
  {
    method: 'PUT',
    path: '/resources/tags',
    async handle(context) {
      const body = await jsonObject(context.request)
      const tags = tagList(body.tags)
      const resources = liveResourcesByIds(context, uuidList(body.resource_ids, 'resource_ids'))
      for (const resource of resources) resource.tags = [...tags]
      return json({ updated: resources.length })
    },
  },
]
