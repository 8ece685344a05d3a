import type { QueryFilters } from '@tanstack/react-query'

/**
 * The queries of other types made stale by creating or deleting `entities` (created entities, or the
 * cached copies of deleted ones; `complete` is false when some deleted ones were not cached).
 */
type Effect = (serverUrl: string, entities: readonly unknown[], complete: boolean) => QueryFilters[]

/** Every query of an entity type on one server. */
const allOf =
  (endpointBase: string): Effect =>
  (serverUrl) => [{ queryKey: ['datamint', serverUrl, endpointBase] }]

/** Annotation lists that can hold annotations of the affected resources (unfiltered ones included). */
const annotationListsOfResources: Effect = (serverUrl, entities, complete) => {
  const ids = new Set(entities.map((entity) => (entity as { resource_id?: unknown } | null)?.resource_id))
  const queryKey = ['datamint', serverUrl, 'annotations', 'list']
  // A resource we do not know: every annotation list.
  if (!complete || ids.has(undefined)) return [{ queryKey }]
  return [
    {
      queryKey,
      predicate: ({ queryKey }) => {
        const resource = (queryKey[4] as { resource?: unknown } | undefined)?.resource
        return resource === undefined || [resource].flat().some((id) => ids.has(id))
      },
    },
  ]
}

/**
 * The one place that says which writes of one entity type (keyed by `endpointBase`) make other types'
 * queries stale. Only creates and deletes: they change counts and memberships, a patch does not. Each
 * mutation's own lists are always invalidated; this table adds the rest.
 */
export const crossEntityEffects: Readonly<Record<string, Effect>> = {
  // A project's counts (resource_count, ...) change with its resources.
  resources: allOf('projects'),
  // A resource's annotation lists change with its annotations.
  annotations: annotationListsOfResources,
}

/** The query filters a create or delete of the type keyed `all` (`['datamint', serverUrl, endpointBase]`) makes stale. */
export function crossEntityFilters(
  [, serverUrl, endpointBase]: readonly string[],
  entities: readonly unknown[],
  complete: boolean,
): QueryFilters[] {
  return crossEntityEffects[endpointBase]?.(serverUrl, entities, complete) ?? []
}
