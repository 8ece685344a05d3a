import type { AnnotationRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { dateValue, jsonBody, jsonObject, page, paging, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { isUuid } from '../SeededRandom.js'
import { newAnnotation } from '../seedDatabase.js'
import { mimetypeFromFilename } from '../seedFiles.js'
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
const PASSTHROUGH = [
  'units',
  'geometry',
  'annotation_worklist_id',
  'imported_from',
  'import_author',
  'model_id',
  'set_name',
  'source',
]

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
    method: 'POST',
    path: '/annotations/:resourceId/annotations/:id/file',
    async handle(context) {
      const resource = liveResource(context, 'resourceId')
      const annotation = liveAnnotation(context)
      if (annotation.resource_id !== resource.id)
        throw notFound('Annotation', `${annotation.id} on resource ${resource.id}`)
      const file = await formFile(context, 'file')
      const mimetype =
        file.type && file.type !== 'application/octet-stream' ? file.type : mimetypeFromFilename(file.name)
      context.db.annotationFiles.set(annotation.id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        mimetype,
      })
      annotation.associated_file = `annotations/${annotation.id}/${file.name || 'file'}`
      annotation.file = annotation.associated_file
      return json({ id: annotation.id, associated_file: annotation.associated_file }, 201)
    },
  },
  {
    method: 'POST',
    path: '/annotations/:resourceId/segmentations/file',
    async handle(context) {
      const resource = liveResource(context, 'resourceId')
      const form = await multipart(context)
      const file = form.get('file')
      if (file === null || typeof file === 'string')
        throw new HttpError(422, 'file: a NIfTI file field named "file" is required')
      const bytes = new Uint8Array(await file.arrayBuffer())
      const map = await segmentationMap(form.get('segmentation_map'))
      const text = (field: string) => {
        const value = form.get(field)
        return typeof value === 'string' && value !== '' ? value : undefined
      }
      const modelId = text('model_id')
      const createdAt = context.db.now()
      // One annotation per named label (one unnamed when the map is empty), each serving the whole volume.
      const entries = Object.entries(map)
      const labels = entries.length > 0 ? entries : [['1', 'segmentation']]
      const ids = labels.map(([value, name]) => {
        const annotation = newAnnotation(
          context.db,
          resource,
          {
            identifier: name,
            annotation_type: 'segmentation',
            scope: 'image',
            class_map: { [value]: name },
            annotation_worklist_id: text('annotation_worklist_id') ?? null,
            imported_from: text('imported_from') ?? null,
            source: text('source') ?? null,
            model_id: modelId ?? null,
            is_model: modelId !== undefined,
            created_by_model: modelId ?? null,
            associated_file: `segmentations/${resource.id}/${file.name || 'segmentation.nii'}`,
          },
          createdAt,
          context.db.currentUser,
        )
        context.db.annotationFiles.set(annotation.id, { bytes, mimetype: 'application/nifti' })
        return annotation.id
      })
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

async function multipart(context: RouteContext): Promise<FormData> {
  try {
    return await context.request.formData()
  } catch {
    throw new HttpError(422, 'Expected a multipart/form-data body')
  }
}

async function formFile(context: RouteContext, field: string): Promise<File> {
  const value = (await multipart(context)).get(field)
  if (value === null || typeof value === 'string') {
    throw new HttpError(422, `${field}: a file field named "${field}" is required`)
  }
  return value as File
}

/** `segmentation_map`: JSON `{ "1": "liver" }` sent as a text field or a JSON part. */
async function segmentationMap(value: FormDataEntryValue | null): Promise<Record<string, string>> {
  if (value === null) return {}
  const raw = typeof value === 'string' ? value : await value.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new HttpError(422, 'segmentation_map must be JSON, e.g. {"1": "liver"}')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(422, 'segmentation_map must be a JSON object of label value → name')
  }
  for (const [key, name] of Object.entries(parsed)) {
    if (!/^\d+$/.test(key) || typeof name !== 'string') {
      throw new HttpError(422, `segmentation_map: "${key}" must map a label number to a name`)
    }
  }
  return parsed as Record<string, string>
}
