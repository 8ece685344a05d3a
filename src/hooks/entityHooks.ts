'use client'
import type { AnnotationsApi } from '../api/endpoints/AnnotationsApi.js'
import type { DatasetsApi } from '../api/endpoints/DatasetsApi.js'
import type { ProjectsApi } from '../api/endpoints/ProjectsApi.js'
import type { ResourcesApi } from '../api/endpoints/ResourcesApi.js'
import type { UsersApi } from '../api/endpoints/UsersApi.js'
import { createEntityHooks, type EntityApiShape, type EntityHooks } from './createEntityHooks.js'
import { useDatamintApi } from './useDatamintApi.js'
import { weakMemo } from './weakMemo.js'

const memo = weakMemo((api: EntityApiShape) => createEntityHooks(api))

/** `createEntityHooks(api)`, made once per API object. */
export function entityHooksFor<A extends EntityApiShape>(api: A): EntityHooks<A> {
  return memo(api) as EntityHooks<A>
}

/**
 * The project hooks of the provider's client (full CRUD).
 *
 * @example
 * const projects = useProjects()
 * const { data } = projects.useList()
 */
export function useProjects(): EntityHooks<ProjectsApi> {
  return entityHooksFor(useDatamintApi().projects)
}

/** The resource hooks of the provider's client (create and delete; no `usePatch`). */
export function useResources(): EntityHooks<ResourcesApi> {
  return entityHooksFor(useDatamintApi().resources)
}

/** The annotation hooks of the provider's client. */
export function useAnnotations(): EntityHooks<AnnotationsApi> {
  return entityHooksFor(useDatamintApi().annotations)
}

/** The user hooks of the provider's client (users are addressed by e-mail). */
export function useUsers(): EntityHooks<UsersApi> {
  return entityHooksFor(useDatamintApi().users)
}

/** The dataset hooks of the provider's client. */
export function useDatasets(): EntityHooks<DatasetsApi> {
  return entityHooksFor(useDatamintApi().datasets)
}
