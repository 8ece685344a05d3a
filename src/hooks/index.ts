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
  type WriteHookOptions,
} from './createEntityHooks.js'
export { createQueryKeys, type EntityQueryKeys } from './createQueryKeys.js'
export { crossEntityEffects, type EntityEvent } from './crossEntityEffects.js'
export {
  createDatamintQueryClient,
  DatamintProvider,
  type DatamintProviderProps,
} from './DatamintProvider.js'
export {
  entityHooksFor,
  useAnnotations,
  useDatasets,
  useProjects,
  useResources,
  useUsers,
} from './entityHooks.js'
export type { MutationMode } from './entityMutations.js'
export { normalizeFilters } from './normalizeFilters.js'
export { flushUndoable, MutationUndoneError } from './undoableScheduler.js'
export type { UndoableMutationResult } from './useCacheMutation.js'
export { useDatamintApi } from './useDatamintApi.js'
export {
  type UseResourceFileOptions,
  type UseResourceFileResult,
  useResourceFile,
} from './useResourceFile.js'
