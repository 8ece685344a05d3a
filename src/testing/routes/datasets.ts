import { zipSync } from 'fflate'
import type { DatasetRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import { jsonObject, page, paging, uuidList, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { addToProject } from '../seedDatabase.js'
import { datasetToWire, resourceToWire } from '../wire.js'
import { fileResponse } from './fileResponse.js'
import { json, notFound, pagedList } from './respond.js'

/** Which stored files each download format takes (the in-memory server converts nothing). */
const FORMAT_MIMETYPES: Record<string, RegExp> = {
  dicom: /dicom/,
  nifti: /nifti|gzip/,
  png: /^image\/png$/,
  jpg: /^image\/jpe?g$/,
  tiff: /^image\/tiff$/,
}

function liveDataset(context: RouteContext): DatasetRecord {
  const id = uuidParam(context.params.id)
  const dataset = context.db.datasets.get(id)
  if (!dataset || dataset.deleted) throw notFound('Dataset', id)
  return dataset
}

export const datasetRoutes: Route[] = [
  {
    method: 'GET',
    path: '/datasets',
    handle(context) {
      const all = context.db.liveDatasets()
      return pagedList(context, page(all, paging(context.url.searchParams)).map(datasetToWire), all.length)
    },
  },
  {
    method: 'GET',
    path: '/datasets/:id',
    handle: (context) => json(datasetToWire(liveDataset(context))),
  },
  {
    method: 'GET',
    path: '/datasets/:id/resources',
    handle(context) {
      const dataset = liveDataset(context)
      const resources = dataset.resource_ids
        .map((id) => context.db.resources.get(id))
        .filter((r) => r !== undefined && !r.deleted)
      return json(resources.map((r) => resourceToWire(r as NonNullable<typeof r>)))
    },
  },
  {
    method: 'DELETE',
    path: '/datasets/:id',
    handle(context) {
      const dataset = liveDataset(context)
      Object.assign(dataset, {
        deleted: true,
        deleted_at: context.db.now(),
        deleted_by: context.db.currentUser,
      })
      return json({})
    },
  },
  {
    method: 'POST',
    path: '/datasets/:id/resources',
    async handle(context) {
      const { db } = context
      const dataset = liveDataset(context)
      const body = await jsonObject(context.request)
      const add = uuidList(body.resource_ids_to_add ?? [], 'resource_ids_to_add')
      const remove = new Set(uuidList(body.resource_ids_to_delete ?? [], 'resource_ids_to_delete'))
      const resources = add.map((id) => {
        const resource = db.resources.get(id)
        if (!resource || resource.deleted) throw notFound('Resource', id)
        return resource
      })
      const projectId =
        body.project_id === undefined ? undefined : uuidParam(String(body.project_id), 'project_id')
      const project = projectId && db.projects.get(projectId)
      if (projectId && (!project || project.deleted)) throw notFound('Project', projectId)
      dataset.resource_ids = [...new Set([...dataset.resource_ids, ...add])].filter((id) => !remove.has(id))
      dataset.updated_at = db.now()
      // With a project, its membership follows the change.
      if (project) {
        addToProject(project, resources)
        for (const id of remove) {
          const resource = db.resources.get(id)
          if (resource) resource.projects = resource.projects.filter((p) => p.id !== project.id)
        }
      }
      return json({ updated: true })
    },
  },
  {
    method: 'GET',
    path: '/datasets/:id/download/:format',
    handle(context) {
      const dataset = liveDataset(context)
      const { format } = context.params
      if (!FORMAT_MIMETYPES[format]) {
        throw new HttpError(
          422,
          `format must be one of ${Object.keys(FORMAT_MIMETYPES).join(', ')} here, got "${format}"`,
        )
      }
      // A JSON string, as the real server answers: the token names what to stream.
      return json(`${dataset.id}.${format}`)
    },
  },
  {
    method: 'GET',
    path: '/datasets/download/:token',
    handle(context) {
      const [id, format] = context.params.token.split('.')
      const dataset = context.db.datasets.get(id ?? '')
      const accepts = FORMAT_MIMETYPES[format ?? '']
      if (!dataset || dataset.deleted || !accepts) throw notFound('Download token', context.params.token)
      const files: Record<string, Uint8Array> = {}
      for (const rid of dataset.resource_ids) {
        const resource = context.db.resources.get(rid)
        const file = context.db.files.get(rid)
        if (resource && !resource.deleted && file && accepts.test(file.mimetype))
          files[`${rid}/${resource.filename}`] = file.bytes
      }
      files['manifest.json'] = new TextEncoder().encode(
        JSON.stringify({ dataset: dataset.id, name: dataset.name, format, files: Object.keys(files) }),
      )
      return fileResponse(context, zipSync(files, { level: 0 }), 'application/zip', `${dataset.name}.zip`)
    },
  },
]
