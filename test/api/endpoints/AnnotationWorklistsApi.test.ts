import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ItemNotFoundError, ValidationError } from '../../../src/api/errors.js'
import { rejectionOf, startWire, uuid, type Wire } from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const W = uuid(51)
const P = uuid(1)
const R = uuid(11)
const USER = uuid(21)
const worklistJson = (extra: Record<string, unknown> = {}) => ({
  id: W,
  name: 'Round 1',
  status: 'new',
  annotators: [{ email: 'ana@example.com', status: 'active', expertise_level: 'expert' }],
  resource_ids: [R],
  created_at: '2025-01-01T00:00:00Z',
  created_by: 'owner@example.com',
  ...extra,
})
const seen = () => wire.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`)

describe('AnnotationWorklistsApi: entity calls on /annotationsets', () => {
  it('create sends only the set fields (project as project_id) and reads the worklist back', async () => {
    wire.route((req) => (req.method === 'POST' ? { json: { id: W } } : { json: worklistJson() }))
    const worklist = await wire.api.annotationWorklists.create({
      name: 'Round 1',
      resource_ids: [R],
      annotators: [{ email: 'ana@example.com', expertise_level: 'expert' }],
      annotations: [{ type: 'label', identifier: 'tumor', required: true, scope: 'image' }],
      project: P,
    })
    expect(worklist.annotators?.[0].email).toBe('ana@example.com')
    expect(seen()).toEqual(['POST /annotationsets', `GET /annotationsets/${W}`])
    expect(wire.requests[0].json()).toEqual({
      name: 'Round 1',
      resource_ids: [R],
      annotators: [{ email: 'ana@example.com', expertise_level: 'expert' }],
      annotations: [{ type: 'label', identifier: 'tumor', required: true, scope: 'image' }],
      project_id: P,
    })
    expect(
      await wire.api.annotationWorklists.create({ name: 'x', resource_ids: [] }, { returnEntity: false }),
    ).toBe(W)
    expect(
      await rejectionOf(() => wire.api.annotationWorklists.create({ name: '', resource_ids: [] })),
    ).toBeInstanceOf(ValidationError)
  })

  it('getById / patch; a 404 names the annotation worklist', async () => {
    wire.route((req) => ({ json: req.method === 'PATCH' ? {} : worklistJson({ name: 'Round 2' }) }))
    expect((await wire.api.annotationWorklists.getById(W)).name).toBe('Round 2')
    expect((await wire.api.annotationWorklists.patch(W, { name: 'Round 2' })).name).toBe('Round 2')
    expect(seen()).toEqual([
      `GET /annotationsets/${W}`,
      `PATCH /annotationsets/${W}`,
      `GET /annotationsets/${W}`,
    ])
    expect(wire.requests[1].json()).toEqual({ name: 'Round 2' })
    wire.route(() => ({ status: 404, json: { message: 'gone' } }))
    const e = (await rejectionOf(() => wire.api.annotationWorklists.getById(W))) as ItemNotFoundError
    expect([e.itemType, e.itemId]).toEqual(['annotation worklist', W])
  })

  it('getList needs a project (GET /projects/{id}/worklists, limit/offset applied); without one nothing is sent', async () => {
    wire.route(() => ({
      json: [1, 2, 3].map((n) => ({ worklist_id: uuid(50 + n), worklist_name: `W${n}`, status: 'new' })),
    }))
    expect(
      (await wire.api.annotationWorklists.getList({ project: P, offset: 1, limit: 1 })).map((w) => w.name),
    ).toEqual(['W2'])
    expect((await wire.api.annotationWorklists.getByProject(P)).map((w) => w.id)).toEqual([
      uuid(51),
      uuid(52),
      uuid(53),
    ])
    expect(seen()).toEqual([`GET /projects/${P}/worklists`, `GET /projects/${P}/worklists`])
    expect(await rejectionOf(() => wire.api.annotationWorklists.getList())).toBeInstanceOf(ValidationError)
    expect(await rejectionOf(() => wire.api.annotationWorklists.getAll())).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(2)
  })
})

describe('AnnotationWorklistsApi: segmentation groups', () => {
  it('get / update (PUT with segmentationData and renames) / delete', async () => {
    const group = { segmentationValueType: 'single_label', definitions: [{ identifier: 'tumor', index: 1 }] }
    wire.route((req) => ({ json: req.method === 'GET' ? group : { updated: true } }))
    expect(await wire.api.annotationWorklists.getSegmentationGroup(W)).toEqual(group)
    await wire.api.annotationWorklists.updateSegmentationGroup(W, {
      definitions: [{ identifier: 'tumor', color: [255, 0, 0], index: 1 }],
      renames: ['lesion:tumor'],
    })
    await wire.api.annotationWorklists.deleteSegmentationGroup(W, 'tumor')
    expect(seen()).toEqual([
      `GET /annotationsets/${W}/segmentation-group`,
      `PUT /annotationsets/${W}/segmentation-group`,
      `DELETE /annotationsets/${W}/segmentation-group/tumor`,
    ])
    expect(wire.requests[1].json()).toEqual({
      segmentationData: {
        segmentationValueType: 'single_label',
        definitions: [{ identifier: 'tumor', color: [255, 0, 0], index: 1 }],
      },
      renames: ['lesion:tumor'],
    })
  })

  it('upload: multipart with file and replace_existing', async () => {
    wire.route(() => ({ json: { created: 2 } }))
    const file = new File(['identifier,index\ntumor,1\n'], 'labels.csv', { type: 'text/csv' })
    expect(
      await wire.api.annotationWorklists.uploadSegmentationGroup(W, file, { replaceExisting: false }),
    ).toEqual({
      created: 2,
    })
    const form = await wire.requests[0].form()
    expect(wire.requests[0].path).toBe(`/annotationsets/${W}/segmentation-group/upload`)
    expect(form.get('replace_existing')).toBe('false')
    expect(await (form.get('file') as File).text()).toBe('identifier,index\ntumor,1\n')
    expect((form.get('file') as File).name).toBe('labels.csv')
    expect(
      await rejectionOf(() => wire.api.annotationWorklists.uploadSegmentationGroup(W, 'labels.csv' as never)),
    ).toBeInstanceOf(ValidationError)
  })
})

describe('AnnotationWorklistsApi: annotators, resources, annotations, statuses', () => {
  it('setAnnotator / removeAnnotator / getAnnotatorStatus', async () => {
    wire.route((req) => ({
      json: req.method === 'GET' ? { email: 'ana@example.com', status: 'active' } : { ok: 1 },
    }))
    await wire.api.annotationWorklists.setAnnotator(W, USER, { status: 'active', expertiseLevel: 'trained' })
    await wire.api.annotationWorklists.removeAnnotator(W, USER)
    expect((await wire.api.annotationWorklists.getAnnotatorStatus(W, 'ana@example.com')).status).toBe(
      'active',
    )
    expect(seen()).toEqual([
      `POST /annotationsets/${W}/annotators/${USER}`,
      `DELETE /annotationsets/${W}/annotators/${USER}`,
      `GET /annotationsets/${W}/users/ana@example.com`,
    ])
    expect(wire.requests[0].json()).toEqual({ status: 'active', expertise_level: 'trained' })
    expect(
      await rejectionOf(() =>
        wire.api.annotationWorklists.setAnnotator(W, USER, { status: 'active' } as never),
      ),
    ).toBeInstanceOf(ValidationError)
  })

  it('updateResources: resource_ids_to_add / resource_ids_to_delete', async () => {
    await wire.api.annotationWorklists.updateResources(W, { add: [R], remove: [uuid(12)] })
    expect(wire.requests[0].path).toBe(`/annotationsets/${W}/resources`)
    expect(wire.requests[0].json()).toEqual({ resource_ids_to_add: [R], resource_ids_to_delete: [uuid(12)] })
  })

  it('getAnnotations / getSegmentations (all, annotator) / getAiSegmentations', async () => {
    wire.route(() => ({ json: [{ id: uuid(61), identifier: 'tumor' }] }))
    expect(await wire.api.annotationWorklists.getAnnotations(W, R)).toEqual([
      { id: uuid(61), identifier: 'tumor' },
    ])
    await wire.api.annotationWorklists.getSegmentations(W, R, {
      all: false,
      annotatorEmail: 'ana@example.com',
    })
    await wire.api.annotationWorklists.getAiSegmentations(W, R)
    expect(seen()).toEqual([
      `GET /annotationsets/${W}/resources/${R}/annotations?all=true`,
      `GET /annotationsets/${W}/resources/${R}/segmentations?all=false&annotator=ana%40example.com`,
      `GET /annotationsets/${W}/resources/${R}/ai_segmentations`,
    ])
  })

  it('uploadAnnotations: multipart payload (JSON text) and images', async () => {
    wire.route(() => ({ json: { created: [uuid(62)] } }))
    const items = [{ identifier: 'tumor', frame_index: 0, width: 2, height: 2 }]
    const mask = { name: 'mask.png', data: new Uint8Array([137, 80, 78, 71]) }
    expect(await wire.api.annotationWorklists.uploadAnnotations(W, R, items, { images: [mask] })).toEqual({
      created: [uuid(62)],
    })
    const form = await wire.requests[0].form()
    expect(wire.requests[0].path).toBe(`/annotationsets/${W}/resources/${R}/segmentations`)
    expect(JSON.parse(form.get('payload') as string)).toEqual(items)
    const image = form.get('images') as File
    expect([image.name, image.size]).toEqual(['mask.png', 4])
  })

  it('updateAnnotationStatus / getAnnotationStatuses / resetAnnotatorStatus', async () => {
    const row = { resource_id: R, status: 'approved', annotator_email: 'ana@example.com' }
    wire.route((req) => ({ json: req.method === 'DELETE' ? {} : [row] }))
    expect(
      await wire.api.annotationWorklists.updateAnnotationStatus(W, R, 'approved', {
        annotatorEmail: 'ana@example.com',
        message: 'good',
      }),
    ).toEqual([row])
    expect(
      await wire.api.annotationWorklists.getAnnotationStatuses(W, { status: 'approved', resource: R }),
    ).toEqual([row])
    await wire.api.annotationWorklists.resetAnnotatorStatus(W, R, 'ana@example.com')
    expect(seen()).toEqual([
      `POST /annotationsets/${W}/resources/${R}/status`,
      `GET /annotationsets/${W}/annotation-statuses?status=approved&resource_id=${R}`,
      `DELETE /annotationsets/${W}/resources/${R}/annotator/ana@example.com/status-reset`,
    ])
    expect(wire.requests[0].json()).toEqual({
      status: 'approved',
      annotator: 'ana@example.com',
      message: 'good',
    })
  })

  it('statistics and downloadAnnotations', async () => {
    wire.route((req) => {
      if (req.path.endsWith('annotators-statistic'))
        return { json: [{ email: 'ana@example.com', closed: '2' }] }
      if (req.path.endsWith('annotations-statistic')) return { json: [{ identifier: 'tumor', count: 3 }] }
      return { body: 'a,b\n', headers: { 'content-type': 'text/csv' } }
    })
    expect(
      (
        await wire.api.annotationWorklists.getAnnotatorsStatistics(W, { annotatorEmail: 'ana@example.com' })
      )[0].closed,
    ).toBe(2)
    expect(await wire.api.annotationWorklists.getAnnotationsStatistics(W)).toEqual([
      { identifier: 'tumor', count: 3 },
    ])
    const blob = await wire.api.annotationWorklists.downloadAnnotations(W, {
      format: 'excel',
      annotators: ['a@x.io'],
    })
    expect(await blob.text()).toBe('a,b\n')
    expect(seen()).toEqual([
      `GET /annotationsets/${W}/annotators-statistic?email=ana%40example.com`,
      `GET /annotationsets/${W}/annotations-statistic`,
      `GET /annotationsets/${W}/download-annotations?format=excel&annotators%5B%5D=a%40x.io`,
    ])
  })

  it('bad worklist, resource and e-mail arguments are refused before sending', async () => {
    const api = wire.api.annotationWorklists
    for (const call of [
      () => api.getSegmentationGroup('nope'),
      () => api.getAnnotations(W, 'nope'),
      () => api.resetAnnotatorStatus(W, R, 'not-an-email'),
      () => api.deleteSegmentationGroup(W, ''),
      () => api.removeAnnotator(W, 'ana@example.com'),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError)
    }
    expect(wire.requests).toHaveLength(0)
  })
})
