import { describe, expectTypeOf, it } from 'vitest'
import { ApiConfig } from '../../src/api/ApiConfig.js'
import { CRUDEntityApi } from '../../src/api/crud/CRUDEntityApi.js'
import { CreatableEntityApi, withCreate } from '../../src/api/crud/CreatableEntityApi.js'
import type { Creatable, Deletable, Patchable } from '../../src/api/crud/capabilities.js'
import { DeletableEntityApi, withDelete } from '../../src/api/crud/DeletableEntityApi.js'
import { EntityBaseApi } from '../../src/api/crud/EntityBaseApi.js'
import { UpdatableEntityApi, withPatch } from '../../src/api/crud/PatchableEntityApi.js'
import type { CallOptions, CreateInputOf, EntityOf, FiltersOf } from '../../src/api/crud/types.js'

interface Thing {
  id: string
  name: string
  count: number
}
interface ThingFilters {
  status?: 'inbox' | 'published'
}
interface NewThing {
  name: string
}
const parseThing = (raw: unknown) => raw as Thing

// The shapes of the concrete APIs: Resources (create + delete, own bulkDelete), Users (create only),
// Datasets (delete only), Projects (CRUD).
class ResourcesLike extends withDelete(withCreate(EntityBaseApi<Thing, ThingFilters, NewThing>)) {
  override async bulkDelete(entities: ReadonlyArray<string | Thing>, options?: CallOptions): Promise<void> {
    const ids = entities.map((e) => this.getEntityId(e))
    await this.requestJson('DELETE', this.endpointBase, {
      searchParams: { resource_ids: ids.join(',') },
      ...options,
    })
  }
}
class UsersLike extends withCreate(EntityBaseApi<Thing>) {}
class DatasetsLike extends withDelete(EntityBaseApi<Thing>) {}
class ProjectsLike extends withPatch(withDelete(withCreate(EntityBaseApi<Thing, ThingFilters, NewThing>))) {}

const config = new ApiConfig({ serverUrl: 'http://127.0.0.1:1' })

describe('capability typing', () => {
  it('a create-only API has create but no patch or delete', () => {
    const users = new UsersLike(config, parseThing, 'users')
    expectTypeOf(users).toHaveProperty('create')
    expectTypeOf(users).not.toHaveProperty('patch')
    expectTypeOf(users).not.toHaveProperty('partialUpdate')
    expectTypeOf(users).not.toHaveProperty('delete')
    expectTypeOf(users).not.toHaveProperty('bulkDelete')
    expectTypeOf(users).toExtend<Creatable<Thing>>()
    expectTypeOf(users).not.toExtend<Patchable<Thing>>()
  })

  it('a delete-only API has delete and bulkDelete but no create', () => {
    const datasets = new DatasetsLike(config, parseThing, 'datasets')
    expectTypeOf(datasets).toHaveProperty('delete')
    expectTypeOf(datasets).toHaveProperty('bulkDelete')
    expectTypeOf(datasets).not.toHaveProperty('create')
    expectTypeOf(datasets).not.toHaveProperty('patch')
    expectTypeOf(datasets).toExtend<Deletable<Thing>>()
  })

  it('create + delete keeps both and a subclass override', () => {
    const resources = new ResourcesLike(config, parseThing, 'resources')
    expectTypeOf(resources.create).toBeFunction()
    expectTypeOf(resources.bulkDelete).parameters.toEqualTypeOf<
      [ReadonlyArray<string | Thing>, CallOptions?]
    >()
    expectTypeOf(resources).not.toHaveProperty('patch')
    expectTypeOf(resources.getById).returns.resolves.toEqualTypeOf<Thing>()
  })

  it('a CRUD API built from mixins has everything, typed by the entity', () => {
    const projects = new ProjectsLike(config, parseThing, 'projects')
    expectTypeOf(projects.patch).parameters.toEqualTypeOf<[string | Thing, Partial<Thing>, CallOptions?]>()
    expectTypeOf(projects.patch).returns.resolves.toEqualTypeOf<Thing>()
    expectTypeOf(projects).toExtend<Creatable<Thing, NewThing> & Patchable<Thing> & Deletable<Thing>>()
  })

  it('create resolves to the entity, or to the id with returnEntity: false', () => {
    const projects = new ProjectsLike(config, parseThing, 'projects')
    expectTypeOf(projects.create({ name: 'a' })).resolves.toEqualTypeOf<Thing>()
    expectTypeOf(projects.create({ name: 'a' }, { returnEntity: false })).resolves.toEqualTypeOf<string>()
    expectTypeOf(
      projects.create({ name: 'a' }, { returnEntity: true, existsOk: true }),
    ).resolves.toEqualTypeOf<Thing>()
    // @ts-expect-error create takes the API's create input, not any object
    projects.create({ nope: 1 })
  })

  it('the generic classes expose exactly their capability', () => {
    const c = new CreatableEntityApi<Thing>(config, parseThing, 'things')
    const u = new UpdatableEntityApi<Thing>(config, parseThing, 'things')
    const d = new DeletableEntityApi<Thing>(config, parseThing, 'things')
    const crud = new CRUDEntityApi<Thing>(config, parseThing, 'things')
    expectTypeOf(c).not.toHaveProperty('patch')
    expectTypeOf(u).not.toHaveProperty('create')
    expectTypeOf(u).not.toHaveProperty('delete')
    expectTypeOf(d).not.toHaveProperty('create')
    expectTypeOf(crud).toExtend<Creatable<Thing> & Patchable<Thing> & Deletable<Thing>>()
    expectTypeOf(new EntityBaseApi<Thing>(config, parseThing, 'things')).not.toHaveProperty('create')
  })

  it('EntityOf, FiltersOf and CreateInputOf read an API type', () => {
    expectTypeOf<EntityOf<ResourcesLike>>().toEqualTypeOf<Thing>()
    expectTypeOf<EntityOf<CRUDEntityApi<Thing>>>().toEqualTypeOf<Thing>()
    expectTypeOf<FiltersOf<ProjectsLike>>().toEqualTypeOf<
      ThingFilters & { limit?: number; offset?: number }
    >()
    expectTypeOf<CreateInputOf<ProjectsLike>>().toEqualTypeOf<NewThing>()
    expectTypeOf<CreateInputOf<UsersLike>>().toEqualTypeOf<Partial<Thing>>()
  })

  it('getList takes the API filters plus limit/offset', () => {
    const resources = new ResourcesLike(config, parseThing, 'resources')
    expectTypeOf(resources.getList).toBeCallableWith({ status: 'inbox', limit: 10, offset: 5 })
    // @ts-expect-error unknown status value
    resources.getList({ status: 'bogus' })
  })
})
