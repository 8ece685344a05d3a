export type { EntityQueryKeys } from './core/createQueryKeys.js'
export type { MutationMode } from './core/entityMutations.js'
export { managementKeys, type StaleKeys } from './core/managementKeys.js'
export { MutationUndoneError } from './core/undoableScheduler.js'
export {
  type BulkDeleteHooks,
  type CreateHookOptions,
  type CreateHooks,
  createEntityHooks,
  type DeleteHooks,
  type EntityApiShape,
  type EntityHooks,
  type EntityHooksOptions,
  type EntityQueries,
  type HooksWhere,
  type InfiniteListOptions,
  type PageHooks,
  type PageWindowFilters,
  type PatchHooks,
  type PatchVariables,
  type QueryOverrides,
  type ReadHooks,
  type SuspenseQueryOverrides,
  type TaggedQueryOptions,
  type WindowlessFilters,
} from './createEntityHooks.js'
export { DatamintProvider, type DatamintProviderProps, useDatamintApi } from './DatamintProvider.js'
export {
  type EntityApiName,
  readyMadeEntityHooks,
  useAnnotations,
  useAnnotationWorklists,
  useDatasets,
  useEntityHooks,
  useProjects,
  useResources,
  useUsers,
} from './entityHooks.js'
export {
  type ManagementMutationOptions,
  useAddProjectResources,
  useAssignSplits,
  useDeleteSegmentationGroup,
  useDeleteUser,
  useInviteUser,
  useRemoveProjectMember,
  useRemoveProjectResources,
  useRemoveWorklistAnnotator,
  useResetAnnotatorStatus,
  useResetWorklistAnnotatorStatus,
  useRevokeInvitation,
  useSetPinnedMetrics,
  useSetProjectMember,
  useSetWorklistAnnotator,
  useSetWorkStatus,
  useUpdateAnnotationStatus,
  useUpdateDatasetResources,
  useUpdateSegmentationGroup,
  useUpdateUser,
  useUpdateWorklistResources,
  useUploadSegmentationGroup,
  useUploadWorklistAnnotations,
} from './managementMutations.js'
export {
  managementQueries,
  type OwnerRef,
  useAnnotationStatuses,
  useAnnotationsStats,
  useAnnotatorsStats,
  useDatasetResources,
  useFilesMatrixStats,
  useInvitations,
  useProjectMembers,
  useProjectResources,
  useProjectSplits,
  useReviewMessages,
  useSegmentationGroup,
  useWorklistAnnotatorsStats,
  useWorklistStatuses,
} from './managementQueries.js'
export {
  type NewTypedAnnotation,
  type UploadSegmentationsVariables,
  useCreateAnnotation,
  useUploadSegmentations,
} from './useAnnotationUploads.js'
export type { MutationOverrides, UndoableMutationResult, WriteHookOptions } from './useCacheMutation.js'
export {
  type DownloadResourceFilesVariables,
  type UseDownloadResourceFilesResult,
  useDownloadResourceFiles,
} from './useDownloadResourceFiles.js'
export {
  type UseResourceFileOptions,
  type UseResourceFileResult,
  useResourceFile,
} from './useResourceFile.js'
export { type ResourceTagsVariables, useResourceTags } from './useResourceTags.js'
export {
  type UploadFileState,
  type UploadResourcesVariables,
  type UseUploadResourcesResult,
  useUploadResources,
} from './useUploadResources.js'
