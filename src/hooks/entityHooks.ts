'use client'
import type { AnnotationsApi } from '../api/endpoints/AnnotationsApi.js'
import type { DatamintApi } from '../api/endpoints/DatamintApi.js'
import type { DatasetsApi } from '../api/endpoints/DatasetsApi.js'
import type { ProjectsApi } from '../api/endpoints/ProjectsApi.js'
import type { ResourcesApi } from '../api/endpoints/ResourcesApi.js'
import type { UsersApi } from '../api/endpoints/UsersApi.js'
import { weakMemo } from './core/weakMemo.js'
import { createEntityHooks, type EntityApiShape, type EntityHooks } from './createEntityHooks.js'
import { useDatamintApi } from './DatamintProvider.js'

/** `createEntityHooks(api)`, made once per API object. */
export const entityHooksFor = weakMemo(createEntityHooks) as <A extends EntityApiShape>(
  api: A,
) => EntityHooks<A>

/** The hooks of one API of the provider's client. */
const ready =
  <K extends 'projects' | 'resources' | 'annotations' | 'users' | 'datasets'>(name: K) =>
  (): EntityHooks<DatamintApi[K]> =>
    entityHooksFor(useDatamintApi()[name])

/**
 * The project hooks of the provider's client (full CRUD).
 *
 * @example
 * const projects = useProjects()
 * const { data } = projects.useList()
 */
export const useProjects: () => EntityHooks<ProjectsApi> = ready('projects')

/** The resource hooks of the provider's client (create and delete; no `usePatch`). */
export const useResources: () => EntityHooks<ResourcesApi> = ready('resources')

/** The annotation hooks of the provider's client. */
export const useAnnotations: () => EntityHooks<AnnotationsApi> = ready('annotations')

/** The user hooks of the provider's client (users are addressed by e-mail). */
export const useUsers: () => EntityHooks<UsersApi> = ready('users')

/** The dataset hooks of the provider's client. */
export const useDatasets: () => EntityHooks<DatasetsApi> = ready('datasets')
