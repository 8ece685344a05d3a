// The concrete APIs expose exactly the operations their server endpoints support.
import { describe, expectTypeOf, it } from 'vitest'
import type { Creatable, Deletable, Patchable } from '../../src/api/crud/capabilities.js'
import type { CallOptions, EntityOf, FiltersOf } from '../../src/api/crud/types.js'
import type { AnnotationsApi } from '../../src/api/endpoints/AnnotationsApi.js'
import type { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import type { DatasetsApi } from '../../src/api/endpoints/DatasetsApi.js'
import type { ProjectsApi } from '../../src/api/endpoints/ProjectsApi.js'
import type { ResourcesApi } from '../../src/api/endpoints/ResourcesApi.js'
import type { UsersApi } from '../../src/api/endpoints/UsersApi.js'
import type { Annotation } from '../../src/api/models/Annotation.js'
import type { Dataset } from '../../src/api/models/Dataset.js'
import type { Project } from '../../src/api/models/Project.js'
import type { Resource } from '../../src/api/models/Resource.js'
import type { User } from '../../src/api/models/User.js'

describe('concrete API capabilities', () => {
  it('ProjectsApi: full CRUD', () => {
    expectTypeOf<EntityOf<ProjectsApi>>().toEqualTypeOf<Project>()
    expectTypeOf<ProjectsApi>().toExtend<Patchable<Project> & Deletable<Project>>()
    expectTypeOf<ProjectsApi>().toHaveProperty('create')
    expectTypeOf<ProjectsApi['patch']>().returns.resolves.toEqualTypeOf<Project>()
  })

  it('ResourcesApi: create and delete, no patch', () => {
    expectTypeOf<EntityOf<ResourcesApi>>().toEqualTypeOf<Resource>()
    expectTypeOf<ResourcesApi>().toHaveProperty('create')
    expectTypeOf<ResourcesApi>().toExtend<Deletable<Resource>>()
    expectTypeOf<ResourcesApi>().not.toHaveProperty('patch')
    expectTypeOf<ResourcesApi>().not.toHaveProperty('partialUpdate')
    expectTypeOf<ResourcesApi['bulkDelete']>().parameters.toEqualTypeOf<
      [ReadonlyArray<string | Resource>, CallOptions?]
    >()
  })

  it('AnnotationsApi: create and delete, typed by Annotation', () => {
    expectTypeOf<EntityOf<AnnotationsApi>>().toEqualTypeOf<Annotation>()
    expectTypeOf<AnnotationsApi>().toExtend<Deletable<Annotation>>()
    expectTypeOf<AnnotationsApi>().toHaveProperty('create')
  })

  it('UsersApi: create only', () => {
    expectTypeOf<EntityOf<UsersApi>>().toEqualTypeOf<User>()
    expectTypeOf<UsersApi>().toExtend<Creatable<User, Parameters<UsersApi['create']>[0]>>()
    expectTypeOf<UsersApi>().not.toHaveProperty('patch')
    expectTypeOf<UsersApi>().not.toHaveProperty('delete')
    expectTypeOf<UsersApi>().not.toHaveProperty('bulkDelete')
  })

  it('DatasetsApi: delete only', () => {
    expectTypeOf<EntityOf<DatasetsApi>>().toEqualTypeOf<Dataset>()
    expectTypeOf<DatasetsApi>().toExtend<Deletable<Dataset>>()
    expectTypeOf<DatasetsApi>().not.toHaveProperty('create')
    expectTypeOf<DatasetsApi>().not.toHaveProperty('patch')
  })

  it('list filters include limit and offset', () => {
    expectTypeOf<FiltersOf<ResourcesApi>>().toHaveProperty('limit')
    expectTypeOf<FiltersOf<ResourcesApi>>().toHaveProperty('offset')
    expectTypeOf<FiltersOf<ProjectsApi>>().toHaveProperty('limit')
  })

  it('DatamintApi groups them', () => {
    expectTypeOf<DatamintApi['projects']>().toEqualTypeOf<ProjectsApi>()
    expectTypeOf<DatamintApi['users']>().not.toHaveProperty('delete')
  })
})
