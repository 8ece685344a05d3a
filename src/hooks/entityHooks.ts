'use client'
import type { DatamintApi } from '../api/endpoints/DatamintApi.js'
import { weakMemo } from './core/weakMemo.js'
import { createEntityHooks, type EntityApiShape, type EntityHooks } from './createEntityHooks.js'
import { useDatamintApi } from './DatamintProvider.js'

/** `createEntityHooks(api)`, made once per API object. */
export const entityHooksFor = weakMemo(createEntityHooks) as unknown as <A extends EntityApiShape>(
  api: A,
) => EntityHooks<A>

/** The fields of `DatamintApi` that are entity APIs (what `createEntityHooks` takes), e.g. `'projects'`. */
export type EntityApiName = {
  [K in keyof DatamintApi]: DatamintApi[K] extends EntityApiShape ? K : never
}[keyof DatamintApi]

/**
 * The hooks of one entity API of the provider's client, by its field name on `DatamintApi`.
 *
 * @example
 * const worklists = useEntityHooks('annotationWorklists')
 * const { data } = worklists.useList({ project: projectId })
 */
export function useEntityHooks<K extends EntityApiName>(name: K): EntityHooks<DatamintApi[K]> {
  return entityHooksFor(useDatamintApi()[name] as DatamintApi[K] & EntityApiShape)
}

const ready =
  <K extends EntityApiName>(name: K) =>
  (): EntityHooks<DatamintApi[K]> =>
    useEntityHooks(name)

/**
 * The project hooks of the provider's client (full CRUD).
 *
 * @example
 * const projects = useProjects()
 * const { data } = projects.useList()
 */
export const useProjects = ready('projects')

/** The resource hooks of the provider's client (create and delete; no `usePatch`). */
export const useResources = ready('resources')

/** The annotation hooks of the provider's client (`usePatch` changes `identifier`/`project_id`). */
export const useAnnotations = ready('annotations')

/** The user hooks of the provider's client (users are addressed by e-mail). */
export const useUsers = ready('users')

/** The dataset hooks of the provider's client. */
export const useDatasets = ready('datasets')

/** The annotation worklist hooks of the provider's client (lists need `{ project }`). */
export const useAnnotationWorklists = ready('annotationWorklists')

/**
 * One ready-made hook per entity field of `DatamintApi`, named `use` + the field: adding an entity API to
 * `DatamintApi` without its hook here fails the type check.
 */
export const readyMadeEntityHooks: {
  readonly [K in EntityApiName as `use${Capitalize<K>}`]: () => EntityHooks<DatamintApi[K]>
} = {
  useProjects,
  useResources,
  useAnnotations,
  useUsers,
  useDatasets,
  useAnnotationWorklists,
}
