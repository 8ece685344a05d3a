import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'
import { ItemNotFoundError, ValidationError } from '../../../src/api/errors.js'
import { KEY, projectJson, rejectionOf, startWire, userJson, uuid, type Wire } from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

describe('UsersApi (ids are e-mails)', () => {
  it('getById: GET /users/{email}; getAll: GET /users paged', async () => {
    wire.route((req) => ({
      json: req.path === '/users' ? [userJson('a@example.com')] : userJson('ann@example.com'),
    }))
    const user = await wire.api.users.getById('ann@example.com')
    expect(user.email).toBe('ann@example.com')
    expect(await wire.api.users.getAll(5)).toHaveLength(1)
    expect(wire.requests[0].path).toBe('/users/ann@example.com')
    expect(wire.requests[1].path).toBe('/users')
    expect(Object.fromEntries(wire.requests[1].query)).toEqual({ offset: '0', limit: '5' })
    await wire.api.users.getList({ limit: 2, offset: 3 })
    expect(wire.requests[2].path).toBe('/users')
    expect(Object.fromEntries(wire.requests[2].query)).toEqual({ offset: '3', limit: '2' })
  })

  it('an empty (or non-e-mail) id is refused before sending', async () => {
    for (const bad of ['', '   ', 'not-an-email']) {
      expect(await rejectionOf(() => wire.api.users.getById(bad))).toBeInstanceOf(ValidationError)
    }
    expect(await rejectionOf(() => wire.api.users.create({ email: '' }))).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(0)
  })

  it('create: POST /users with {email, password, firstname, lastname, roles}', async () => {
    wire.route(() => ({ json: userJson('ann@example.com') }))
    const user = await wire.api.users.create({
      email: 'ann@example.com',
      firstname: 'Ann',
      roles: ['annotator'],
    })
    expect(user.roles).toEqual(['annotator'])
    expect(wire.requests).toHaveLength(1)
    expect(wire.requests[0].method).toBe('POST')
    expect(wire.requests[0].path).toBe('/users')
    expect(wire.requests[0].json()).toEqual({
      email: 'ann@example.com',
      password: null,
      firstname: 'Ann',
      lastname: null,
      roles: ['annotator'],
    })
  })

  it('create: an id-only answer is the e-mail (returnEntity: false), or read back', async () => {
    wire.route((req) =>
      req.method === 'POST' ? { json: 'bob@example.com' } : { json: userJson('bob@example.com') },
    )
    expect(
      await wire.api.users.create({ email: 'bob@example.com', password: 's3cret' }, { returnEntity: false }),
    ).toBe('bob@example.com')
    expect((await wire.api.users.create({ email: 'bob@example.com' })).email).toBe('bob@example.com')
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /users',
      'POST /users',
      'GET /users/bob@example.com',
    ])
    expect((wire.requests[0].json() as { password: string }).password).toBe('s3cret')
  })
})

describe('DatasetsApi', () => {
  const dataset = {
    id: uuid(70),
    name: 'Chest',
    created_at: '2025-01-01',
    created_by: 'a@example.com',
    description: null,
    customer_id: uuid(800),
    updated_at: null,
    total_resource: '12',
    resource_ids: [uuid(1)],
  }

  it('getAll / getById / delete on /datasets; 404 names the dataset', async () => {
    wire.route((req) => ({ json: req.path === '/datasets' ? { data: [dataset], totalCount: 1 } : dataset }))
    const all = await wire.api.datasets.getAll()
    expect(all[0].total_resource).toBe(12)
    await wire.api.datasets.getById(uuid(70))
    await wire.api.datasets.delete(uuid(70))
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /datasets',
      `GET /datasets/${uuid(70)}`,
      `DELETE /datasets/${uuid(70)}`,
    ])
    wire.route(() => ({ status: 404, json: { message: 'gone' } }))
    const e = await rejectionOf(() => wire.api.datasets.delete(uuid(70)))
    expect(e).toBeInstanceOf(ItemNotFoundError)
    expect((e as ItemNotFoundError).itemType).toBe('dataset')
    expect(await rejectionOf(() => wire.api.datasets.delete('x'))).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(4)
  })

  it('bulkDelete: one DELETE /datasets/{id} each', async () => {
    await wire.api.datasets.bulkDelete([uuid(71), dataset as never])
    expect(wire.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `DELETE /datasets/${uuid(70)}`,
      `DELETE /datasets/${uuid(71)}`,
    ])
  })
})

describe('ChannelsApi', () => {
  const channel = {
    channel_name: 'site-A',
    resource_data: [
      {
        created_by: 'a@example.com',
        customer_id: uuid(800),
        resource_id: uuid(1),
        resource_file_name: 'a.dcm',
        resource_mimetype: 'application/dicom',
      },
    ],
    deleted: false,
    resource_count: '1',
  }

  it('GET /resources/channels, paged; the nested list shape is normalised', async () => {
    wire.route(() => ({
      json: { data: [{ channels: [channel, { ...channel, channel_name: null }] }], totalCount: 1 },
    }))
    const channels = await wire.api.channels.getAll()
    expect(channels.map((c) => c.channel_name)).toEqual(['site-A', null])
    expect(channels[0].resource_count).toBe(1)
    const [req] = wire.requests
    expect(req.method).toBe('GET')
    expect(req.path).toBe('/resources/channels')
    expect(Object.fromEntries(req.query)).toEqual({ offset: '0', limit: '5000' })
    await wire.api.channels.getList({ projectName: 'Liver', limit: 1, offset: 4 })
    expect(Object.fromEntries(wire.requests[1].query)).toEqual({
      project_name: 'Liver',
      offset: '4',
      limit: '1',
    })
  })

  it('a channel that does not fit names the field', async () => {
    wire.route(() => ({
      json: [{ ...channel, resource_data: [{ ...channel.resource_data[0], resource_id: 5 }] }],
    }))
    const e = await rejectionOf(() => wire.api.channels.getAll())
    expect((e as ValidationError).field).toBe('channels[0].resource_data[0].resource_id')
  })
})

describe('DatamintApi', () => {
  it('every entity API shares one client and the config; calls carry the key', async () => {
    const api = wire.api
    const apis = [api.projects, api.resources, api.annotations, api.users, api.datasets, api.channels]
    for (const sub of apis) {
      expect(sub.client).toBe(api.client)
      expect(sub.config).toBe(api.config)
    }
    wire.route(() => ({ json: [projectJson(uuid(1))] }))
    await api.projects.getAll()
    expect(wire.requests[0].headers.apikey).toBe(KEY)
  })

  it('takes an ApiConfig or its init; a bad server URL is refused', () => {
    const config = new ApiConfig({ serverUrl: 'https://api.datamint.io/', apiKey: 'k' })
    expect(new DatamintApi(config).config).toBe(config)
    const fromInit = new DatamintApi({ serverUrl: 'https://stagingapi.datamint.io', timeout: 5 })
    expect(fromInit.config.timeout).toBe(5)
    expect(fromInit.config.webAppUrl).toBe('https://staging.datamint.io')
    expect(() => new DatamintApi({ serverUrl: 'ftp://x' })).toThrow(ValidationError)
  })
})
