import type { QueryFilters } from '@tanstack/query-core'
import { managementKeys, type StaleKeys, staleFilters } from './managementKeys.js'

/**
 * The queries of other types made stale by creating or deleting `entities` (created entities, or the
 * cached copies of deleted ones: `undefined` for one that was not cached, whose fields are unknown).
 */
type Effect = (serverUrl: string, entities: readonly unknown[]) => QueryFilters

/** What a management write names: the owner's id (and for some, another owner's). */
interface Subject {
  project?: string
  worklist?: string
  dataset?: string
}

/** A management row: the keys a write about `subject` makes stale. */
const stale =
  (keys: (k: ReturnType<typeof managementKeys>, s: Subject, url: string) => StaleKeys): Effect =>
  (serverUrl, [subject]) =>
    staleFilters(keys(managementKeys(serverUrl), (subject ?? {}) as Subject, serverUrl))

const list = (url: string, base: string) => ['datamint', url, base, 'list']
// A project changed by a write below it: its detail (counts) and every project list.
const projectItself = (k: ReturnType<typeof managementKeys>, project: string | undefined, url: string) => ({
  prefixes: [list(url, 'projects')],
  exact: project ? [k.project(project)] : [],
})
// Statuses are shared by a project and its worklists: both sides' statuses and statistics.
const statusesOf = (k: ReturnType<typeof managementKeys>, s: Subject, url: string): StaleKeys => ({
  prefixes: [
    k.project(s.project as string, 'annotation-statuses'),
    k.project(s.project as string, 'stats'),
    k.worklist(s.worklist as string, 'annotation-statuses'),
    k.worklist(s.worklist as string, 'stats'),
    k.worklist(s.worklist as string, 'resources'),
  ],
  exact: [...projectItself(k, s.project, url).exact],
})
// A project's resources changed: its resource list, counts, statistics, and every resource list.
const projectResources = (k: ReturnType<typeof managementKeys>, s: Subject, url: string): StaleKeys => ({
  prefixes: [
    list(url, 'projects'),
    list(url, 'resources'),
    k.project(s.project as string, 'resources'),
    k.project(s.project as string, 'stats'),
    k.project(s.project as string, 'splits'),
  ],
  exact: projectItself(k, s.project, url).exact,
})
// A worklist changed: it, what hangs below it, and the lists it is in (a project's worklists).
const worklistChanged = (k: ReturnType<typeof managementKeys>, s: Subject, url: string): StaleKeys => ({
  prefixes: [k.worklist(s.worklist as string), list(url, 'annotationsets')],
})

/**
 * The one place that says which writes make other queries stale. Rows keyed by an `endpointBase` apply to
 * the creates and deletes of that entity type (they change counts and memberships, a patch does not; each
 * mutation's own lists are always invalidated, this table adds the rest). Rows keyed `api.method` are the
 * management writes (members, splits, statuses, worklists' annotators, ...): the queries each one refreshes.
 * `undefined` in a key matches any value (a write on a worklist refreshes every project's statuses).
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
  // A new or deleted worklist: its project's detail (the project's worklists are worklist lists).
  annotationsets: (serverUrl, entities) => {
    const k = managementKeys(serverUrl)
    const projects = entities.map((w) => (w as { project_id?: unknown } | undefined)?.project_id)
    return staleFilters({ exact: projects.filter((p) => typeof p === 'string').map((p) => k.project(p)) })
  },
  // A new or deleted user: project members (a deleted user leaves them) and invitations (a new one accepted).
  users: stale((k) => ({
    prefixes: [k.project(undefined as never, 'members'), k.invitations().slice(0, 4)],
  })),

  'projects.addResources': stale(projectResources),
  'datasets.updateResources': stale((k, s, url) => ({
    prefixes: [
      k.dataset(s.dataset as string),
      list(url, 'datasets'),
      ...(s.project ? (projectResources(k, s, url).prefixes ?? []) : [list(url, 'resources')]),
    ],
    exact: s.project ? projectResources(k, s, url).exact : [],
  })),
  'projects.setWorkStatus': stale((k, s, url) => ({
    prefixes: [...(statusesOf(k, s, url).prefixes ?? []), list(url, 'projects')],
    exact: statusesOf(k, s, url).exact,
  })),
  'projects.resetAnnotatorStatus': stale(statusesOf),
  'projects.setMember': stale((k, s) => ({
    prefixes: [k.project(s.project as string, 'members'), k.project(s.project as string, 'stats')],
  })),
  'projects.removeMember': stale((k, s) => ({
    prefixes: [k.project(s.project as string, 'members'), k.project(s.project as string, 'stats')],
  })),
  'projects.assignSplits': stale((k, s) => ({ prefixes: [k.project(s.project as string, 'splits')] })),
  'projects.setPinnedMetrics': stale((k, s, url) => projectItself(k, s.project, url)),
  'annotationWorklists.setAnnotator': stale(worklistChanged),
  'annotationWorklists.removeAnnotator': stale(worklistChanged),
  'annotationWorklists.updateResources': stale(worklistChanged),
  'annotationWorklists.updateSegmentationGroup': stale((k, s) => ({
    prefixes: [k.worklist(s.worklist as string, 'segmentation-group')],
  })),
  'annotationWorklists.uploadSegmentationGroup': stale((k, s) => ({
    prefixes: [k.worklist(s.worklist as string, 'segmentation-group')],
  })),
  'annotationWorklists.deleteSegmentationGroup': stale((k, s) => ({
    prefixes: [k.worklist(s.worklist as string, 'segmentation-group')],
  })),
  'annotationWorklists.uploadAnnotations': stale((k, s, url) => ({
    prefixes: [k.worklist(s.worklist as string), list(url, 'annotations')],
  })),
  'annotationWorklists.updateAnnotationStatus': stale(statusesOf),
  'annotationWorklists.resetAnnotatorStatus': stale((k, s, url) => ({
    // The annotator's annotations of the resource go too.
    prefixes: [
      ...(statusesOf(k, s, url).prefixes ?? []),
      k.worklist(s.worklist as string),
      list(url, 'annotations'),
    ],
  })),
  'users.invite': stale((k) => ({ prefixes: [k.invitations().slice(0, 4)] })),
  'users.revokeInvitation': stale((k) => ({ prefixes: [k.invitations().slice(0, 4)] })),
}
