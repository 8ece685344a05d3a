import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ServerError, ValidationError } from '../../../src/api/errors.js'
import {
  annotationJson,
  fixture,
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

const A = uuid(40)
const RES = uuid(500)

describe('AnnotationsApi.getList: POST /annotations/search', () => {
  it('maps the filters to the body, with offset/limit as strings', async () => {
    wire.route(() => ({
      json: { data: [annotationJson(A, { frame_index: '2', scope: 'frame' })], totalCount: '1' },
    }))
    const annotations = await wire.api.annotations.getList({
      resource: RES,
      annotationType: 'segmentation',
      annotatorEmail: 'ann@example.com',
      fromDate: new Date(Date.UTC(2025, 0, 2)),
      toDate: '2025-02-01',
      datasetId: uuid(900),
      worklistId: uuid(901),
      status: 'published',
      loadAiSegmentations: true,
      limit: 25,
    })
    expect(annotations.map((a) => a.id)).toEqual([A])
    expect(annotations[0].frame_index).toBe(2)
    const [req] = wire.requests
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/annotations/search')
    expect([...req.query.keys()]).toEqual([])
    expect(req.headers['content-type']).toContain('application/json')
    expect(req.json()).toEqual({
      resource_id: RES,
      annotation_type: 'segmentation',
      annotatorEmail: 'ann@example.com',
      from: '2025-01-02',
      to: '2025-02-01',
      dataset_id: uuid(900),
      annotation_worklist_id: uuid(901),
      status: 'published',
      load_ai_segmentations: true,
      offset: '0',
      limit: '25',
    })
  })

  it('a list of resources (ids or entities) → resource_ids; an empty list → [] without a request', async () => {
    wire.route(() => ({ json: { items: [] } }))
    await wire.api.annotations.getList({ resource: [uuid(1), resourceJson(uuid(2)) as never] })
    expect(wire.requests[0].json()).toEqual({ resource_ids: [uuid(1), uuid(2)], offset: '0', limit: '5000' })
    expect(await wire.api.annotations.getList({ resource: [] })).toEqual([])
    expect(wire.requests).toHaveLength(1)
  })

  it('pages through the body: a full page asks for the next one', async () => {
    wire.route((req) => {
      const { offset } = req.json() as { offset: string }
      return {
        json:
          offset === '0' ? [annotationJson(uuid(41)), annotationJson(uuid(42))] : [annotationJson(uuid(43))],
      }
    })
    const all = await wire.api.annotations.getList({ limit: 3 })
    expect(all.map((a) => a.id)).toEqual([uuid(41), uuid(42)])
    // The server answered 2 of 3 asked: a short page ends the search.
    expect(wire.requests).toHaveLength(1)
    expect(wire.requests[0].json()).toEqual({ offset: '0', limit: '3' })
  })

  it('bad ids in filters are refused before sending', async () => {
    expect(await rejectionOf(() => wire.api.annotations.getList({ resource: 'r1' }))).toBeInstanceOf(
      ValidationError,
    )
    expect(await rejectionOf(() => wire.api.annotations.getList({ toDate: '01/02/2025' }))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(0)
  })
})

describe('AnnotationsApi writes', () => {
  const label = { type: 'label', identifier: 'tumor', scope: 'image' as const }

  it('createForResource: POST /annotations/{resource_id}/annotations with an array; id or ids back', async () => {
    wire.route((req) => ({ json: (req.json() as unknown[]).map((_, i) => uuid(60 + i)) }))
    expect(await wire.api.annotations.createForResource(RES, label)).toBe(uuid(60))
    const ids = await wire.api.annotations.createForResource(resourceJson(RES) as never, [
      label,
      { type: 'category', identifier: 'grade', scope: 'frame', frame_index: 2, value: 'II' },
    ])
    expect(ids).toEqual([uuid(60), uuid(61)])
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /annotations/${RES}/annotations`,
      `POST /annotations/${RES}/annotations`,
    ])
    expect(wire.requests[0].json()).toEqual([label])
    expect(wire.requests[1].json()).toEqual([
      label,
      { type: 'category', identifier: 'grade', scope: 'frame', frame_index: 2, value: 'II' },
    ])
  })

  it('an item answered with an error is a ServerError', async () => {
    wire.route(() => ({ json: [{ error: 'Invalid geometry' }] }))
    const e = await rejectionOf(() => wire.api.annotations.createForResource(RES, label))
    expect(e).toBeInstanceOf(ServerError)
    expect((e as Error).message).toContain('Invalid geometry')
  })

  it('create(data) posts to the resource and resolves to the annotation', async () => {
    wire.route((req) => (req.method === 'POST' ? { json: [A] } : { json: annotationJson(A) }))
    const annotation = await wire.api.annotations.create({ ...label, resource_id: RES })
    expect(annotation.identifier).toBe('tumor')
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /annotations/${RES}/annotations`,
      `GET /annotations/${A}`,
    ])
    expect(wire.requests[0].json()).toEqual([label])
    expect(
      await rejectionOf(() => wire.api.annotations.create({ ...label, resource_id: 'x' })),
    ).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(2)
  })

  it('patch: PATCH /annotations/{id} with {identifier, project_id}; {} is read back', async () => {
    wire.route((req) =>
      req.method === 'PATCH' ? { json: {} } : { json: annotationJson(A, { identifier: 'lesion' }) },
    )
    const patched = await wire.api.annotations.patch(A, { identifier: 'lesion', project_id: uuid(3) })
    expect(patched.identifier).toBe('lesion')
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /annotations/${A}`,
      `GET /annotations/${A}`,
    ])
    expect(wire.requests[0].json()).toEqual({ identifier: 'lesion', project_id: uuid(3) })

    wire.route(() => ({ json: annotationJson(A, { identifier: 'again' }) }))
    expect((await wire.api.annotations.partialUpdate(A, { identifier: 'again' })).identifier).toBe('again')
    expect(wire.requests).toHaveLength(3)
    expect(wire.requests[2].json()).toEqual({ identifier: 'again' })
  })

  it('patch: nothing to change or a bad id → no request; an error answer → ServerError', async () => {
    expect(await rejectionOf(() => wire.api.annotations.patch(A, {}))).toBeInstanceOf(ValidationError)
    expect(await rejectionOf(() => wire.api.annotations.patch('x', { identifier: 'y' }))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(0)
    wire.route(() => ({ json: { error: 'locked' } }))
    expect(await rejectionOf(() => wire.api.annotations.patch(A, { identifier: 'y' }))).toBeInstanceOf(
      ServerError,
    )
  })

  it('approve: PATCH /annotations/{id}/approve; delete: DELETE /annotations/{id}', async () => {
    await wire.api.annotations.approve(A)
    await wire.api.annotations.delete(annotationJson(A) as never)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /annotations/${A}/approve`,
      `DELETE /annotations/${A}`,
    ])
  })

  it('deleteBatch: POST /annotations/delete-batch with {ids}; nothing for an empty list or a bad id', async () => {
    await wire.api.annotations.deleteBatch([uuid(1), annotationJson(uuid(2)) as never])
    await wire.api.annotations.deleteBatch([])
    expect(await rejectionOf(() => wire.api.annotations.deleteBatch([uuid(1), 'bad']))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(1)
    expect(wire.requests[0].method).toBe('POST')
    expect(wire.requests[0].path).toBe('/annotations/delete-batch')
    expect(wire.requests[0].json()).toEqual({ ids: [uuid(1), uuid(2)] })
  })
})

describe('AnnotationsApi.downloadFile', () => {
  const nifti = fixture('nifti/example4d.nii.gz')

  it('an id: reads the annotation for its resource, then GET /annotations/{resource_id}/annotations/{id}/file', async () => {
    wire.route((req) => (req.path.endsWith('/file') ? { body: nifti } : { json: annotationJson(A) }))
    const bytes = await wire.api.annotations.downloadFile(A)
    expect(sameBytes(bytes, nifti)).toBe(true)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /annotations/${A}`,
      `GET /annotations/${RES}/annotations/${A}/file`,
    ])
  })

  it('an entity: one request; autoConvert gives the NIfTI volume', async () => {
    wire.route(() => ({ body: nifti }))
    const data = await wire.api.annotations.downloadFile(annotationJson(A) as never, { autoConvert: true })
    expect(wire.requests).toHaveLength(1)
    expect(data.kind).toBe('nifti')
  })
})

describe('AnnotationsApi reads and bulk delete', () => {
  it('getAll: POST /annotations/search with only the paging; getById: GET /annotations/{id}', async () => {
    wire.route((req) => ({
      json: req.method === 'POST' ? { data: [annotationJson(A)], totalCount: 1 } : annotationJson(A),
    }))
    expect((await wire.api.annotations.getAll(10)).map((a) => a.id)).toEqual([A])
    expect((await wire.api.annotations.getById(A)).id).toBe(A)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /annotations/search',
      `GET /annotations/${A}`,
    ])
    expect(wire.requests[0].json()).toEqual({ offset: '0', limit: '10' })
  })

  it('bulkDelete: one DELETE /annotations/{id} each; a bad id sends nothing', async () => {
    await wire.api.annotations.bulkDelete([uuid(81), uuid(82)])
    expect(wire.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `DELETE /annotations/${uuid(81)}`,
      `DELETE /annotations/${uuid(82)}`,
    ])
    expect(await rejectionOf(() => wire.api.annotations.bulkDelete([uuid(83), '']))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(2)
  })
})
