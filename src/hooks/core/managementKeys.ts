import type { QueryFilters, QueryKey } from '@tanstack/query-core'
import { normalizeFilters } from './normalizeFilters.js'

/**
 * Keys of what belongs to a project, worklist, dataset or the users (members, splits, statuses,
 * statistics, ...), each under its owner's detail key (`['datamint', url, 'projects', 'detail', id, ...]`), so
 * dropping the owner's detail drops them and one prefix refreshes them all.
 *
 * @example
 * const keys = managementKeys(api.config.serverUrl)
 * queryClient.invalidateQueries({ queryKey: keys.project(projectId, 'members') })
 */
export function managementKeys(serverUrl: string) {
  const under =
    (base: string) =>
    (id: string, ...rest: unknown[]) =>
      [
        'datamint',
        serverUrl,
        base,
        'detail',
        id,
        ...rest.map((r) => (typeof r === 'object' ? normalizeFilters(r) : r)),
      ] as const
  return {
    /** `project(id, 'members')`, `project(id, 'splits', filters)`, `project(id, 'stats', 'annotators', filters)`, … */
    project: under('projects'),
    /** `worklist(id, 'annotation-statuses', filters)`, `worklist(id, 'segmentation-group')`, … */
    worklist: under('annotationsets'),
    dataset: under('datasets'),
    /** Pending invitations (`users.getInvitations`), by filters. */
    invitations: (filters?: object) =>
      ['datamint', serverUrl, 'users', 'invitations', normalizeFilters(filters)] as const,
  }
}

/** What a write makes stale, as one filter: keys below `prefixes`, and `exact` keys themselves. */
export interface StaleKeys {
  prefixes?: ReadonlyArray<QueryKey>
  exact?: ReadonlyArray<QueryKey>
}

/** One `QueryFilters` matching a set of prefixes (`undefined` in a prefix matches any value there) and exact keys. */
export function staleFilters({ prefixes = [], exact = [] }: StaleKeys): QueryFilters {
  const starts = (key: QueryKey, prefix: QueryKey) =>
    prefix.length <= key.length && prefix.every((part, i) => part === undefined || part === key[i])
  return {
    predicate: ({ queryKey }) =>
      prefixes.some((p) => starts(queryKey, p)) ||
      exact.some((e) => e.length === queryKey.length && starts(queryKey, e)),
  }
}
