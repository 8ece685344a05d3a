import type { QueryFilters } from '@tanstack/query-core'

/**
 * The queries of other types made stale by creating or deleting `entities` (created entities, or the
 * cached copies of deleted ones: `undefined` for one that was not cached, whose fields are unknown).
 */
type Effect = (serverUrl: string, entities: readonly unknown[]) => QueryFilters

/**
 * The one place that says which writes of one entity type (keyed by `endpointBase`) make other types'
 * queries stale. Only creates and deletes: they change counts and memberships, a patch does not. Each
 * mutation's own lists are always invalidated; this table adds the rest.
 */
export const crossEntityEffects: Readonly<Record<string, Effect>> = {
  // A project's counts (resource_count, ...) change with its resources.
  resources: (serverUrl) => ({ queryKey: ['datamint', serverUrl, 'projects'] }),
  // A resource's annotation lists change with its annotations: those that can hold them (unfiltered
  // ones included), or all of them when some resource is unknown.
  annotations: (serverUrl, entities) => {
    const ids = new Set(
      entities.map((entity) => (entity as { resource_id?: unknown } | undefined)?.resource_id),
    )
    return {
      queryKey: ['datamint', serverUrl, 'annotations', 'list'],
      predicate: ids.has(undefined)
        ? undefined
        : ({ queryKey }) => {
            const resource = (queryKey[4] as { resource?: unknown } | undefined)?.resource
            return resource === undefined || [resource].flat().some((id) => ids.has(id))
          },
    }
  },
}
