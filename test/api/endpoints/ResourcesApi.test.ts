import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TransferProgress } from '../../../src/api/BaseApi.js'
import { BulkOperationError } from '../../../src/api/BulkOperationError.js'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'
import { uploadTimeout } from '../../../src/api/endpoints/ResourcesApi.js'
import { ServerError, TimeoutError, ValidationError } from '../../../src/api/errors.js'
import {
  fixture,
  KEY,
  projectJson,
  rejectionOf,
  resourceJson,
  sameBytes,
  startWire,
  uuid,
  type Wire,
} from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const R = uuid(7)
const ctSmall = fixture('dicom/CT_small.dcm')

describe('ResourcesApi list filters', () => {
  it('maps every camelCase filter to the wire query', async () => {
    wire.route(() => ({ json: { data: [{ resources: [resourceJson(R)] }], totalCount: 1 } }))
    const resources = await wire.api.resources.getList({
      status: 'published',
      fromDate: '2025-01-01',
      toDate: new Date(Date.UTC(2025, 5, 30, 23, 0)),
      tags: ['liver', 'ct'],
      modality: 'CT',
      mimetype: 'application/dicom',
      orderField: 'created_at',
      orderAscending: false,
      channel: 'site-A',
      projectName: ['Liver review', 'QA'],
      filename: 'CT_small.dcm',
      limit: 10,
    })
    expect(resources.map((r) => r.id)).toEqual([R])
    const [r] = wire.requests
    expect(r.method).toBe('GET')
    expect(r.path).toBe('/resources')
    expect(Object.fromEntries(r.query)).toEqual({
      status: 'published',
      from: '2025-01-01',
      to: '2025-06-30',
      modality: 'CT',
      mimetype: 'application/dicom',
      order_field: 'created_at',
      order_by_asc: 'false',
      channel_name: 'site-A',
      filename: 'CT_small.dcm',
      project: '{"items":["Liver review","QA"],"filterType":"intersection"}',
      tags: '{"items":["liver","ct"],"filterType":"union"}',
      offset: '0',
      limit: '10',
    })
  })

  it('sends status="" (all) when no status is given; one tag and a Project entity are lists of one', async () => {
    wire.route(() => ({ json: [] }))
    await wire.api.resources.getList()
    expect(Object.fromEntries(wire.requests[0].query)).toEqual({ status: '', offset: '0', limit: '5000' })
    await wire.api.resources.getList({
      tags: 'liver',
      projectName: projectJson(uuid(3), { name: 'P1' }) as never,
    })
    expect(wire.requests[1].query.get('tags')).toBe('{"items":["liver"],"filterType":"union"}')
    expect(wire.requests[1].query.get('project')).toBe('{"items":["P1"],"filterType":"intersection"}')
  })

  it('a bad date is refused before sending', async () => {
    for (const fromDate of ['yesterday', '2025-13-45', new Date('nope')]) {
      expect(await rejectionOf(() => wire.api.resources.getList({ fromDate }))).toBeInstanceOf(
        ValidationError,
      )
    }
    expect(wire.requests).toHaveLength(0)
  })

  it('getById and delete: GET / DELETE /resources/{id}; bad ids send nothing', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? resourceJson(R) : {} }))
    expect((await wire.api.resources.getById(R)).size).toBe(39206)
    await wire.api.resources.delete(R)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /resources/${R}`,
      `DELETE /resources/${R}`,
    ])
    const api = wire.api.resources
    for (const call of [
      () => api.getById('x'),
      () => api.delete(''),
      () => api.downloadResourceFile('nope'),
      () => api.downloadResourceFrame('nope', 0),
      () => api.publish('nope'),
      () => api.bulkPublish([R, 'nope']),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError)
    }
    expect(wire.requests).toHaveLength(2)
  })
})

describe('ResourcesApi.uploadResource', () => {
  it('sends the multipart form of the wire doc and resolves to the id', async () => {
    wire.route(() => ({ json: { id: R } }))
    const id = await wire.api.resources.uploadResource(ctSmall, {
      filename: 'CT_small.dcm',
      channel: 'site-A',
      tags: [' liver', 'ct '],
      publish: true,
      metadata: { patient_age: 45, Modality: 'CT' },
    })
    expect(id).toBe(R)
    expect(wire.requests).toHaveLength(1)
    const [req] = wire.requests
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/resources')
    expect(req.headers.apikey).toBe(KEY)
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    const form = await req.form()
    expect([...form.keys()]).toEqual([
      'source',
      'resource',
      'source_filepath',
      'mimetype',
      'channel',
      'modality',
      'bypass_inbox',
      'tags',
      'metadata',
    ])
    expect(form.get('source')).toBe('api')
    const file = form.get('resource') as File
    expect(file.name).toBe('CT_small.dcm')
    expect(file.type).toBe('application/dicom')
    expect(sameBytes(new Uint8Array(await file.arrayBuffer()), ctSmall)).toBe(true)
    expect(form.get('source_filepath')).toBe('CT_small.dcm')
    expect(form.get('mimetype')).toBe('application/dicom')
    expect(form.get('channel')).toBe('site-A')
    expect(form.get('modality')).toBe('CT')
    expect(form.get('bypass_inbox')).toBe('true')
    expect(form.get('tags')).toBe('liver,ct')
    expect(JSON.parse(form.get('metadata') as string)).toEqual({ patient_age: 45, Modality: 'CT' })
  })

  it('a File brings its name and type; optional fields stay out; bypass_inbox=false by default', async () => {
    wire.route(() => ({ json: { id: R } }))
    const png = fixture('image/ct_small.png')
    await wire.api.resources.uploadResource(new File([png], 'slice.png', { type: 'image/png' }), {
      modality: 'MR',
      sourceFilepath: 'study/slice.png',
    })
    const form = await wire.requests[0].form()
    expect([...form.keys()]).toEqual([
      'source',
      'resource',
      'source_filepath',
      'mimetype',
      'modality',
      'bypass_inbox',
    ])
    expect((form.get('resource') as File).name).toBe('slice.png')
    expect((form.get('resource') as File).type).toBe('image/png')
    expect(form.get('source_filepath')).toBe('study/slice.png')
    expect(form.get('modality')).toBe('MR')
    expect(form.get('bypass_inbox')).toBe('false')
  })

  it('detects the mimetype from the content when none is given', async () => {
    wire.route(() => ({ json: { id: R } }))
    await wire.api.resources.uploadResource(fixture('nifti/example4d.nii.gz'), { filename: 'vol.nii.gz' })
    await wire.api.resources.uploadResource(new Blob([fixture('image/mr_small.jpg')]), { filename: 'x.bin' })
    expect((await wire.requests[0].form()).get('mimetype')).toBe('application/nifti')
    expect((await wire.requests[1].form()).get('mimetype')).toBe('image/jpeg')
  })

  it('a 200 answer with an error is a ServerError', async () => {
    wire.route(() => ({ json: { error: 'Quota exceeded' } }))
    const e = await rejectionOf(() => wire.api.resources.uploadResource(ctSmall, { filename: 'a.dcm' }))
    expect(e).toBeInstanceOf(ServerError)
    expect((e as ServerError).message).toContain('Quota exceeded')
    expect((e as ServerError).status).toBe(200)
    expect(wire.requests).toHaveLength(1)
  })

  it('a Uint8Array without a filename is refused before sending', async () => {
    const e = await rejectionOf(() => wire.api.resources.uploadResource(ctSmall))
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).message).toContain('filename')
    expect(wire.requests).toHaveLength(0)
  })

  it('reports progress 0 → … → 1, with intermediate steps in Node, 1 only after the answer', async () => {
    const big = new Uint8Array(8 * 1024 * 1024).map((_, i) => i & 0xff)
    let answered = false
    wire.route(() => {
      answered = true
      return { json: { id: R } }
    })
    const events: Array<TransferProgress & { answered: boolean }> = []
    await wire.api.resources.uploadResource(big, {
      filename: 'big.bin',
      onProgress: (p) => events.push({ ...p, answered }),
    })
    expect(events[0]).toEqual({ fraction: 0, transferredBytes: 0, totalBytes: big.length, answered: false })
    expect(events.at(-1)).toEqual({
      fraction: 1,
      transferredBytes: big.length,
      totalBytes: big.length,
      answered: true,
    })
    const middle = events.slice(1, -1)
    expect(middle.length).toBeGreaterThan(0)
    for (const e of middle) expect(e.fraction).toBeGreaterThan(0)
    for (const e of middle) expect(e.fraction).toBeLessThan(1)
    for (let i = 1; i < events.length; i++) {
      expect(events[i].transferredBytes).toBeGreaterThan(events[i - 1].transferredBytes)
    }
    const file = (await wire.requests[0].form()).get('resource') as File
    expect(file.size).toBe(big.length)
  })

  it('an upload outlives ApiConfig.timeout (it ends only once the file is sent); a GET does not', async () => {
    const slow = new DatamintApi({
      serverUrl: wire.api.config.serverUrl,
      apiKey: KEY,
      timeout: 0.3,
      maxRetries: 0,
    })
    wire.route(async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 800))
      return { json: req.method === 'POST' ? { id: R } : resourceJson(R) }
    })
    expect(await slow.resources.uploadResource(ctSmall, { filename: 'a.dcm' })).toBe(R)
    expect(await rejectionOf(() => slow.resources.getById(R))).toBeInstanceOf(TimeoutError)
    expect(uploadTimeout(slow.config, 10)).toBe(1800)
    expect(uploadTimeout(slow.config, 2 * 1024 ** 3)).toBe(4096)
  })

  it('create(data) uploads and resolves to the new resource', async () => {
    wire.route((req) => (req.method === 'POST' ? { json: { id: R } } : { json: resourceJson(R) }))
    const resource = await wire.api.resources.create({ file: ctSmall, filename: 'CT_small.dcm', tags: ['x'] })
    expect(resource.id).toBe(R)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /resources',
      `GET /resources/${R}`,
    ])
    expect((await wire.requests[0].form()).get('tags')).toBe('x')
    expect(
      await wire.api.resources.create({ file: ctSmall, filename: 'a.dcm' }, { returnEntity: false }),
    ).toBe(R)
    expect(wire.requests).toHaveLength(3)
  })
})

describe('ResourcesApi downloads', () => {
  it('downloadResourceFile converts a DICOM fixture; accept: application/octet-stream; one request', async () => {
    wire.route(() => ({ body: ctSmall }))
    const data = await wire.api.resources.downloadResourceFile(R)
    expect(wire.requests).toHaveLength(1)
    expect(wire.requests[0].method).toBe('GET')
    expect(wire.requests[0].path).toBe(`/resources/${R}/file`)
    expect(wire.requests[0].headers.accept).toBe('application/octet-stream')
    expect(data.kind).toBe('dicom')
    if (data.kind !== 'dicom') return
    expect([data.rows, data.columns, data.numberOfFrames]).toEqual([128, 128, 1])
  })

  it('autoConvert: false returns the exact bytes', async () => {
    wire.route(() => ({ body: ctSmall }))
    const bytes = await wire.api.resources.downloadResourceFile(R, { autoConvert: false })
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(sameBytes(bytes, ctSmall)).toBe(true)
  })

  it('content that says little: the declared mimetype is the fallback (fetched only for an id)', async () => {
    const opaque = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff)
    wire.route((req) =>
      req.path.endsWith('/file') ? { body: opaque } : { json: resourceJson(R, { mimetype: 'video/mp4' }) },
    )
    const fromId = await wire.api.resources.downloadResourceFile(R)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /resources/${R}/file`,
      `GET /resources/${R}`,
    ])
    expect(fromId).toEqual({ kind: 'video', mimetype: 'video/mp4', bytes: opaque })

    const entity = await wire.api.resources.getById(R)
    const fromEntity = await wire.api.resources.downloadResourceFile({ ...entity, mimetype: 'text/plain' })
    expect(wire.requests).toHaveLength(4)
    // A type this library does not interpret comes back as bytes, tagged with the declared type.
    expect(fromEntity).toEqual({ kind: 'bytes', mimetype: 'text/plain', bytes: opaque })
  })

  it('onProgress sees the body arrive in steps and ends at 1', async () => {
    const nifti = fixture('nifti/anatomical.nii')
    wire.route(() => ({ body: nifti, chunks: 8 }))
    const events: TransferProgress[] = []
    const data = await wire.api.resources.downloadResourceFile(R, { onProgress: (p) => events.push(p) })
    expect(data.kind).toBe('nifti')
    expect(events.length).toBeGreaterThanOrEqual(3)
    expect(events.at(-1)).toMatchObject({
      fraction: 1,
      transferredBytes: nifti.length,
      totalBytes: nifti.length,
    })
    for (let i = 1; i < events.length; i++) {
      expect(events[i].transferredBytes).toBeGreaterThanOrEqual(events[i - 1].transferredBytes)
    }
    expect(events.some((e) => e.fraction !== undefined && e.fraction > 0 && e.fraction < 1)).toBe(true)
  })

  it('an aborted download rejects with the abort reason', async () => {
    wire.route(() => ({ body: ctSmall, chunks: 20 }))
    const controller = new AbortController()
    const pending = wire.api.resources.downloadResourceFile(R, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.transferredBytes > 0) controller.abort()
      },
    })
    const e = await rejectionOf(() => pending)
    expect((e as Error).name).toBe('AbortError')
  })

  it('downloadResourceFrame: GET /resources/{id}/frames/{index} with accept image/*', async () => {
    const png = fixture('image/ct_small.png')
    wire.route(() => ({ body: png, headers: { 'content-type': 'image/png' } }))
    const frame = await wire.api.resources.downloadResourceFrame(R, 3)
    expect(wire.requests[0].path).toBe(`/resources/${R}/frames/3`)
    expect(wire.requests[0].headers.accept).toBe('image/*')
    expect(frame.kind).toBe('image')
    expect(await rejectionOf(() => wire.api.resources.downloadResourceFrame(R, -1))).toBeInstanceOf(
      ValidationError,
    )
    expect(await rejectionOf(() => wire.api.resources.downloadResourceFrame(R, 1.5))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(1)
  })

  it('downloadResourceFrame of a single image entity: frame 0 is the file, other frames are refused', async () => {
    const png = fixture('image/ct_small.png')
    wire.route(() => ({ body: png }))
    const image = resourceJson(R, { mimetype: 'image/png', storage: 'ImageResource' }) as never
    const frame = await wire.api.resources.downloadResourceFrame(image, 0)
    expect(frame.kind).toBe('image')
    expect(wire.requests.map((r) => r.path)).toEqual([`/resources/${R}/file`])
    expect(await rejectionOf(() => wire.api.resources.downloadResourceFrame(image, 2))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(1)
  })
})

describe('ResourcesApi bulk operations and publishing', () => {
  it('bulkDelete sends batches of 200 ids: 450 ids → 3 requests', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => uuid(1000 + i))
    await wire.api.resources.bulkDelete(ids)
    expect(wire.requests).toHaveLength(3)
    const batches = wire.requests.map((r) => {
      expect(r.method).toBe('DELETE')
      expect(r.path).toBe('/resources')
      return (r.query.get('resource_ids') ?? '').split(',')
    })
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50])
    expect(batches.flat()).toEqual(ids)
  })

  it('bulkDelete: a bad id anywhere → nothing sent; an empty list → nothing sent', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => uuid(i))
    ids[250] = 'oops'
    expect(await rejectionOf(() => wire.api.resources.bulkDelete(ids))).toBeInstanceOf(ValidationError)
    await wire.api.resources.bulkDelete([])
    expect(wire.requests).toHaveLength(0)
  })

  it('bulkDelete: every batch is attempted; one error lists the ids of the failed batch', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => uuid(2000 + i))
    let n = 0
    wire.route(() => (++n === 2 ? { status: 403, json: { message: 'not yours' } } : { json: {} }))
    const e = await rejectionOf(() => wire.api.resources.bulkDelete(ids))
    expect(e).toBeInstanceOf(BulkOperationError)
    const bulk = e as BulkOperationError
    expect(bulk.failures.map((f) => f.id)).toEqual(ids.slice(200, 400))
    expect(bulk.succeeded).toEqual([...ids.slice(0, 200), ...ids.slice(400)])
    expect(wire.requests).toHaveLength(3)
  })

  it('publish: POST /resources/{id}/publish; "not in inbox" (400) is not an error', async () => {
    await wire.api.resources.publish(R)
    expect(wire.requests[0].method).toBe('POST')
    expect(wire.requests[0].path).toBe(`/resources/${R}/publish`)
    wire.route(() => ({ status: 400, json: { message: 'Resource must be in inbox status to be approved' } }))
    await wire.api.resources.publish(resourceJson(R) as never)
    wire.route(() => ({ status: 400, json: { message: 'Something else' } }))
    expect(await rejectionOf(() => wire.api.resources.publish(R))).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(3)
  })

  it('bulkPublish: POST /resources/bulk-publish with {resource_ids}; nothing for an empty list', async () => {
    await wire.api.resources.bulkPublish([uuid(1), resourceJson(uuid(2)) as never])
    await wire.api.resources.bulkPublish([])
    expect(wire.requests).toHaveLength(1)
    expect(wire.requests[0].method).toBe('POST')
    expect(wire.requests[0].path).toBe('/resources/bulk-publish')
    expect(wire.requests[0].json()).toEqual({ resource_ids: [uuid(1), uuid(2)] })
  })
})

describe('ResourcesApi.getAll', () => {
  it('GET /resources with status="" and paging, page after page until a short page', async () => {
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => resourceJson(uuid(from + i)))
    wire.route((req) => ({
      json: {
        data: [{ resources: req.query.get('offset') === '0' ? page(0, 5000) : page(5000, 3) }],
        totalCount: 1,
      },
    }))
    const all = await wire.api.resources.getAll()
    expect(all).toHaveLength(5003)
    expect(wire.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { status: '', offset: '0', limit: '5000' },
      { status: '', offset: '5000', limit: '5000' },
    ])
    expect(wire.requests.every((r) => r.method === 'GET' && r.path === '/resources')).toBe(true)
  })
})
