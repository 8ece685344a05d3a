import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ItemNotFoundError, ValidationError } from '../../../src/api/errors.js'
import { rejectionOf, resourceJson, startWire, userJson, uuid, type Wire } from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const seen = () => wire.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`)
const D = uuid(70)
const P = uuid(1)

describe('UsersApi management', () => {
  it('invite: POST /users/invite with the set fields in wire names', async () => {
    wire.route(() => ({ json: { status: 'sent' } }))
    expect(
      await wire.api.users.invite('bob@example.com', {
        firstname: 'Bob',
        lastname: 'User',
        returnUrl: 'https://app.datamint.io/return',
        project: P,
        projectRoles: ['PROJECT_ANNOTATOR'],
        annotationWorklistId: uuid(51),
      }),
    ).toEqual({ status: 'sent' })
    expect(seen()).toEqual(['POST /users/invite'])
    expect(wire.requests[0].json()).toEqual({
      email: 'bob@example.com',
      firstname: 'Bob',
      lastname: 'User',
      return_url: 'https://app.datamint.io/return',
      project_id: P,
      project_roles: ['PROJECT_ANNOTATOR'],
      annotation_worklist_id: uuid(51),
    })
    await wire.api.users.invite('c@example.com')
    expect(wire.requests[1].json()).toEqual({ email: 'c@example.com' })
    expect(await rejectionOf(() => wire.api.users.invite(''))).toBeInstanceOf(ValidationError)
  })

  it('getByEmail / updateUser (PATCH, read back) / deleteUser', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? userJson('ann@example.com') : {} }))
    expect((await wire.api.users.getByEmail('ann@example.com')).email).toBe('ann@example.com')
    expect(
      (await wire.api.users.updateUser('ann@example.com', { roles: ['reviewer'], lastname: undefined }))
        .email,
    ).toBe('ann@example.com')
    await wire.api.users.deleteUser('ann@example.com')
    expect(seen()).toEqual([
      'GET /users/ann@example.com',
      'PATCH /users/ann@example.com',
      'GET /users/ann@example.com',
      'DELETE /users/ann@example.com',
    ])
    expect(wire.requests[1].json()).toEqual({ roles: ['reviewer'] })
    wire.route(() => ({ status: 404, json: { message: 'User not found' } }))
    const e = (await rejectionOf(() => wire.api.users.deleteUser('ann@example.com'))) as ItemNotFoundError
    expect([e.itemType, e.itemId]).toEqual(['user', 'ann@example.com'])
    expect(await rejectionOf(() => wire.api.users.updateUser('ann@example.com', {}))).toBeInstanceOf(
      ValidationError,
    )
  })

  it('getInvitations (project_id) / revokeInvitation', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? [{ email: 'bob@example.com', project_id: P }] : {} }))
    expect(await wire.api.users.getInvitations({ project: P })).toEqual([
      { email: 'bob@example.com', project_id: P },
    ])
    await wire.api.users.getInvitations()
    await wire.api.users.revokeInvitation('bob@example.com')
    expect(seen()).toEqual([
      `GET /users/invitations?project_id=${P}`,
      'GET /users/invitations',
      'DELETE /users/invitations/bob@example.com/revoke',
    ])
    wire.route(() => ({ json: [{ project_id: P }] }))
    expect(((await rejectionOf(() => wire.api.users.getInvitations())) as ValidationError).field).toBe(
      'invitations[0].email',
    )
  })
})

describe('DatasetsApi management', () => {
  it('getResources (version) parses resources; updateResources sends the SDK body', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? [resourceJson(uuid(11))] : { updated: true } }))
    const [resource] = await wire.api.datasets.getResources(D, { version: 'v2' })
    expect(resource.size).toBe(39206)
    await wire.api.datasets.updateResources(D, {
      add: [uuid(11)],
      remove: [resourceJson(uuid(12)) as never],
      project: P,
    })
    await wire.api.datasets.updateResources(D, { project: P })
    expect(seen()).toEqual([
      `GET /datasets/${D}/resources?version=v2`,
      `POST /datasets/${D}/resources`,
      `POST /datasets/${D}/resources`,
    ])
    expect(wire.requests[1].json()).toEqual({
      all_files_selected: false,
      resource_ids_to_add: [uuid(11)],
      resource_ids_to_delete: [uuid(12)],
      project_id: P,
    })
    expect(wire.requests[2].json()).toEqual({ all_files_selected: false, project_id: P })
  })

  it('download: the token, then the archive streamed with progress, as a Blob', async () => {
    const archive = new Uint8Array(40_000).map((_, i) => i % 251)
    wire.route((req) =>
      req.path === `/datasets/${D}/download/nifti`
        ? { json: 'tok-123' }
        : { body: archive, headers: { 'content-type': 'application/zip' }, chunks: 4 },
    )
    const fractions: number[] = []
    const blob = await wire.api.datasets.download(D, {
      format: 'nifti',
      onProgress: (p) => fractions.push(p.fraction ?? -1),
    })
    expect(seen()).toEqual([`GET /datasets/${D}/download/nifti`, 'GET /datasets/download/tok-123'])
    expect(blob.type).toBe('application/zip')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(archive)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions.length).toBeGreaterThan(1)
  })

  it('download: default format dicom; a missing token or unknown format is an error', async () => {
    wire.route(() => ({ json: { nothing: true } }))
    expect(await rejectionOf(() => wire.api.datasets.download(D))).toBeInstanceOf(ValidationError)
    expect(seen()).toEqual([`GET /datasets/${D}/download/dicom`])
    expect(await rejectionOf(() => wire.api.datasets.download(D, { format: 'zip' as never }))).toBeInstanceOf(
      ValidationError,
    )
    wire.route(() => ({ status: 404, json: { message: 'Dataset not found' } }))
    expect(((await rejectionOf(() => wire.api.datasets.download(D))) as ItemNotFoundError).itemType).toBe(
      'dataset',
    )
  })
})

describe('resources.listChannels (the SDK name) and api.channels', () => {
  it('both GET /resources/channels with the same query', async () => {
    wire.route(() => ({ json: [] }))
    await wire.api.resources.listChannels({ projectName: 'Liver', limit: 3 })
    await wire.api.channels.getList({ projectName: 'Liver', limit: 3 })
    expect(seen()).toEqual([
      'GET /resources/channels?project_name=Liver&offset=0&limit=3',
      'GET /resources/channels?project_name=Liver&offset=0&limit=3',
    ])
  })
})

describe('DatamintApi.annotationWorklists', () => {
  it('shares the client and config of the other entity APIs', () => {
    expect(wire.api.annotationWorklists.client).toBe(wire.api.client)
    expect(wire.api.annotationWorklists.config).toBe(wire.api.config)
    expect(wire.api.annotationWorklists.endpointBase).toBe('annotationsets')
  })
})
