'use client'
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query'
import type {
  SegmentationData,
  SegmentationDefinition,
  SegmentationItem,
  SetAnnotatorOptions,
  UploadFile,
} from '../api/endpoints/AnnotationWorklistsApi.js'
import type { DatamintApi } from '../api/endpoints/DatamintApi.js'
import type { DatasetResourcesChange } from '../api/endpoints/DatasetsApi.js'
import type { MemberRef, ResourceRefs } from '../api/endpoints/ProjectsApi.js'
import type { InviteOptions, UserChange } from '../api/endpoints/UsersApi.js'
import type { DatamintError } from '../api/errors.js'
import type { AnnotationStatus, AnnotationStatusValue, WorkStatus } from '../api/models/AnnotationStatus.js'
import type { AnnotationWorklist } from '../api/models/AnnotationWorklist.js'
import type { Dataset } from '../api/models/Dataset.js'
import type { Project } from '../api/models/Project.js'
import type { ProjectMember } from '../api/models/ProjectMember.js'
import type { ProjectResourceSplit } from '../api/models/ProjectResourceSplit.js'
import type { Resource } from '../api/models/Resource.js'
import type { User } from '../api/models/User.js'
import { createQueryKeys } from './core/createQueryKeys.js'
import { createEntityCache } from './core/entityCache.js'
import { runWrite } from './core/entityMutations.js'
import { withMemberRoles, withSplit, withWorkStatus } from './core/managementEdits.js'
import { managementKeys } from './core/managementKeys.js'
import { editQueries, runScopedWrite, type ScopedWrite } from './core/scopedWrites.js'
import { weakMemo } from './core/weakMemo.js'
import { useDatamintApi } from './DatamintProvider.js'
import type { MutationOverrides } from './useCacheMutation.js'

/** Options of the management mutation hooks; `mutationMode` where the write can be optimistic. */
export type ManagementMutationOptions<R, V> = MutationOverrides<R, V> & {
  /** Hooks whose change is certain default to `'optimistic'` (rolled back on error); the others are pessimistic. */
  mutationMode?: 'optimistic' | 'pessimistic'
}

type Built<R> = Omit<ScopedWrite<R>, 'effect'>

/**
 * A mutation hook for one management write: `build` turns the variables into the request and its subject;
 * what it refreshes is its row in `crossEntityEffects` (`effect`).
 */
function scopedMutation<V, R>(
  effect: string,
  build: (api: DatamintApi, variables: V) => Built<R>,
  optimistic = false,
) {
  return (options: ManagementMutationOptions<R, V> = {}): UseMutationResult<R, DatamintError, V> => {
    const api = useDatamintApi()
    const client = useQueryClient()
    const { mutationMode = optimistic ? 'optimistic' : 'pessimistic', ...rest } = options
    return useMutation<R, DatamintError, V>(
      {
        ...rest,
        mutationFn: async (variables) => {
          const write = build(api, variables)
          return runScopedWrite(client, api.config.serverUrl, {
            ...write,
            effect,
            optimistic: mutationMode === 'optimistic' ? write.optimistic : undefined,
          })
        },
      },
      client,
    )
  }
}

const inProject = (api: DatamintApi, project: string | Project) => {
  const id = api.projects.getEntityId(project)
  return { id, subject: { project: id }, scope: id, k: managementKeys(api.config.serverUrl) }
}
const inWorklist = (api: DatamintApi, worklist: string | AnnotationWorklist) => {
  const id = api.annotationWorklists.getEntityId(worklist)
  const project = typeof worklist === 'object' ? (worklist.project_id ?? undefined) : undefined
  return { id, subject: { worklist: id, project }, scope: id }
}
const resourceId = (resource: string | Resource) => (typeof resource === 'string' ? resource : resource.id)

// ---- projects ----------------------------------------------------------------------------------------

/**
 * `mutate({ project, resources })`: `projects.addResources`; refreshes the project's resources, counts and every
 * resource list.
 *
 * @example
 * const add = useAddProjectResources()
 * add.mutate({ project: projectId, resources: selectedIds })
 */
export const useAddProjectResources = /* @__PURE__ */ scopedMutation(
  'projects.addResources',
  (api, { project, resources }: { project: string | Project; resources: ResourceRefs }) => {
    const p = inProject(api, project)
    return { ...p, send: () => api.projects.addResources(resources, p.id) }
  },
)

/**
 * `mutate({ project, resources })`: takes resources out of a project through its dataset
 * (`datasets.updateResources(project.dataset_id, { remove, project })`, as the Python SDK does); reads the
 * project first when given its id.
 */
export const useRemoveProjectResources = /* @__PURE__ */ scopedMutation(
  'datasets.updateResources',
  (
    api,
    { project, resources }: { project: string | Project; resources: ReadonlyArray<string | Resource> },
  ) => {
    const p = inProject(api, project)
    const dataset = typeof project === 'object' ? project.dataset_id : undefined
    return {
      ...p,
      subject: { ...p.subject, dataset },
      send: async () => {
        const datasetId = dataset ?? (await api.projects.getById(p.id)).dataset_id
        await api.datasets.updateResources(datasetId, { remove: resources, project: p.id })
      },
    }
  },
)

/**
 * `mutate({ project, resource, status })`: `projects.setWorkStatus`, optimistic: the resource's rows in the
 * project's cached statuses change at once, and come back if the server refuses.
 */
export const useSetWorkStatus = /* @__PURE__ */ scopedMutation(
  'projects.setWorkStatus',
  (
    api,
    {
      project,
      resource,
      status,
    }: { project: string | Project; resource: string | Resource; status: WorkStatus },
  ) => {
    const p = inProject(api, project)
    const rid = resourceId(resource)
    return {
      ...p,
      optimistic: (client) =>
        editQueries<AnnotationStatus[]>(client, p.k.project(p.id, 'annotation-statuses'), (rows, key) =>
          withWorkStatus(rows, rid, status, key[6] as { status?: string }),
        ),
      send: () => api.projects.setWorkStatus(rid, status, p.id),
    }
  },
  true,
)

/**
 * `mutate({ project, user, roles })`: `projects.setMember`, optimistic for a listed member (their roles change at
 * once); a new member appears with the refetch.
 *
 * @example
 * const setMember = useSetProjectMember()
 * setMember.mutate({ project, user: member.user_id, roles: ['PROJECT_REVIEWER'] })
 */
export const useSetProjectMember = /* @__PURE__ */ scopedMutation(
  'projects.setMember',
  (api, { project, user, roles }: { project: string | Project; user: MemberRef; roles: string[] }) => {
    const p = inProject(api, project)
    const userId = typeof user === 'string' ? user : user.user_id
    return {
      ...p,
      optimistic: (client) =>
        editQueries<ProjectMember[]>(client, p.k.project(p.id, 'members'), (rows) =>
          withMemberRoles(rows, userId, roles),
        ),
      send: () => api.projects.setMember(userId, roles, p.id),
    }
  },
  true,
)

/** `mutate({ project, user })`: `projects.removeMember`; the members refetch once the server agreed. */
export const useRemoveProjectMember = /* @__PURE__ */ scopedMutation(
  'projects.removeMember',
  (api, { project, user }: { project: string | Project; user: MemberRef }) => {
    const p = inProject(api, project)
    return { ...p, send: () => api.projects.removeMember(user, p.id) }
  },
)

/** `mutate({ project, resource, annotatorEmail })`: `projects.resetAnnotatorStatus`. */
export const useResetAnnotatorStatus = /* @__PURE__ */ scopedMutation(
  'projects.resetAnnotatorStatus',
  (api, v: { project: string | Project; resource: string | Resource; annotatorEmail: string }) => {
    const p = inProject(api, v.project)
    return { ...p, send: () => api.projects.resetAnnotatorStatus(v.resource, v.annotatorEmail, p.id) }
  },
)

/**
 * `mutate({ project, resources, splitName })`: `projects.assignSplits`, optimistic: the cached split lists move
 * the resources at once (a resource without a split gets a provisional row), rolled back on error.
 *
 * @example
 * const assign = useAssignSplits()
 * assign.mutate({ project: projectId, resources: selected, splitName: 'val' })
 */
export const useAssignSplits = /* @__PURE__ */ scopedMutation(
  'projects.assignSplits',
  (api, v: { project: string | Project; resources: ReadonlyArray<string | Resource>; splitName: string }) => {
    const p = inProject(api, v.project)
    const ids = v.resources.map(resourceId)
    return {
      ...p,
      optimistic: (client) =>
        editQueries<ProjectResourceSplit[]>(client, p.k.project(p.id, 'splits'), (rows, key) =>
          withSplit(rows, ids, v.splitName, p.id, key[6] as { splitName?: string; asOfTimestamp?: string }),
        ),
      send: () => api.projects.assignSplits(v.resources, v.splitName, p.id),
    }
  },
  true,
)

/** `mutate({ project, metrics })`: `projects.setPinnedMetrics`; resolves to the project. */
export const useSetPinnedMetrics = /* @__PURE__ */ scopedMutation(
  'projects.setPinnedMetrics',
  (api, { project, metrics }: { project: string | Project; metrics: string[] }) => {
    const p = inProject(api, project)
    return { ...p, send: () => api.projects.setPinnedMetrics(metrics, p.id) }
  },
)

// ---- datasets ----------------------------------------------------------------------------------------

/** `mutate({ dataset, add?, remove?, project? })`: `datasets.updateResources`. */
export const useUpdateDatasetResources = /* @__PURE__ */ scopedMutation(
  'datasets.updateResources',
  (api, { dataset, ...change }: DatasetResourcesChange & { dataset: string | Dataset }) => {
    const id = api.datasets.getEntityId(dataset)
    const project = change.project === undefined ? undefined : api.projects.getEntityId(change.project)
    return {
      subject: { dataset: id, project },
      scope: id,
      send: () => api.datasets.updateResources(id, change),
    }
  },
)

// ---- annotation worklists ----------------------------------------------------------------------------

/** `mutate({ worklist, userId, status, expertiseLevel })`: `annotationWorklists.setAnnotator`. */
export const useSetWorklistAnnotator = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.setAnnotator',
  (
    api,
    {
      worklist,
      userId,
      ...options
    }: Omit<SetAnnotatorOptions, 'signal'> & { worklist: string | AnnotationWorklist; userId: string },
  ) => {
    const w = inWorklist(api, worklist)
    return { ...w, send: () => api.annotationWorklists.setAnnotator(w.id, userId, options) }
  },
)

/** `mutate({ worklist, userId })`: `annotationWorklists.removeAnnotator`. */
export const useRemoveWorklistAnnotator = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.removeAnnotator',
  (api, { worklist, userId }: { worklist: string | AnnotationWorklist; userId: string }) => {
    const w = inWorklist(api, worklist)
    return { ...w, send: () => api.annotationWorklists.removeAnnotator(w.id, userId) }
  },
)

/** `mutate({ worklist, add?, remove? })`: `annotationWorklists.updateResources`. */
export const useUpdateWorklistResources = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.updateResources',
  (
    api,
    {
      worklist,
      ...change
    }: {
      worklist: string | AnnotationWorklist
      add?: ReadonlyArray<string | Resource>
      remove?: ReadonlyArray<string | Resource>
    },
  ) => {
    const w = inWorklist(api, worklist)
    return { ...w, send: () => api.annotationWorklists.updateResources(w.id, change) }
  },
)

/** `mutate({ worklist, definitions, segmentationValueType?, renames? })`: `annotationWorklists.updateSegmentationGroup`. */
export const useUpdateSegmentationGroup = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.updateSegmentationGroup',
  (
    api,
    {
      worklist,
      ...change
    }: {
      worklist: string | AnnotationWorklist
      definitions: SegmentationDefinition[]
      segmentationValueType?: SegmentationData['segmentationValueType']
      renames?: string[]
    },
  ) => {
    const w = inWorklist(api, worklist)
    return { ...w, send: () => api.annotationWorklists.updateSegmentationGroup(w.id, change) }
  },
)

/** `mutate({ worklist, file, replaceExisting? })`: `annotationWorklists.uploadSegmentationGroup`. */
export const useUploadSegmentationGroup = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.uploadSegmentationGroup',
  (
    api,
    {
      worklist,
      file,
      replaceExisting,
    }: { worklist: string | AnnotationWorklist; file: UploadFile; replaceExisting?: boolean },
  ) => {
    const w = inWorklist(api, worklist)
    return {
      ...w,
      send: () => api.annotationWorklists.uploadSegmentationGroup(w.id, file, { replaceExisting }),
    }
  },
)

/** `mutate({ worklist, identifier })`: `annotationWorklists.deleteSegmentationGroup`. */
export const useDeleteSegmentationGroup = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.deleteSegmentationGroup',
  (api, { worklist, identifier }: { worklist: string | AnnotationWorklist; identifier: string }) => {
    const w = inWorklist(api, worklist)
    return { ...w, send: () => api.annotationWorklists.deleteSegmentationGroup(w.id, identifier) }
  },
)

/** `mutate({ worklist, resource, items, images? })`: `annotationWorklists.uploadAnnotations`. */
export const useUploadWorklistAnnotations = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.uploadAnnotations',
  (
    api,
    v: {
      worklist: string | AnnotationWorklist
      resource: string | Resource
      items: readonly SegmentationItem[]
      images?: readonly UploadFile[]
    },
  ) => {
    const w = inWorklist(api, v.worklist)
    return {
      ...w,
      send: () => api.annotationWorklists.uploadAnnotations(w.id, v.resource, v.items, { images: v.images }),
    }
  },
)

/** `mutate({ worklist, resource, status, annotatorEmail?, message?, path? })`: `annotationWorklists.updateAnnotationStatus`. */
export const useUpdateAnnotationStatus = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.updateAnnotationStatus',
  (
    api,
    {
      worklist,
      resource,
      status,
      ...options
    }: {
      worklist: string | AnnotationWorklist
      resource: string | Resource
      status: AnnotationStatusValue
      annotatorEmail?: string
      message?: string
      path?: string
    },
  ) => {
    const w = inWorklist(api, worklist)
    return {
      ...w,
      send: () => api.annotationWorklists.updateAnnotationStatus(w.id, resource, status, options),
    }
  },
)

/** `mutate({ worklist, resource, annotatorEmail })`: `annotationWorklists.resetAnnotatorStatus`. */
export const useResetWorklistAnnotatorStatus = /* @__PURE__ */ scopedMutation(
  'annotationWorklists.resetAnnotatorStatus',
  (
    api,
    v: { worklist: string | AnnotationWorklist; resource: string | Resource; annotatorEmail: string },
  ) => {
    const w = inWorklist(api, v.worklist)
    return {
      ...w,
      send: () => api.annotationWorklists.resetAnnotatorStatus(w.id, v.resource, v.annotatorEmail),
    }
  },
)

// ---- users -------------------------------------------------------------------------------------------

/** `mutate({ email, ...options })`: `users.invite`; refreshes the invitations. */
export const useInviteUser = /* @__PURE__ */ scopedMutation(
  'users.invite',
  (api, { email, ...options }: Omit<InviteOptions, 'signal'> & { email: string }) => ({
    subject: {},
    scope: 'invitations',
    send: () => api.users.invite(email, options),
  }),
)

/** `mutate(email)`: `users.revokeInvitation`; refreshes the invitations. */
export const useRevokeInvitation = /* @__PURE__ */ scopedMutation(
  'users.revokeInvitation',
  (api, email: string) => ({
    subject: {},
    scope: 'invitations',
    send: () => api.users.revokeInvitation(email),
  }),
)

/** The users' entity cache (their detail entries and lists), as `useUsers()` keys them. */
const usersCache = /* @__PURE__ */ weakMemo((users: DatamintApi['users']) =>
  createEntityCache<User>(createQueryKeys(users), (user) => users.readId(user)),
)

/**
 * `mutate({ email, change })`: `users.updateUser`; the user returned is written to their detail entry and the
 * user lists.
 */
export function useUpdateUser(
  options: MutationOverrides<User, { email: string; change: UserChange }> = {},
): UseMutationResult<User, DatamintError, { email: string; change: UserChange }> {
  const { users } = useDatamintApi()
  const client = useQueryClient()
  return useMutation(
    {
      ...options,
      mutationFn: ({ email, change }) =>
        runWrite(
          client,
          usersCache(users),
          { ids: [users.getEntityId(email)], change, send: (o) => users.updateUser(email, change, o) },
          'pessimistic',
        ),
    },
    client,
  )
}

/** `mutate(email)`: `users.deleteUser`; the user leaves every list and project member list once deleted. */
export function useDeleteUser(
  options: MutationOverrides<void, string> = {},
): UseMutationResult<void, DatamintError, string> {
  const { users } = useDatamintApi()
  const client = useQueryClient()
  return useMutation(
    {
      ...options,
      mutationFn: (email) =>
        runWrite(
          client,
          usersCache(users),
          { ids: [users.getEntityId(email)], change: null, send: (o) => users.deleteUser(email, o) },
          'pessimistic',
        ),
    },
    client,
  )
}
