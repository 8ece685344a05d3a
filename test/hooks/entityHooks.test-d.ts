import {
  type InfiniteData,
  type QueryClient,
  skipToken,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type Annotation,
  type AnnotationsApi,
  type ConvertedData,
  createEntityHooks,
  DatamintApi,
  type DatamintError,
  type EntityHooks,
  type FiltersOf,
  type NewProject,
  type NewResource,
  type Page,
  type PatchVariables,
  type Project,
  type ProjectFilters,
  type ProjectsApi,
  type Resource,
  type ResourcesApi,
  type User,
  useAnnotations,
  useAnnotationWorklists,
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
    expectTypeOf(projects).toHaveProperty('usePage')
  })

  it('derives useDelete from delete and useBulkDelete from bulkDelete, each on its own', () => {
    const api = {} as Pick<
      ProjectsApi,
      'config' | 'endpointBase' | 'getEntityId' | 'readId' | 'getById' | 'getList'
    >
    const onlyDelete = createEntityHooks(api as typeof api & Pick<ProjectsApi, 'delete'>)
    expectTypeOf(onlyDelete).toHaveProperty('useDelete')
    expectTypeOf(onlyDelete).not.toHaveProperty('useBulkDelete')
    expectTypeOf(onlyDelete).not.toHaveProperty('usePage')
    const onlyBulk = createEntityHooks(api as typeof api & Pick<ProjectsApi, 'bulkDelete'>)
    expectTypeOf(onlyBulk).toHaveProperty('useBulkDelete')
    expectTypeOf(onlyBulk).not.toHaveProperty('useDelete')
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
    expectTypeOf(useAnnotations()).toEqualTypeOf<EntityHooks<AnnotationsApi>>()
    expectTypeOf(useAnnotationWorklists()).toHaveProperty('usePatch')
  })
})

describe('inference', () => {
  it('infers entities for reads', () => {
    expectTypeOf(projects.useGetById('id')).toEqualTypeOf<UseQueryResult<Project, DatamintError>>()
    expectTypeOf(projects.useGetById(skipToken).data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(projects.useList(skipToken).data).toEqualTypeOf<Project[] | undefined>()
    // The error is a DatamintError: its status needs no cast.
    expectTypeOf(projects.useGetById('id').error?.status).toEqualTypeOf<number | undefined>()
    expectTypeOf(projects.usePatch().error).toEqualTypeOf<DatamintError | null>()
    expectTypeOf(projects.useGetById(undefined).data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(resources.useList().data).toEqualTypeOf<Resource[] | undefined>()
    expectTypeOf(users.useSuspenseGetById('a@b.c').data).toEqualTypeOf<User>()
    expectTypeOf(annotations.useSuspenseList().data).toEqualTypeOf<Annotation[]>()
    expectTypeOf(projects.useInfiniteList().data).toEqualTypeOf<InfiniteData<Project[], number> | undefined>()
    expectTypeOf(projects.useGetById('id', { select: (p) => p.name }).data).toEqualTypeOf<
      string | undefined
    >()
  })

  it('types filters by the API; a list may name one window', () => {
    expectTypeOf<FiltersOf<ProjectsApi>>().toEqualTypeOf<
      ProjectFilters & { limit?: number; offset?: number }
    >()
    resources.useList({ status: 'inbox', tags: ['a'] })
    // @ts-expect-error not a resource filter
    resources.useList({ notAFilter: 1 })
    // The README's example: one page of 50.
    projects.useList({ limit: 50 })
    projects.useList({ limit: 50, offset: 100 })
    // @ts-expect-error the infinite list owns the window
    projects.useInfiniteList({ limit: 3 })
  })

  it('types usePage by the API: a window and filters in, items and the total out', () => {
    expectTypeOf(projects.usePage({ offset: 0, limit: 20 }).data).toEqualTypeOf<Page<Project> | undefined>()
    expectTypeOf(
      resources.usePage({ offset: 20, limit: 20, status: 'inbox' }).data?.totalCount,
    ).toEqualTypeOf<number | undefined>()
    projects.usePage(skipToken)
    // @ts-expect-error a page needs its window
    projects.usePage({ offset: 0 })
    expectTypeOf(api.projects.getPage({ offset: 0, limit: 1 })).resolves.toEqualTypeOf<Page<Project>>()
  })

  it('types mutation variables and results', () => {
    expectTypeOf(projects.usePatch().mutate).parameter(0).toEqualTypeOf<PatchVariables<Project>>()
    expectTypeOf(projects.usePatch().data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(projects.useCreate().mutate).parameter(0).toEqualTypeOf<NewProject>()
    // returnEntity (default true) types the entity; false the id.
    expectTypeOf(projects.useCreate()).toEqualTypeOf<UseMutationResult<Project, DatamintError, NewProject>>()
    expectTypeOf(projects.useCreate({ returnEntity: true }).data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(projects.useCreate({ returnEntity: false }).data).toEqualTypeOf<string | undefined>()
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

  it("takes usePatch's data from the API's own patch parameter", () => {
    const annotationPatch = annotations.usePatch()
    expectTypeOf(annotationPatch.mutate)
      .parameter(0)
      .toEqualTypeOf<PatchVariables<Annotation, { identifier?: string; project_id?: string }>>()
    annotationPatch.mutate({ entity: 'id', data: { identifier: 'tumor' } })
    const entity = {} as Annotation
    const { mutate } = useAnnotations().usePatch()
    // @ts-expect-error AnnotationsApi.patch takes { identifier?, project_id? }, not any annotation field
    mutate({ entity, data: { status: 'published' } })
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
