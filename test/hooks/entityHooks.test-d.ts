import type { InfiniteData, QueryClient, UseQueryResult } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type Annotation,
  type ConvertedData,
  createEntityHooks,
  DatamintApi,
  type EntityHooks,
  type NewProject,
  type NewResource,
  type PatchVariables,
  type Project,
  type ProjectFilters,
  type ProjectsApi,
  type Resource,
  type ResourcesApi,
  type User,
  useProjects,
  useResourceFile,
  useResources,
} from '../../src/index.js'

const api = new DatamintApi({ serverUrl: 'https://api.datamint.io' })
const projects = createEntityHooks(api.projects)
const resources = createEntityHooks(api.resources)
const users = createEntityHooks(api.users)
const datasets = createEntityHooks(api.datasets)
const annotations = createEntityHooks(api.annotations)

describe('capabilities', () => {
  it('gives each API exactly the write hooks it supports', () => {
    expectTypeOf(projects).toHaveProperty('useCreate')
    expectTypeOf(projects).toHaveProperty('usePatch')
    expectTypeOf(projects).toHaveProperty('useDelete')
    expectTypeOf(projects).toHaveProperty('useBulkDelete')
    expectTypeOf(resources).not.toHaveProperty('usePatch')
    expectTypeOf(resources).toHaveProperty('useCreate')
    expectTypeOf(resources).toHaveProperty('useDelete')
    expectTypeOf(users).toHaveProperty('useCreate')
    expectTypeOf(users).not.toHaveProperty('usePatch')
    expectTypeOf(users).not.toHaveProperty('useDelete')
    expectTypeOf(datasets).not.toHaveProperty('useCreate')
    expectTypeOf(datasets).toHaveProperty('useBulkDelete')
    expectTypeOf(annotations).toHaveProperty('usePatch')
  })

  it('rejects calls an API cannot make', () => {
    // @ts-expect-error resources cannot be patched
    resources.usePatch()
    // @ts-expect-error users cannot be deleted
    users.useDelete()
  })

  it('ready-made hooks have the same types as createEntityHooks', () => {
    expectTypeOf(useProjects()).toEqualTypeOf<EntityHooks<ProjectsApi>>()
    expectTypeOf(useResources()).toEqualTypeOf<EntityHooks<ResourcesApi>>()
  })
})

describe('inference', () => {
  it('infers entities for reads', () => {
    expectTypeOf(projects.useGetById('id')).toEqualTypeOf<UseQueryResult<Project, Error>>()
    expectTypeOf(projects.useGetById(undefined).data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(resources.useList().data).toEqualTypeOf<Resource[] | undefined>()
    expectTypeOf(users.useSuspenseGetById('a@b.c').data).toEqualTypeOf<User>()
    expectTypeOf(annotations.useSuspenseList().data).toEqualTypeOf<Annotation[]>()
    expectTypeOf(projects.useInfiniteList().data).toEqualTypeOf<InfiniteData<Project[], number> | undefined>()
    expectTypeOf(projects.useGetById('id', { select: (p) => p.name }).data).toEqualTypeOf<
      string | undefined
    >()
  })

  it('types filters by the API', () => {
    expectTypeOf(projects.useList)
      .parameter(0)
      .toEqualTypeOf<Omit<ProjectFilters, 'limit' | 'offset'> | undefined>()
    resources.useList({ status: 'inbox', tags: ['a'] })
    // @ts-expect-error not a resource filter
    resources.useList({ notAFilter: 1 })
    // @ts-expect-error limit/offset belong to the hooks (useInfiniteList pages)
    projects.useList({ limit: 3 })
  })

  it('types mutation variables and results', () => {
    expectTypeOf(projects.usePatch().mutate).parameter(0).toEqualTypeOf<PatchVariables<Project>>()
    expectTypeOf(projects.usePatch().data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(projects.useCreate().mutate).parameter(0).toEqualTypeOf<NewProject>()
    expectTypeOf(resources.useCreate().mutate).parameter(0).toEqualTypeOf<NewResource>()
    expectTypeOf(resources.useDelete().mutate).parameter(0).toEqualTypeOf<string | Resource>()
    expectTypeOf(resources.useBulkDelete().mutate)
      .parameter(0)
      .toEqualTypeOf<ReadonlyArray<string | Resource>>()
    expectTypeOf(projects.usePatch().undo).toEqualTypeOf<() => boolean>()
    projects.usePatch({ mutationMode: 'undoable', undoTimeout: 3000 })
    // @ts-expect-error not a mode
    projects.usePatch({ mutationMode: 'eventually' })
    // @ts-expect-error data must be a partial project
    projects.usePatch().mutate({ entity: 'id', data: { name: 3 } })
  })

  it('tags queryOptions keys with their data', () => {
    const client = {} as QueryClient
    expectTypeOf(client.getQueryData(projects.queries.detail('id').queryKey)).toEqualTypeOf<
      Project | undefined
    >()
    expectTypeOf(client.getQueryData(resources.queries.list({}).queryKey)).toEqualTypeOf<
      Resource[] | undefined
    >()
  })

  it('types useResourceFile by autoConvert', () => {
    expectTypeOf(useResourceFile('id').data).toEqualTypeOf<ConvertedData | undefined>()
    expectTypeOf(useResourceFile('id', { autoConvert: false }).data).toEqualTypeOf<Uint8Array | undefined>()
  })
})
