import type { AnnotationRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { dateValue, jsonBody, jsonObject, page, paging, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { isUuid } from '../SeededRandom.js'
import { newAnnotation } from '../seedDatabase.js'
import { annotationToWire } from '../wire.js'
import { fileResponse } from './fileResponse.js'
import { liveResource } from './resources.js'
import { json, notFound, pagedList, patched } from './respond.js'

function liveAnnotation(context: RouteContext): AnnotationRecord {
  const id = uuidParam(context.params.id)
  const annotation = context.db.annotations.get(id)
  if (!annotation || annotation.deleted) throw notFound('Annotation', id)
  return annotation
}

function optionalBodyString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new HttpError(422, `${field} must be a string`)
  return value
}

function searchFilter(context: RouteContext, body: Record<string, unknown>) {
  const resourceIds =
    body.resource_id !== undefined
      ? uuidList([body.resource_id], 'resource_id')
      : body.resource_ids !== undefined
        ? uuidList(body.resource_ids, 'resource_ids')
        : undefined
  const type = optionalBodyString(body, 'annotation_type')
  const annotator = optionalBodyString(body, 'annotatorEmail')?.toLowerCase()
  const from = dateValue(body.from, 'from')
  // `to` is inclusive: a bare day (as the SDK sends dates) covers that whole day.
  const toRaw = dateValue(body.to, 'to')
  const wholeDay = typeof body.to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.to)
  const to = toRaw === undefined ? undefined : wholeDay ? toRaw + 86_400_000 - 1 : toRaw
  const worklist = optionalBodyString(body, 'annotation_worklist_id')
  const status = optionalBodyString(body, 'status')
  if (status !== undefined && status !== 'new' && status !== 'published') {
    throw new HttpError(422, `status must be "new" or "published", got "${status}"`)
  }
  const datasetId = optionalBodyString(body, 'dataset_id')
  let datasetResources: Set<string> | undefined
  if (datasetId !== undefined) {
    if (!isUuid(datasetId)) throw new HttpError(422, `dataset_id: "${datasetId}" is not a UUID`)
    const dataset = context.db.datasets.get(datasetId.toLowerCase())
    if (!dataset || dataset.deleted) throw notFound('Dataset', datasetId)
    datasetResources = new Set(dataset.resource_ids)
  }
  const loadAi = body.load_ai_segmentations === true || body.load_ai_segmentations === 'true'
  return (a: AnnotationRecord) => {
    const created = Date.parse(a.created_at)
    return (
      (!resourceIds || resourceIds.includes(a.resource_id)) &&
      (!type || a.annotation_type === type) &&
      (!annotator || a.created_by.toLowerCase() === annotator) &&
      (from === undefined || created >= from) &&
      (to === undefined || created <= to) &&
      (!worklist || a.annotation_worklist_id === worklist) &&
      (!status || a.status === status) &&
      (!datasetResources || datasetResources.has(a.resource_id)) &&
      // AI segmentations come back only when asked for, as on the real server.
      (loadAi || !(a.is_model && a.annotation_type === 'segmentation'))
    )
  }
}

// What a create item may carry besides the fields handled explicitly.
const PASSTHROUGH = ['units', 'geometry', 'annotation_worklist_id', 'imported_from', 'model_id', 'set_name']

function createFields(context: RouteContext, item: unknown, position: number) {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new HttpError(422, `[${position}] must be an annotation object`)
  }
  const body = item as Record<string, unknown>
  const type = body.type ?? body.annotation_type
  const identifier = body.identifier ?? body.name
  if (typeof type !== 'string' || type === '') throw new HttpError(422, `[${position}].type is required`)
  if (typeof identifier !== 'string' || identifier === '') {
    throw new HttpError(422, `[${position}].identifier is required`)
  }
  const frame = body.frame_index
  if (frame !== undefined && frame !== null && (!Number.isInteger(frame) || (frame as number) < 0)) {
    throw new HttpError(422, `[${position}].frame_index must be a non-negative integer`)
  }
  const scope = body.scope ?? (frame == null ? 'image' : 'frame')
  if (scope !== 'image' && scope !== 'frame')
    throw new HttpError(422, `[${position}].scope must be image or frame`)
  if (scope === 'frame' && frame == null)
    throw new HttpError(422, `[${position}]: scope "frame" needs frame_index`)
  const value = body.value
  const fields: Partial<AnnotationRecord> & { identifier: string; annotation_type: string } = {
    identifier,
    annotation_type: type,
    scope,
    frame_index: scope === 'frame' ? (frame as number) : null,
    text_value: typeof value === 'string' ? value : ((body.text_value as string | undefined) ?? null),
    numeric_value: typeof value === 'number' ? value : ((body.numeric_value as number | undefined) ?? null),
    is_model: body.is_model === true,
    created_by_model: body.is_model === true ? ((body.model_id as string | undefined) ?? null) : null,
  }
  for (const key of PASSTHROUGH) if (body[key] !== undefined) fields[key] = body[key]
  const author = body.import_author
  return { fields, createdBy: typeof author === 'string' ? author : context.db.currentUser }
}

export const annotationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/annotations/search',
    async handle(context) {
      const body = ((await jsonBody(context.request)) ?? {}) as Record<string, unknown>
      if (typeof body !== 'object' || Array.isArray(body))
        throw new HttpError(422, 'Request body must be a JSON object')
      const all = context.db
        .liveAnnotations()
        .filter(searchFilter(context, body))
        .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
      return pagedList(context, page(all, paging(body)).map(annotationToWire), all.length)
    },
  },
  {
    method: 'POST',
    path: '/annotations/:resourceId/annotations',
    async handle(context) {
      const resource = liveResource(context, 'resourceId')
      const body = await jsonBody(context.request)
      const items = Array.isArray(body) ? body : [body]
      if (items.length === 0) throw new HttpError(422, 'Request body must hold at least one annotation')
      // Validate every item before writing any, so a bad batch creates nothing.
      const parsed = items.map((item, i) => createFields(context, item, i))
      const createdAt = context.db.now()
      const ids = parsed.map(
        ({ fields, createdBy }) => newAnnotation(context.db, resource, fields, createdAt, createdBy).id,
      )
      return json(ids, 201)
    },
  },
  {
    method: 'GET',
    path: '/annotations/:id',
    handle: (context) => json(annotationToWire(liveAnnotation(context))),
  },
  {
    method: 'PATCH',
    path: '/annotations/:id',
    async handle(context) {
      const annotation = liveAnnotation(context)
      const body = await jsonObject(context.request)
      if ('identifier' in body && (typeof body.identifier !== 'string' || body.identifier === '')) {
        throw new HttpError(422, 'identifier must be a non-empty string')
      }
      if ('project_id' in body && body.project_id !== null) {
        const projectId = uuidList([body.project_id], 'project_id')[0]
        const project = context.db.projects.get(projectId)
        if (!project || project.deleted) throw notFound('Project', projectId)
        body.project_id = projectId
      }
      const readOnly = new Set([
        'id',
        'resource_id',
        'created_at',
        'created_by',
        'deleted',
        'deleted_at',
        'deleted_by',
      ])
      for (const [field, value] of Object.entries(body)) if (!readOnly.has(field)) annotation[field] = value
      return patched(context, annotationToWire(annotation))
    },
  },
  {
    method: 'PATCH',
    path: '/annotations/:id/approve',
    handle(context) {
      const annotation = liveAnnotation(context)
      Object.assign(annotation, {
        status: 'published',
        approved_at: context.db.now(),
        approved_by: context.db.currentUser,
      })
      return json(annotationToWire(annotation))
    },
  },
  {
    method: 'POST',
    path: '/annotations/delete-batch',
    async handle(context) {
      const ids = uuidList((await jsonObject(context.request)).ids, 'ids')
      if (ids.length === 0) throw new HttpError(422, 'ids must not be empty')
      const missing = ids.filter(
        (id) => !context.db.annotations.get(id) || context.db.annotations.get(id)?.deleted,
      )
      if (missing.length > 0)
        throw new HttpError(404, `Annotations not found: ${missing.join(', ')}`, { ids: missing })
      const deletedAt = context.db.now()
      for (const id of ids) {
        Object.assign(context.db.annotations.get(id) as AnnotationRecord, {
          deleted: true,
          deleted_at: deletedAt,
          deleted_by: context.db.currentUser,
        })
      }
      return json({ deleted: ids.length }, 201)
    },
  },
  {
    method: 'GET',
    path: '/annotations/:resourceId/annotations/:id/file',
    handle(context) {
      const resource = liveResource(context, 'resourceId')
      const annotation = liveAnnotation(context)
      if (annotation.resource_id !== resource.id)
        throw notFound('Annotation', `${annotation.id} on resource ${resource.id}`)
      const file = context.db.annotationFiles.get(annotation.id)
      if (!file) throw new HttpError(404, `File not found: annotation ${annotation.id} has no file`)
      const name = annotation.associated_file ?? `${annotation.identifier}`
      return fileResponse(context, file.bytes, file.mimetype, name.slice(name.lastIndexOf('/') + 1))
    },
  },
  {
    method: 'DELETE',
    path: '/annotations/:id',
    handle(context) {
      const annotation = liveAnnotation(context)
      Object.assign(annotation, {
        deleted: true,
        deleted_at: context.db.now(),
        deleted_by: context.db.currentUser,
      })
      return json({})
    },
  },
]
