import type { ResourceStatus } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { frameCount, renderFrame } from '../renderFrame.js'
import { addResource } from '../resourceFactory.js'
import type { Route } from '../router.js'
import { mimetypeFromFilename } from '../seedFiles.js'
import { fileResponse } from './fileResponse.js'
import { liveResource } from './resources.js'
import { json } from './respond.js'

function formString(form: FormData, field: string): string | undefined {
  const value = form.get(field)
  if (value === null) return undefined
  if (typeof value !== 'string') throw new HttpError(422, `${field} must be a text field`)
  return value
}

function parseMetadata(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new HttpError(422, 'metadata must be JSON text')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(422, 'metadata must be a JSON object')
  }
  return value as Record<string, unknown>
}

export const resourceFileRoutes: Route[] = [
  {
    method: 'GET',
    path: '/resources/:id/file',
    handle(context) {
      const resource = liveResource(context)
      const file = context.db.files.get(resource.id)
      if (!file) throw new HttpError(404, `File not found for resource ${resource.id}`)
      return fileResponse(context, file.bytes, resource.mimetype, resource.filename)
    },
  },
  {
    method: 'GET',
    path: '/resources/:id/frames/:index',
    handle(context) {
      const resource = liveResource(context)
      const file = context.db.files.get(resource.id)
      if (!file) throw new HttpError(404, `File not found for resource ${resource.id}`)
      const index = Number(context.params.index)
      if (!/^\d+$/.test(context.params.index)) {
        throw new HttpError(422, `frame index must be a non-negative integer, got "${context.params.index}"`)
      }
      const frames = frameCount(resource, file.bytes)
      if (frames !== undefined && index >= frames) {
        throw new HttpError(404, `Frame ${index} not found: resource ${resource.id} has ${frames} frame(s)`)
      }
      const frame = renderFrame(resource, file.bytes, index)
      if (!frame) {
        throw new HttpError(
          501,
          `The in-memory server cannot render frames of ${resource.mimetype}` +
            (typeof resource.metadata.TransferSyntaxUID === 'string'
              ? ` with transfer syntax ${resource.metadata.TransferSyntaxUID}`
              : '') +
            '; download the whole file instead',
        )
      }
      const name = resource.filename.replace(/\.[^.]*$/, '')
      const extension = frame.mimetype === 'image/png' ? 'png' : frame.mimetype.split('/')[1]
      return fileResponse(context, frame.bytes, frame.mimetype, `${name}_frame${index}.${extension}`)
    },
  },
  {
    method: 'POST',
    path: '/resources',
    async handle(context) {
      const { db, request } = context
      let form: FormData
      try {
        form = await request.formData()
      } catch {
        throw new HttpError(422, 'POST /resources expects a multipart/form-data body with a "resource" file')
      }
      const file = form.get('resource')
      if (file === null || typeof file === 'string') {
        throw new HttpError(422, 'resource: a file field named "resource" is required')
      }
      const bytes = new Uint8Array(await file.arrayBuffer())
      const filename = (file as File).name || 'upload'
      // The real server reports some upload failures in a 200 body; the SDK treats `error` as failure.
      if (bytes.byteLength === 0) return json({ error: `Empty file: ${filename}` })
      const bypass = formString(form, 'bypass_inbox')
      if (bypass !== undefined && bypass !== 'true' && bypass !== 'false') {
        throw new HttpError(422, `bypass_inbox must be "true" or "false", got "${bypass}"`)
      }
      // A file part without a type arrives as application/octet-stream: then the name decides.
      const partType = file.type && file.type !== 'application/octet-stream' ? file.type : undefined
      const mimetype = formString(form, 'mimetype') || partType || mimetypeFromFilename(filename)
      const tags = (formString(form, 'tags') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '')
      const createdAt = db.now()
      const status: ResourceStatus = bypass === 'true' ? 'published' : 'inbox'
      const resource = addResource(db, {
        filename,
        bytes,
        mimetype,
        channel: formString(form, 'channel') || undefined,
        modality: formString(form, 'modality') || undefined,
        tags: [...new Set(tags)],
        status,
        createdAt,
        createdBy: db.currentUser,
        metadata: parseMetadata(formString(form, 'metadata')),
        sourceFilepath: formString(form, 'source_filepath') ?? null,
        uploadMechanism: formString(form, 'source') ?? 'api',
      })
      return json({ id: resource.id }, 201)
    },
  },
]
