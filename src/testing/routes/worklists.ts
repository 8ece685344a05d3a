import type { AnnotationRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import type { StatusRecord, WorklistRecord } from '../managementRecords.js'
import { jsonObject, optionalString, requiredString, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { newAnnotation } from '../seedDatabase.js'
import { putStatus, statusKey, userByEmail } from '../seedManagement.js'
import { fileResponse } from './fileResponse.js'
import { json, notFound, patched } from './respond.js'
import { annotationsCsv, annotatorStats, filterStatuses, worklistToWire } from './workAnswers.js'

const STATUSES = new Set(['opened', 'annotated', 'closed', 'approved', 'revision_request'])
const EXPERTISE = new Set(['learner', 'trained', 'expert'])

function worklist(context: RouteContext): WorklistRecord {
  const id = uuidParam(context.params.id)
  const found = context.db.worklists.get(id)
  if (!found) throw notFound('Annotation worklist', id)
  return found
}

function worklistResource(context: RouteContext, w: WorklistRecord): string {
  const rid = uuidParam(context.params.rid, 'resource id')
  if (!w.resource_ids.includes(rid)) throw notFound('Resource', rid)
  return rid
}

function rowsOf(context: RouteContext, w: WorklistRecord): StatusRecord[] {
  return [...context.db.statuses.values()].filter((s) => s.worklist_id === w.id)
}

/** The worklist's annotations on one resource: its own, or the project's made outside any worklist. */
function annotationsOn(context: RouteContext, w: WorklistRecord, rid: string): AnnotationRecord[] {
  const q = context.url.searchParams
  const annotator = q.get('annotator')?.toLowerCase()
  const mineOnly = q.get('all') === 'false'
  return context.db
    .liveAnnotations()
    .filter(
      (a) =>
        a.resource_id === rid &&
        (a.annotation_worklist_id === w.id ||
          (a.annotation_worklist_id === null && a.project_id === w.project_id)) &&
        (!annotator || a.created_by.toLowerCase() === annotator) &&
        (!mineOnly || a.created_by === context.db.currentUser),
    )
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new HttpError(422, `${field} must be an array of strings`)
  }
  return value
}

function definitions(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value) || !value.every((d) => typeof d?.identifier === 'string')) {
    throw new HttpError(422, 'definitions must be an array of { identifier, color?, index? }')
  }
  return value
}

/** A segmentation group file: JSON (`{ definitions }` or an array) or CSV (`identifier,index[,color]`). */
function parseGroupFile(name: string, text: string): Array<Record<string, unknown>> {
  if (/\.json$/i.test(name)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new HttpError(422, `${name} is not valid JSON`)
    }
    return definitions(Array.isArray(parsed) ? parsed : (parsed as { definitions?: unknown })?.definitions)
  }
  if (/\.csv$/i.test(name)) {
    const [header, ...lines] = text.trim().split(/\r?\n/)
    const columns = header.split(',').map((c) => c.trim())
    if (!columns.includes('identifier'))
      throw new HttpError(422, `${name}: the header must name "identifier"`)
    return lines.map((line) => {
      const cells = line.split(',').map((c) => c.trim())
      const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]))
      return { ...row, ...(row.index !== undefined && { index: Number(row.index) }) }
    })
  }
  throw new HttpError(415, `${name}: the in-memory server reads .json and .csv segmentation groups only`)
}

export const worklistRoutes: Route[] = [
  {
    method: 'POST',
    path: '/annotationsets',
    async handle(context) {
      const { db } = context
      const body = await jsonObject(context.request)
      const name = requiredString(body, 'name').trim()
      const resourceIds = uuidList(body.resource_ids, 'resource_ids')
      const missing = resourceIds.find((id) => !db.resources.get(id) || db.resources.get(id)?.deleted)
      if (missing) throw new HttpError(422, `resource_ids: resource ${missing} does not exist`)
      const projectId =
        body.project_id === undefined ? null : uuidParam(String(body.project_id), 'project_id')
      if (projectId && !db.projects.get(projectId))
        throw new HttpError(422, `project ${projectId} does not exist`)
      const annotators = (Array.isArray(body.annotators) ? body.annotators : []).map((a: unknown) => {
        const email = typeof a === 'string' ? a : (a as { email?: unknown })?.email
        if (typeof email !== 'string' || !userByEmail(db, email)) {
          throw new HttpError(422, `annotators: ${JSON.stringify(email)} is not a user`)
        }
        const level = (a as { expertise_level?: string }).expertise_level ?? null
        return { email: email.toLowerCase(), status: 'active' as const, expertise_level: level }
      })
      const created: WorklistRecord = {
        id: db.newId(),
        name,
        status: 'new',
        description: optionalString(body, 'description') ?? null,
        project_id: projectId,
        annotators,
        annotations: Array.isArray(body.annotations) ? body.annotations : [],
        resource_ids: resourceIds,
        frame_labels: stringList(body.frame_labels, 'frame_labels'),
        image_labels: stringList(body.image_labels, 'image_labels'),
        segmentation_data: (body.segmentation_data as WorklistRecord['segmentation_data']) ?? {
          segmentationValueType: 'single_label',
          definitions: [],
        },
        created_at: db.now(),
        created_by: db.currentUser,
      }
      db.worklists.set(created.id, created)
      return json({ id: created.id }, 201)
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id',
    handle: (context) => json(worklistToWire(worklist(context))),
  },
  {
    method: 'PATCH',
    path: '/annotationsets/:id',
    async handle(context) {
      const w = worklist(context)
      const body = await jsonObject(context.request)
      if ('name' in body) w.name = requiredString(body, 'name').trim()
      if ('description' in body) w.description = optionalString(body, 'description') ?? null
      if ('status' in body) w.status = requiredString(body, 'status')
      return patched(context, worklistToWire(w))
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/segmentation-group',
    handle: (context) => json(worklistToWire(worklist(context).segmentation_data)),
  },
  {
    method: 'PUT',
    path: '/annotationsets/:id/segmentation-group',
    async handle(context) {
      const w = worklist(context)
      const body = await jsonObject(context.request)
      const data = body.segmentationData as
        | { segmentationValueType?: unknown; definitions?: unknown }
        | undefined
      const type = data?.segmentationValueType
      if (type !== 'single_label' && type !== 'multi_label' && type !== 'float') {
        throw new HttpError(
          422,
          'segmentationData.segmentationValueType must be single_label, multi_label or float',
        )
      }
      w.segmentation_data = { segmentationValueType: type, definitions: definitions(data?.definitions) }
      return json({ updated: true })
    },
  },
  {
    method: 'POST',
    path: '/annotationsets/:id/segmentation-group/upload',
    async handle(context) {
      const w = worklist(context)
      const form = await context.request.formData()
      const file = form.get('file')
      if (!(file instanceof Blob)) throw new HttpError(422, 'file is required')
      if (file.size > 10 * 1024 * 1024) throw new HttpError(413, 'file is larger than 10 MB')
      const added = parseGroupFile((file as File).name ?? '', await file.text())
      const keep = form.get('replace_existing') === 'false' ? w.segmentation_data.definitions : []
      w.segmentation_data = { ...w.segmentation_data, definitions: [...keep, ...added] }
      return json({ definitions: w.segmentation_data.definitions.length }, 201)
    },
  },
  {
    method: 'DELETE',
    path: '/annotationsets/:id/segmentation-group/:identifier',
    handle(context) {
      const w = worklist(context)
      const before = w.segmentation_data.definitions.length
      const definitions = w.segmentation_data.definitions.filter(
        (d) => d.identifier !== context.params.identifier,
      )
      if (definitions.length === before) throw notFound('Segmentation group', context.params.identifier)
      w.segmentation_data = { ...w.segmentation_data, definitions }
      return json({})
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/users/:email',
    handle(context) {
      const w = worklist(context)
      const email = context.params.email.toLowerCase()
      const annotator = w.annotators.find((a) => a.email === email)
      if (!annotator) throw notFound('Worklist annotator', context.params.email)
      const [stats] = annotatorStats(context.db, [email], w.resource_ids, rowsOf(context, w))
      return json({ ...stats, status: annotator.status, expertise_level: annotator.expertise_level })
    },
  },
  {
    method: 'POST',
    path: '/annotationsets/:id/annotators/:userId',
    async handle(context) {
      const w = worklist(context)
      const uid = uuidParam(context.params.userId, 'user id')
      const user = [...context.db.users.values()].find((u) => u.id === uid)
      if (!user) throw notFound('User', uid)
      const body = await jsonObject(context.request)
      if (body.status !== 'active' && body.status !== 'frozen')
        throw new HttpError(422, 'status must be active or frozen')
      if (typeof body.expertise_level !== 'string' || !EXPERTISE.has(body.expertise_level)) {
        throw new HttpError(422, 'expertise_level must be learner, trained or expert')
      }
      const entry = {
        email: user.email,
        status: body.status as 'active' | 'frozen',
        expertise_level: body.expertise_level,
      }
      w.annotators = [...w.annotators.filter((a) => a.email !== user.email), entry]
      return json(entry)
    },
  },
  {
    method: 'DELETE',
    path: '/annotationsets/:id/annotators/:userId',
    handle(context) {
      const w = worklist(context)
      const uid = uuidParam(context.params.userId, 'user id')
      const user = [...context.db.users.values()].find((u) => u.id === uid)
      if (!user || !w.annotators.some((a) => a.email === user.email))
        throw notFound('Worklist annotator', uid)
      w.annotators = w.annotators.filter((a) => a.email !== user.email)
      return json({})
    },
  },
  {
    method: 'POST',
    path: '/annotationsets/:id/resources',
    async handle(context) {
      const w = worklist(context)
      const body = await jsonObject(context.request)
      const add = uuidList(body.resource_ids_to_add ?? [], 'resource_ids_to_add')
      const remove = new Set(uuidList(body.resource_ids_to_delete ?? [], 'resource_ids_to_delete'))
      const missing = add.find((id) => !context.db.resources.get(id) || context.db.resources.get(id)?.deleted)
      if (missing) throw notFound('Resource', missing)
      w.resource_ids = [...new Set([...w.resource_ids, ...add])].filter((id) => !remove.has(id))
      return json({ resource_count: w.resource_ids.length })
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/resources/:rid/annotations',
    handle(context) {
      const w = worklist(context)
      const rid = worklistResource(context, w)
      return json(annotationsOn(context, w, rid).filter((a) => a.annotation_type !== 'segmentation'))
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/resources/:rid/segmentations',
    handle(context) {
      const w = worklist(context)
      const rid = worklistResource(context, w)
      return json(
        annotationsOn(context, w, rid).filter((a) => a.annotation_type === 'segmentation' && !a.is_model),
      )
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/resources/:rid/ai_segmentations',
    handle(context) {
      const w = worklist(context)
      const rid = worklistResource(context, w)
      return json(
        annotationsOn(context, w, rid).filter((a) => a.annotation_type === 'segmentation' && a.is_model),
      )
    },
  },
  {
    method: 'POST',
    path: '/annotationsets/:id/resources/:rid/segmentations',
    async handle(context) {
      const { db } = context
      const w = worklist(context)
      const resource = db.resources.get(worklistResource(context, w))
      if (!resource) throw notFound('Resource', context.params.rid)
      const form = await context.request.formData()
      let items: unknown
      try {
        items = JSON.parse(String(form.get('payload') ?? ''))
      } catch {
        throw new HttpError(422, 'payload must be the JSON text of an array of segmentations')
      }
      if (!Array.isArray(items)) throw new HttpError(422, 'payload must be a JSON array')
      const images = form.getAll('images').filter((f): f is File => f instanceof Blob)
      if (images.length > 100) throw new HttpError(413, 'at most 100 images per request')
      const created = await Promise.all(
        items.map(async (item: Record<string, unknown>, i) => {
          if (typeof item?.identifier !== 'string' || typeof item.frame_index !== 'number') {
            throw new HttpError(422, `payload[${i}] needs identifier and frame_index`)
          }
          const annotation = newAnnotation(
            db,
            resource,
            {
              identifier: item.identifier,
              annotation_type: 'segmentation',
              scope: 'frame',
              frame_index: item.frame_index,
              geometry: item.geometry ?? null,
              set_name: (item.set_name as string | null | undefined) ?? null,
              annotation_worklist_id: w.id,
              annotation_worklist_name: w.name,
            },
            db.now(),
            db.currentUser,
          )
          const image = images[i]
          if (image) {
            db.annotationFiles.set(annotation.id, {
              bytes: new Uint8Array(await image.arrayBuffer()),
              mimetype: image.type || 'image/png',
            })
            annotation.associated_file = image.name
          }
          return annotation.id
        }),
      )
      return json({ created }, 201)
    },
  },
  {
    method: 'POST',
    path: '/annotationsets/:id/resources/:rid/status',
    async handle(context) {
      const w = worklist(context)
      const rid = worklistResource(context, w)
      const body = await jsonObject(context.request)
      if (typeof body.status !== 'string' || !STATUSES.has(body.status)) {
        throw new HttpError(422, 'status must be opened, annotated, closed, approved or revision_request')
      }
      const email = typeof body.annotator === 'string' ? body.annotator : context.db.currentUser
      if (!userByEmail(context.db, email)) throw notFound('User', email)
      const row = putStatus(
        context.db,
        { project_id: w.project_id, worklist_id: w.id },
        rid,
        email,
        body.status as StatusRecord['status'],
        optionalString(body, 'message') ?? null,
      )
      return json([structuredClone(row)])
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/annotation-statuses',
    handle: (context) => json(filterStatuses(rowsOf(context, worklist(context)), context.url.searchParams)),
  },
  {
    method: 'DELETE',
    path: '/annotationsets/:id/resources/:rid/annotator/:email/status-reset',
    handle(context) {
      const { db } = context
      const w = worklist(context)
      const rid = worklistResource(context, w)
      const email = context.params.email.toLowerCase()
      const key = statusKey({ project_id: w.project_id, worklist_id: w.id }, rid, email)
      if (!db.statuses.delete(key)) throw notFound('Annotator status', `${rid}/${email}`)
      // The annotator's annotations of this resource in the worklist go with the status.
      for (const a of annotationsOn(context, w, rid)) {
        if (a.created_by.toLowerCase() === email && a.annotation_worklist_id === w.id) {
          Object.assign(a, { deleted: true, deleted_at: db.now(), deleted_by: db.currentUser })
        }
      }
      return json({})
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/annotators-statistic',
    handle(context) {
      const w = worklist(context)
      const only = context.url.searchParams.get('email')?.toLowerCase()
      const emails = w.annotators.map((a) => a.email).filter((e) => !only || e === only)
      return json(annotatorStats(context.db, emails, w.resource_ids, rowsOf(context, w)))
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/annotations-statistic',
    handle(context) {
      const w = worklist(context)
      const counts = new Map<string, { identifier: string; annotation_type: string; count: number }>()
      for (const rid of w.resource_ids) {
        for (const a of annotationsOn(context, w, rid)) {
          const key = `${a.identifier}\u0000${a.annotation_type}`
          const entry = counts.get(key) ?? {
            identifier: a.identifier,
            annotation_type: a.annotation_type,
            count: 0,
          }
          entry.count += 1
          counts.set(key, entry)
        }
      }
      return json([...counts.values()])
    },
  },
  {
    method: 'GET',
    path: '/annotationsets/:id/download-annotations',
    handle(context) {
      const w = worklist(context)
      const ids = new Set(w.resource_ids)
      const csv = annotationsCsv(
        context,
        (a) =>
          ids.has(a.resource_id) &&
          (a.annotation_worklist_id ?? w.id) === w.id &&
          a.project_id === w.project_id,
      )
      return fileResponse(context, csv, 'text/csv', `${w.name}-annotations.csv`)
    },
  },
]
