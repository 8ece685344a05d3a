'use client'
import { type QueryKey, queryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { DatamintApi } from '../api/endpoints/DatamintApi.js'
import type { ReviewMessageFilters, SplitFilters } from '../api/endpoints/ProjectsApi.js'
import type { AnnotationStatusFilters } from '../api/endpoints/workflow.js'
import type { DatamintError } from '../api/errors.js'
import type { AnnotationStatus } from '../api/models/AnnotationStatus.js'
import type { Invitation } from '../api/models/Invitation.js'
import type { ProjectMember } from '../api/models/ProjectMember.js'
import type { ProjectResourceSplit } from '../api/models/ProjectResourceSplit.js'
import type { AnnotatorStats, ReviewMessage } from '../api/models/ProjectStats.js'
import type { Resource } from '../api/models/Resource.js'
import { managementKeys } from './core/managementKeys.js'
import { weakMemo } from './core/weakMemo.js'
import type { QueryOverrides } from './createEntityHooks.js'
import { useDatamintApi } from './DatamintProvider.js'

/** An owner (project, worklist, dataset) given as its id or the entity; its id is what keys and requests use. */
export type OwnerRef = string | { id: string }
const idOf = (ref: OwnerRef | undefined): string => (typeof ref === 'object' && ref ? ref.id : (ref ?? ''))
/** Filters whose `resource` may be an entity: keyed by its id. */
const keyed = <F extends { resource?: OwnerRef }>(filters: F | undefined) =>
  filters?.resource === undefined ? filters : { ...filters, resource: idOf(filters.resource) }

/**
 * `queryOptions` factories for what belongs to a project, worklist, dataset or the users, keyed under the
 * owner (see `managementKeys`); for `prefetchQuery`, `ensureQueryData`, `useQuery`, `useSuspenseQuery`. A
 * malformed id is an error state, with nothing sent.
 *
 * @example
 * await queryClient.prefetchQuery(managementQueries(api).projectMembers(projectId))
 */
export const managementQueries = /* @__PURE__ */ weakMemo((api: DatamintApi) => {
  const k = managementKeys(api.config.serverUrl)
  const q = <T>(queryKey: QueryKey, fetch: (signal: AbortSignal) => Promise<T>) =>
    queryOptions({ queryKey, queryFn: ({ signal }) => fetch(signal), staleTime: 30_000, retry: false })
  const { projects, annotationWorklists: worklists } = api
  return {
    projectResources: (project: OwnerRef) =>
      q<Resource[]>(k.project(idOf(project), 'resources'), (signal) =>
        projects.getProjectResources(idOf(project), { signal }),
      ),
    projectMembers: (project: OwnerRef) =>
      q<ProjectMember[]>(k.project(idOf(project), 'members'), (signal) =>
        projects.getMembers(idOf(project), { signal }),
      ),
    projectSplits: (project: OwnerRef, filters?: SplitFilters) =>
      q<ProjectResourceSplit[]>(k.project(idOf(project), 'splits', filters ?? {}), (signal) =>
        projects.getSplits(idOf(project), filters, { signal }),
      ),
    annotationStatuses: (project: OwnerRef, filters?: AnnotationStatusFilters) =>
      q<AnnotationStatus[]>(k.project(idOf(project), 'annotation-statuses', keyed(filters) ?? {}), (signal) =>
        projects.getAnnotationStatuses(idOf(project), filters, { signal }),
      ),
    annotatorsStats: (project: OwnerRef, filters?: { annotatorEmail?: string }) =>
      q<AnnotatorStats[]>(k.project(idOf(project), 'stats', 'annotators', filters ?? {}), (signal) =>
        projects.getAnnotatorsStats(idOf(project), filters, { signal }),
      ),
    annotationsStats: (project: OwnerRef) =>
      q<Record<string, unknown>>(k.project(idOf(project), 'stats', 'annotations'), (signal) =>
        projects.getAnnotationsStats(idOf(project), { signal }),
      ),
    filesMatrixStats: (project: OwnerRef) =>
      q<Record<string, unknown>>(k.project(idOf(project), 'stats', 'files-matrix'), (signal) =>
        projects.getFilesMatrixStats(idOf(project), { signal }),
      ),
    reviewMessages: (project: OwnerRef, filters?: ReviewMessageFilters) =>
      q<ReviewMessage[]>(k.project(idOf(project), 'reviewmessages', keyed(filters) ?? {}), (signal) =>
        projects.getReviewMessages(idOf(project), filters, { signal }),
      ),
    worklistStatuses: (worklist: OwnerRef, filters?: AnnotationStatusFilters) =>
      q<AnnotationStatus[]>(
        k.worklist(idOf(worklist), 'annotation-statuses', keyed(filters) ?? {}),
        (signal) => worklists.getAnnotationStatuses(idOf(worklist), filters, { signal }),
      ),
    worklistAnnotatorsStats: (worklist: OwnerRef, filters?: { annotatorEmail?: string }) =>
      q<AnnotatorStats[]>(k.worklist(idOf(worklist), 'stats', 'annotators', filters ?? {}), (signal) =>
        worklists.getAnnotatorsStatistics(idOf(worklist), filters, { signal }),
      ),
    segmentationGroup: (worklist: OwnerRef) =>
      q(k.worklist(idOf(worklist), 'segmentation-group'), (signal) =>
        worklists.getSegmentationGroup(idOf(worklist), { signal }),
      ),
    datasetResources: (dataset: OwnerRef, version?: string) =>
      q<Resource[]>(k.dataset(idOf(dataset), 'resources', { version }), (signal) =>
        api.datasets.getResources(idOf(dataset), { version, signal }),
      ),
    invitations: (filters: { project?: OwnerRef } = {}) =>
      q<Invitation[]>(k.invitations({ project: filters.project && idOf(filters.project) }), (signal) =>
        api.users.getInvitations({ project: filters.project && idOf(filters.project), signal }),
      ),
  }
})

/** Wraps a factory taking `(owner, filters?)` into a hook taking `(owner | undefined, filters?, options?)`. */
function ownedQuery<O, F, T>(
  pick: (queries: ReturnType<typeof managementQueries>) => (owner: O, filters?: F) => unknown,
) {
  return (
    owner: O | undefined,
    filters?: F,
    options?: QueryOverrides<T>,
  ): UseQueryResult<T, DatamintError> => {
    const factory = pick(managementQueries(useDatamintApi()))
    return useQuery({
      ...(factory(owner ?? ('' as O), filters) as object),
      ...options,
      enabled: owner !== undefined && (options?.enabled ?? true),
    } as never) as UseQueryResult<T, DatamintError>
  }
}

/**
 * The resources of a project (`projects.getProjectResources`), kept under the project.
 *
 * @example
 * const { data: resources = [] } = useProjectResources(projectId)
 */
export const useProjectResources: (
  project: OwnerRef | undefined,
  filters?: undefined,
  options?: QueryOverrides<Resource[]>,
) => UseQueryResult<Resource[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.projectResources)

/**
 * A project's members with their roles (`projects.getMembers`).
 *
 * @example
 * const { data: members = [] } = useProjectMembers(project)
 */
export const useProjectMembers: (
  project: OwnerRef | undefined,
  filters?: undefined,
  options?: QueryOverrides<ProjectMember[]>,
) => UseQueryResult<ProjectMember[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.projectMembers)

/**
 * A project's split assignments (`projects.getSplits`).
 *
 * @example
 * const { data: splits = [] } = useProjectSplits(projectId)
 * const train = splits.filter((s) => s.split_name === 'train').length
 */
export const useProjectSplits: (
  project: OwnerRef | undefined,
  filters?: SplitFilters,
  options?: QueryOverrides<ProjectResourceSplit[]>,
) => UseQueryResult<ProjectResourceSplit[], DatamintError> = /* @__PURE__ */ ownedQuery(
  (q) => q.projectSplits,
)

/** Per-resource, per-annotator statuses of a project (`projects.getAnnotationStatuses`). */
export const useAnnotationStatuses: (
  project: OwnerRef | undefined,
  filters?: AnnotationStatusFilters,
  options?: QueryOverrides<AnnotationStatus[]>,
) => UseQueryResult<AnnotationStatus[], DatamintError> = /* @__PURE__ */ ownedQuery(
  (q) => q.annotationStatuses,
)

/** Per-annotator progress in a project (`projects.getAnnotatorsStats`). */
export const useAnnotatorsStats: (
  project: OwnerRef | undefined,
  filters?: { annotatorEmail?: string },
  options?: QueryOverrides<AnnotatorStats[]>,
) => UseQueryResult<AnnotatorStats[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.annotatorsStats)

/** Annotation counts of a project (`projects.getAnnotationsStats`). */
export const useAnnotationsStats: (
  project: OwnerRef | undefined,
  filters?: undefined,
  options?: QueryOverrides<Record<string, unknown>>,
) => UseQueryResult<Record<string, unknown>, DatamintError> = /* @__PURE__ */ ownedQuery(
  (q) => q.annotationsStats,
)

/** The resource × annotator matrix of a project (`projects.getFilesMatrixStats`). */
export const useFilesMatrixStats: (
  project: OwnerRef | undefined,
  filters?: undefined,
  options?: QueryOverrides<Record<string, unknown>>,
) => UseQueryResult<Record<string, unknown>, DatamintError> = /* @__PURE__ */ ownedQuery(
  (q) => q.filesMatrixStats,
)

/** Review feedback of a project (`projects.getReviewMessages`). */
export const useReviewMessages: (
  project: OwnerRef | undefined,
  filters?: ReviewMessageFilters,
  options?: QueryOverrides<ReviewMessage[]>,
) => UseQueryResult<ReviewMessage[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.reviewMessages)

/** Statuses of a worklist's resources (`annotationWorklists.getAnnotationStatuses`). */
export const useWorklistStatuses: (
  worklist: OwnerRef | undefined,
  filters?: AnnotationStatusFilters,
  options?: QueryOverrides<AnnotationStatus[]>,
) => UseQueryResult<AnnotationStatus[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.worklistStatuses)

/** Per-annotator progress in a worklist (`annotationWorklists.getAnnotatorsStatistics`). */
export const useWorklistAnnotatorsStats: (
  worklist: OwnerRef | undefined,
  filters?: { annotatorEmail?: string },
  options?: QueryOverrides<AnnotatorStats[]>,
) => UseQueryResult<AnnotatorStats[], DatamintError> = /* @__PURE__ */ ownedQuery(
  (q) => q.worklistAnnotatorsStats,
)

/** A worklist's segmentation group (`annotationWorklists.getSegmentationGroup`). */
export const useSegmentationGroup = /* @__PURE__ */ ownedQuery((q) => q.segmentationGroup) as (
  worklist: OwnerRef | undefined,
  filters?: undefined,
  options?: QueryOverrides<Awaited<ReturnType<DatamintApi['annotationWorklists']['getSegmentationGroup']>>>,
) => UseQueryResult<
  Awaited<ReturnType<DatamintApi['annotationWorklists']['getSegmentationGroup']>>,
  DatamintError
>

/** The resources of a dataset, optionally of one version (`datasets.getResources`). */
export const useDatasetResources: (
  dataset: OwnerRef | undefined,
  version?: string,
  options?: QueryOverrides<Resource[]>,
) => UseQueryResult<Resource[], DatamintError> = /* @__PURE__ */ ownedQuery((q) => q.datasetResources)

/** Pending invitations, optionally of one project (`users.getInvitations`). */
export function useInvitations(
  filters: { project?: OwnerRef } = {},
  options?: QueryOverrides<Invitation[]>,
): UseQueryResult<Invitation[], DatamintError> {
  return useQuery({ ...managementQueries(useDatamintApi()).invitations(filters), ...options } as never)
}
