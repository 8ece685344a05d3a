import { normalizeFilters } from './normalizeFilters.js'

/** Every key an entity's hooks use, rooted at `['datamint', serverUrl, endpointBase]`. */
export interface EntityQueryKeys<F> {
  /** Everything cached for this entity type on this server. */
  readonly all: readonly ['datamint', string, string]
  /** Prefix of every list and infinite list. */
  lists(): readonly ['datamint', string, string, 'list']
  /** One list; filters are normalised (key order irrelevant, `undefined` dropped). */
  list(filters?: F): readonly ['datamint', string, string, 'list', F]
  /** One page with its total (`usePage`): the list key of its filters (window included) plus a marker. */
  page(filters: F): readonly ['datamint', string, string, 'list', F, { page: true }]
  /** One infinite list: the list key of its filters plus the page size. */
  infiniteList(
    filters: F | undefined,
    pageSize: number,
  ): readonly ['datamint', string, string, 'list', F, { infinite: true; pageSize: number }]
  /** Prefix of every detail entry. */
  details(): readonly ['datamint', string, string, 'detail']
  detail(id: string): readonly ['datamint', string, string, 'detail', string]
}

/**
 * The query key factory for one entity API. Two servers never share entries because the server
 * URL is part of every key.
 *
 * @example
 * const keys = createQueryKeys(api.projects)
 * queryClient.invalidateQueries({ queryKey: keys.lists() })
 */
export function createQueryKeys<F>(api: {
  readonly config: { readonly serverUrl: string }
  readonly endpointBase: string
}): EntityQueryKeys<F> {
  const all = ['datamint', api.config.serverUrl, api.endpointBase] as const
  const list = (filters?: F) => [...all, 'list', normalizeFilters(filters)] as const
  return {
    all,
    lists: () => [...all, 'list'] as const,
    list,
    page: (filters) => [...list(filters), { page: true }] as const,
    infiniteList: (filters, pageSize) => [...list(filters), { infinite: true, pageSize }] as const,
    details: () => [...all, 'detail'] as const,
    detail: (id) => [...all, 'detail', id] as const,
  }
}
