import { describe, expectTypeOf, it } from 'vitest'
import type { Creatable, Deletable, Patchable } from '../../src/api/crud/capabilities.js'
import type { EntityOf, FiltersOf } from '../../src/api/crud/types.js'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import type { ProjectsApi } from '../../src/api/endpoints/ProjectsApi.js'
import type { ResourcesApi } from '../../src/api/endpoints/ResourcesApi.js'
import type { ConvertedData } from '../../src/api/format/ConvertedData.js'
import type { Annotation } from '../../src/api/models/Annotation.js'
import type { Channel } from '../../src/api/models/Channel.js'
import type { Dataset } from '../../src/api/models/Dataset.js'
import type { Project } from '../../src/api/models/Project.js'
import type { Resource } from '../../src/api/models/Resource.js'
import type { User } from '../../src/api/models/User.js'
import { field, objectSchema } from '../../src/api/schema.js'

const api = new DatamintApi({ serverUrl: 'https://api.datamint.io', apiKey: 'k' })

describe('capabilities of the concrete APIs', () => {
  it('ProjectsApi has every operation', () => {
    expectTypeOf(api.projects).toHaveProperty('create')
    expectTypeOf(api.projects).toHaveProperty('patch')
    expectTypeOf(api.projects).toHaveProperty('partialUpdate')
    expectTypeOf(api.projects).toHaveProperty('delete')
    expectTypeOf(api.projects).toHaveProperty('bulkDelete')
    expectTypeOf(api.projects).toHaveProperty('getProjectResources')
    expectTypeOf(api.projects).toMatchTypeOf<
      Creatable<Project, unknown> & Patchable<Project> & Deletable<Project>
    >()
  })

  it('ResourcesApi has create and delete but no patch', () => {
    expectTypeOf(api.resources).toHaveProperty('create')
    expectTypeOf(api.resources).toHaveProperty('delete')
    expectTypeOf(api.resources).toHaveProperty('bulkDelete')
    expectTypeOf(api.resources).not.toHaveProperty('patch')
    expectTypeOf(api.resources).not.toHaveProperty('partialUpdate')
    expectTypeOf(api.resources).not.toMatchTypeOf<Patchable<Resource>>()
  })

  it('AnnotationsApi creates, patches (identifier/project_id) and deletes', () => {
    expectTypeOf(api.annotations).toHaveProperty('create')
    expectTypeOf(api.annotations).toHaveProperty('patch')
    expectTypeOf(api.annotations).toHaveProperty('delete')
    expectTypeOf(api.annotations.patch)
      .parameter(1)
      .toEqualTypeOf<{ identifier?: string; project_id?: string }>()
  })

  it('UsersApi only creates; DatasetsApi only deletes; ChannelsApi only reads lists', () => {
    expectTypeOf(api.users).toHaveProperty('create')
    expectTypeOf(api.users).not.toHaveProperty('patch')
    expectTypeOf(api.users).not.toHaveProperty('delete')
    expectTypeOf(api.datasets).toHaveProperty('delete')
    expectTypeOf(api.datasets).not.toHaveProperty('create')
    expectTypeOf(api.datasets).not.toHaveProperty('patch')
    expectTypeOf(api.channels).toHaveProperty('getAll')
    expectTypeOf(api.channels).not.toHaveProperty('getById')
    expectTypeOf(api.channels).not.toHaveProperty('create')
    expectTypeOf(api.channels).not.toHaveProperty('delete')
  })
})

describe('entity types are inferred', () => {
  it('getById / getList / getAll resolve to the entity type', () => {
    expectTypeOf(api.projects.getById).returns.toEqualTypeOf<Promise<Project>>()
    expectTypeOf(api.projects.getList).returns.toEqualTypeOf<Promise<Project[]>>()
    expectTypeOf(api.resources.getById).returns.toEqualTypeOf<Promise<Resource>>()
    expectTypeOf(api.annotations.getList).returns.toEqualTypeOf<Promise<Annotation[]>>()
    expectTypeOf(api.users.getById).returns.toEqualTypeOf<Promise<User>>()
    expectTypeOf(api.datasets.getAll).returns.toEqualTypeOf<Promise<Dataset[]>>()
    expectTypeOf(api.channels.getAll).returns.toEqualTypeOf<Promise<Channel[]>>()
    expectTypeOf<EntityOf<ProjectsApi>>().toEqualTypeOf<Project>()
    expectTypeOf<EntityOf<ResourcesApi>>().toEqualTypeOf<Resource>()
  })

  it('create resolves to the entity, or to the id with returnEntity: false', () => {
    expectTypeOf(api.projects.create({ name: 'p' })).toEqualTypeOf<Promise<Project>>()
    expectTypeOf(api.projects.create({ name: 'p' }, { returnEntity: false })).toEqualTypeOf<Promise<string>>()
    expectTypeOf(api.users.create({ email: 'a@b.c' })).toEqualTypeOf<Promise<User>>()
    const file = new Uint8Array(4)
    expectTypeOf(api.resources.create({ file, filename: 'a.dcm' })).toEqualTypeOf<Promise<Resource>>()
    expectTypeOf(
      api.annotations.createForResource('r', { type: 'label', identifier: 'x', scope: 'image' }),
    ).toEqualTypeOf<Promise<string>>()
    expectTypeOf(
      api.annotations.createForResource('r', [{ type: 'label', identifier: 'x', scope: 'image' }]),
    ).toEqualTypeOf<Promise<string[]>>()
  })

  it('downloadResourceFile: ConvertedData by default, bytes with autoConvert: false', () => {
    expectTypeOf(api.resources.downloadResourceFile('id')).toEqualTypeOf<Promise<ConvertedData>>()
    expectTypeOf(api.resources.downloadResourceFile('id', { autoConvert: false })).toEqualTypeOf<
      Promise<Uint8Array>
    >()
    expectTypeOf(api.annotations.downloadFile('id')).toEqualTypeOf<Promise<Uint8Array>>()
    expectTypeOf(api.annotations.downloadFile('id', { autoConvert: true })).toEqualTypeOf<
      Promise<ConvertedData>
    >()
  })

  it('filters are typed (camelCase) and checked', () => {
    expectTypeOf<FiltersOf<ResourcesApi>>().toHaveProperty('orderField')
    expectTypeOf<FiltersOf<ResourcesApi>>().toHaveProperty('projectName')
    // @ts-expect-error: not a field resources can be ordered by
    api.resources.getList({ orderField: 'size' })
    // @ts-expect-error: wire names are not the filter names
    api.resources.getList({ order_field: 'filename' })
    // @ts-expect-error: annotation status is 'new' | 'published'
    api.annotations.getList({ status: 'archived' })
    // @ts-expect-error: resources have no patch
    api.resources.patch
  })
})

describe('schemas are checked against their entity type', () => {
  interface Thing {
    id: string
    note: string | null
    count?: number
  }
  it('a field of the wrong kind, nullability or optionality does not compile', () => {
    objectSchema<Thing>('thing', {
      id: field.string(),
      // @ts-expect-error: note may be null
      note: field.string(),
      count: field.number().optional(),
    })
    objectSchema<Thing>('thing', {
      id: field.string(),
      note: field.string().nullable(),
      // @ts-expect-error: count may be missing
      count: field.number(),
    })
    objectSchema<Thing>('thing', {
      // @ts-expect-error: id is a string
      id: field.number(),
      note: field.string().nullable(),
      count: field.number().optional(),
    })
    // @ts-expect-error: every field of the type needs a schema field
    objectSchema<Thing>('thing', { id: field.string(), note: field.string().nullable() })
    const schema = objectSchema<Thing>('t', {
      id: field.string(),
      note: field.string().nullable(),
      count: field.number().optional(),
    })
    expectTypeOf(schema.parse({})).toEqualTypeOf<Thing>()
    expectTypeOf(schema.parseList([])).toEqualTypeOf<Thing[]>()
  })
})
