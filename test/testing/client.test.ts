import { describe, expect, it } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import {
  AuthenticationError,
  EntityAlreadyExistsError,
  ItemNotFoundError,
  ServerError,
  ValidationError,
} from '../../src/api/errors.js'
import { addResource } from '../../src/testing/resourceFactory.js'
import { seedFiles, startDatamintServer } from './harness.js'

// The real client from src/api against the in-memory server: the two must agree on the wire.
const { datamint } = startDatamintServer({ chunkSize: 8192 })
const api = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'test-api-key' })
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
const fixture = (name: string) => seedFiles.find((f) => f.filename === name) as (typeof seedFiles)[number]
const byName = (name: string) =>
  datamint.db.liveResources().find((r) => r.filename === name) as { id: string }

describe('DatamintApi round trips: projects', () => {
  it('lists (archived only with getAll), reads, creates, patches and deletes', async () => {
    expect(await api.projects.getList()).toHaveLength(3)
    const all = await api.projects.getAll()
    expect(all).toHaveLength(4)
    expect(typeof all[0].resource_count).toBe('number')
    const created = await api.projects.create({
      name: 'Round trip',
      resource_ids: [byName('CT_small.dcm').id],
    })
    expect(created).toMatchObject({ name: 'Round trip', resource_count: 1 })
    expect(await api.projects.getById(created.id)).toEqual(created)
    const resources = await api.projects.getProjectResources(created)
    expect(resources.map((r) => r.filename)).toEqual(['CT_small.dcm'])

    await expect(api.projects.create({ name: 'Round trip' })).rejects.toBeInstanceOf(EntityAlreadyExistsError)
    expect(await api.projects.create({ name: 'Round trip' }, { existsOk: true })).toMatchObject({
      id: created.id,
    })

    // The server answers the PATCH with {}: the client reads the project back.
    const patched = await api.projects.patch(created, { description: 'patched' })
    expect(patched).toMatchObject({ id: created.id, description: 'patched' })
    await api.projects.delete(created)
    await expect(api.projects.getById(created.id)).rejects.toBeInstanceOf(ItemNotFoundError)
    expect(datamint.db.projects.get(created.id)?.deleted).toBe(true)
  })

  it('refuses a wrong key with AuthenticationError', async () => {
    const wrong = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'nope' })
    await expect(wrong.projects.getList()).rejects.toBeInstanceOf(AuthenticationError)
  })
})

describe('DatamintApi round trips: resources', () => {
  it('filters resources with the SDK filter names', async () => {
    const inbox = await api.resources.getList({ status: 'inbox' })
    expect(inbox.length).toBeGreaterThan(0)
    expect(inbox.every((r) => r.status === 'inbox')).toBe(true)
    const ct = await api.resources.getList({ projectName: 'Chest CT Review', modality: 'CT' })
    expect(ct.length).toBeGreaterThan(0)
    const sorted = await api.resources.getList({ orderField: 'filename', orderAscending: true, limit: 5 })
    expect(sorted.map((r) => r.filename)).toEqual([...sorted.map((r) => r.filename)].sort())
    expect(sorted).toHaveLength(5)
    const tagged = await api.resources.getList({ tags: ['teaching'] })
    expect(tagged.every((r) => r.tags?.includes('teaching'))).toBe(true)
  })

  it('downloads a fixture byte for byte with progress up to the Content-Length, and converts it', async () => {
    const file = fixture('example4d.nii.gz')
    const events: Array<{ transferredBytes: number; totalBytes?: number; fraction?: number }> = []
    const bytes = await api.resources.downloadResourceFile(byName('example4d.nii.gz').id, {
      autoConvert: false,
      onProgress: (p) => events.push(p),
    })
    expect(sameBytes(bytes, file.bytes)).toBe(true)
    expect(events.length).toBeGreaterThan(2)
    expect(events.at(-1)).toMatchObject({ transferredBytes: file.bytes.byteLength, fraction: 1 })
    expect(events.some((e) => e.totalBytes === file.bytes.byteLength)).toBe(true)
    const dicom = await api.resources.downloadResourceFile(byName('CT_small.dcm').id)
    expect(dicom).toMatchObject({ kind: 'dicom', rows: 128, columns: 128 })
  })

  it('uploads a file that downloads back identical, then publishes it', async () => {
    const file = fixture('SC_rgb_rle_2frame.dcm')
    const id = await api.resources.uploadResource(file.bytes, {
      filename: 'upload.dcm',
      channel: 'client-uploads',
      tags: ['rt'],
      metadata: { site: 'A' },
    })
    const resource = await api.resources.getById(id)
    expect(resource).toMatchObject({
      filename: 'upload.dcm',
      mimetype: 'application/dicom',
      size: file.bytes.byteLength,
      status: 'inbox',
      upload_channel: 'client-uploads',
      tags: ['rt'],
      modality: 'OT',
    })
    expect(sameBytes(await api.resources.downloadResourceFile(id, { autoConvert: false }), file.bytes)).toBe(
      true,
    )
    await api.resources.publish(id)
    expect((await api.resources.getById(id)).status).toBe('published')
    // Publishing again is a no-op for the client (the server answers 400 "must be in inbox").
    await api.resources.publish(id)
    const frame = await api.resources.downloadResourceFrame(id, 1)
    expect(frame).toMatchObject({ kind: 'image', width: 100, height: 100 })
  })

  it('bulk-deletes in batches of 200 ids', async () => {
    const extra = Array.from(
      { length: 230 },
      (_, i) =>
        addResource(datamint.db, {
          filename: `note${i}.json`,
          bytes: new TextEncoder().encode(`{"n":${i}}`),
          mimetype: 'application/json',
          status: 'inbox',
          createdAt: datamint.db.now(),
          createdBy: datamint.db.currentUser,
        }).id,
    )
    await api.resources.bulkDelete(extra)
    const batches = datamint.requests.filter((r) => r.route === 'DELETE /resources')
    expect(batches.map((b) => b.query.resource_ids.split(',').length)).toEqual([200, 30])
    expect(extra.every((id) => datamint.db.resources.get(id)?.deleted)).toBe(true)
  })

  it('retries a download that failed once with 500', async () => {
    datamint.inject('GET /resources/:id/file', { status: 500, times: 1 })
    const id = byName('MR_small.dcm').id
    const bytes = await api.resources.downloadResourceFile(id, { autoConvert: false })
    expect(sameBytes(bytes, fixture('MR_small.dcm').bytes)).toBe(true)
    expect(
      datamint.requests.filter((r) => r.route === 'GET /resources/:id/file').map((r) => r.status),
    ).toEqual([500, 200])
    datamint.inject('GET /resources/:id/file', { status: 503 })
    const noRetry = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'test-api-key', maxRetries: 0 })
    await expect(noRetry.resources.downloadResourceFile(id)).rejects.toMatchObject({
      constructor: ServerError,
      status: 503,
    })
  })
})

describe('DatamintApi round trips: annotations, users, datasets, channels', () => {
  it('searches, creates, patches, approves and deletes annotations', async () => {
    const ct = byName('CT_small.dcm').id
    expect((await api.annotations.getList({ resource: ct })).map((a) => a.identifier).sort()).toEqual([
      'Nodule box',
      'finding',
    ])
    expect(
      await api.annotations.getList({ loadAiSegmentations: true, annotationType: 'segmentation' }),
    ).toHaveLength(1)
    const id = await api.annotations.createForResource(ct, {
      type: 'label',
      identifier: 'tumor',
      scope: 'image',
    })
    await api.annotations.patch(id, { identifier: 'tumour' })
    await api.annotations.approve(id)
    expect(await api.annotations.getById(id)).toMatchObject({ identifier: 'tumour', status: 'published' })
    const [segmentation] = await api.annotations.getList({
      loadAiSegmentations: true,
      annotationType: 'segmentation',
    })
    const mask = fixture('anatomical.nii').bytes
    datamint.db.annotationFiles.set(segmentation.id, { bytes: mask, mimetype: 'application/nifti' })
    expect(sameBytes(await api.annotations.downloadFile(segmentation), mask)).toBe(true)
    await api.annotations.deleteBatch([id])
    expect((await api.annotations.getList({ resource: ct })).map((a) => a.id)).not.toContain(id)
  })

  it('reads and creates users by e-mail', async () => {
    expect(await api.users.getById('reviewer@datamint.test')).toMatchObject({ firstname: 'Rui' })
    const created = await api.users.create({ email: 'new@datamint.test', firstname: 'New' })
    expect(created).toMatchObject({ email: 'new@datamint.test', firstname: 'New' })
    await expect(api.users.create({ email: 'new@datamint.test' })).rejects.toBeInstanceOf(
      EntityAlreadyExistsError,
    )
    await expect(api.users.getById('ghost@datamint.test')).rejects.toBeInstanceOf(ItemNotFoundError)
    await expect(api.users.getAll()).resolves.toHaveLength(5)
  })

  it('lists, reads and deletes datasets; lists channels', async () => {
    const datasets = await api.datasets.getAll()
    expect(datasets.map((d) => d.name)).toEqual(['Public DICOM samples', 'Volumes, images and videos'])
    expect(await api.datasets.getById(datasets[0].id)).toEqual(datasets[0])
    await api.datasets.delete(datasets[0])
    await expect(api.datasets.getById(datasets[0].id)).rejects.toBeInstanceOf(ItemNotFoundError)
    const channels = await api.channels.getAll()
    expect(channels.map((c) => c.channel_name)).toEqual([
      'dicom-samples',
      'images',
      'nifti-volumes',
      'videos',
    ])
  })

  it('maps the server’s 422 to ValidationError', async () => {
    await expect(api.projects.create({ name: '' })).rejects.toBeInstanceOf(ValidationError)
  })
})
