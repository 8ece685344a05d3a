export {
  type CreateHooks,
  createEntityHooks,
  type DeleteHooks,
  type EntityApiShape,
  type EntityHooks,
  type EntityHooksOptions,
  type EntityQueries,
  type InfiniteListOptions,
  type PatchHooks,
  type PatchVariables,
  type QueryOverrides,
  type ReadHooks,
  type SuspenseQueryOverrides,
} from './createEntityHooks.js'
export type { EntityQueryKeys } from './createQueryKeys.js'
export { DatamintProvider, type DatamintProviderProps, useDatamintApi } from './DatamintProvider.js'
export {
  useAnnotations,
  useDatasets,
  useProjects,
  useResources,
  useUsers,
} from './entityHooks.js'
export type { MutationMode } from './entityMutations.js'
export { MutationUndoneError } from './undoableScheduler.js'
export type { UndoableMutationResult, WriteHookOptions } from './useCacheMutation.js'
export {
  type UseResourceFileOptions,
  type UseResourceFileResult,
  useResourceFile,
} from './useResourceFile.js'
