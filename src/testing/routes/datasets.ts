import type { DatasetRecord } from '../entities.js'
import { page, paging, uuidParam } from '../requestInput.js'
import type { Route, RouteContext } from '../router.js'
import { datasetToWire, resourceToWire } from '../wire.js'
import { json, notFound, pagedList } from './respond.js'

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
]
