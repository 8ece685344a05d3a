import type { QueryFilters } from '@tanstack/react-query'

/** What a mutation did, for the effects it has on other entity types. */
export type EntityEvent = 'create' | 'patch' | 'delete'

export interface EffectInput {
  serverUrl: string
  /** Created entities, or the cached copies of deleted ones. */
  entities: readonly unknown[]
  /** False when some deleted entities were not in the cache (their fields are unknown). */
  complete: boolean
}

type Effect = (input: EffectInput) => QueryFilters[]

/** Every query of an entity type on one server. */
const allOf =
  (endpointBase: string): Effect =>
  ({ serverUrl }) => [{ queryKey: ['datamint', serverUrl, endpointBase] }]

/** Annotation lists that can hold annotations of the affected resources (unfiltered ones included). */
const annotationListsOfResources: Effect = ({ serverUrl, entities, complete }) => {
  const resourceIds = new Set<string>()
  for (const entity of entities) {
    const rid = (entity as { resource_id?: unknown } | undefined)?.resource_id
    if (typeof rid === 'string') resourceIds.add(rid)
  }
  const queryKey = ['datamint', serverUrl, 'annotations', 'list']
  if (!complete || resourceIds.size === 0) return [{ queryKey }]
  return [
    {
      queryKey,
      predicate: (query) => {
        const resource = (query.queryKey[4] as { resource?: unknown } | undefined)?.resource
        if (resource === undefined) return true
        const wanted = Array.isArray(resource) ? resource : [resource]
        return wanted.some((id) => typeof id === 'string' && resourceIds.has(id))
      },
    },
  ]
}

/**
 * The one place that says which mutations of one entity type make other types' queries stale, keyed by
 * `endpointBase`. Each mutation's own lists are always invalidated; this table adds the rest.
 */
export const crossEntityEffects: Readonly<Record<string, Partial<Record<EntityEvent, Effect>>>> = {
  // A project's counts (resource_count, ...) change with its resources.
  resources: { create: allOf('projects'), delete: allOf('projects') },
  // A resource's annotation lists change with its annotations.
  annotations: { create: annotationListsOfResources, delete: annotationListsOfResources },
}

/** The query filters a successful mutation of `endpointBase` makes stale in other entity types. */
export function crossEntityFilters(
  endpointBase: string,
  event: EntityEvent,
  input: EffectInput,
): QueryFilters[] {
  return crossEntityEffects[endpointBase]?.[event]?.(input) ?? []
}
