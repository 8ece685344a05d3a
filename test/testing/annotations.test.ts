import { describe, expect, it } from 'vitest'
import { seedFiles, startDatamintServer } from './harness.js'

const { call, datamint } = startDatamintServer()
const MISSING = '00000000-0000-4000-8000-000000000000'

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Wire = any

async function search(body: Record<string, unknown> = {}): Promise<Wire[]> {
  const answer = await call('POST', '/annotations/search', { json: body })
  expect(answer.status).toBe(200)
  expect(Number(answer.body.totalCount)).toBeGreaterThanOrEqual(answer.body.data.length)
  return answer.body.data
}
const resourceId = (filename: string) =>
  datamint.db.liveResources().find((r) => r.filename === filename)?.id as string

describe('POST /annotations/search', () => {
  it('lists live annotations; AI segmentations only with load_ai_segmentations', async () => {
    const plain = await search()
    const withAi = await search({ load_ai_segmentations: true })
    expect(withAi.length).toBe(plain.length + 1)
    expect(withAi.find((a) => !plain.some((p) => p.id === a.id))).toMatchObject({
      annotation_type: 'segmentation',
      is_model: true,
    })
    expect(plain[0]).toMatchObject({ deleted: false, resource_filename: expect.any(String) })
  })

  it('pages with offset/limit in the body, sent as strings like the SDK', async () => {
    const all = await search({ load_ai_segmentations: true })
    const pages: Wire[] = []
    for (let offset = 0; offset < all.length; offset += 3) {
      pages.push(...(await search({ load_ai_segmentations: true, offset: String(offset), limit: '3' })))
    }
    expect(pages).toEqual(all)
    expect((await call('POST', '/annotations/search', { json: { limit: 'x' } })).status).toBe(422)
  })

  it('filters by resource_id, resource_ids, type, annotator, status, dates, dataset and worklist', async () => {
    const all = await search({ load_ai_segmentations: true })
    const ct = resourceId('CT_small.dcm')
    const mr = resourceId('MR_small.dcm')
    expect((await search({ resource_id: ct })).map((a) => a.identifier).sort()).toEqual([
      'Nodule box',
      'finding',
    ])
    expect(await search({ resource_ids: [ct, mr] })).toHaveLength(4)
    const numeric = await search({ annotation_type: 'numeric' })
    expect(numeric.map((a) => a.identifier).sort()).toEqual(['max dose', 'ventricle width'])
    const annotator = all[0].created_by
    expect(await search({ annotatorEmail: annotator.toUpperCase(), load_ai_segmentations: true })).toEqual(
      all.filter((a) => a.created_by === annotator),
    )
    const published = await search({ status: 'published' })
    expect(published.length).toBeGreaterThan(0)
    expect(published.every((a) => a.status === 'published' && a.approved_by)).toBe(true)
    expect((await call('POST', '/annotations/search', { json: { status: 'done' } })).status).toBe(422)
    const times = all.map((a) => a.created_at).sort()
    expect(await search({ from: times[2], to: times[4], load_ai_segmentations: true })).toHaveLength(3)
    // A bare day as `to` covers the whole day.
    const lastDay = times[times.length - 1].slice(0, 10)
    expect(await search({ to: lastDay, load_ai_segmentations: true })).toHaveLength(all.length)
    const dicomDataset = datamint.db.liveDatasets().find((d) => d.name === 'Public DICOM samples')
    const inDataset = await search({ dataset_id: dicomDataset?.id })
    expect(inDataset.length).toBeGreaterThan(0)
    expect(inDataset.every((a) => dicomDataset?.resource_ids.includes(a.resource_id))).toBe(true)
    expect(await search({ annotation_worklist_id: MISSING })).toEqual([])
    expect((await call('POST', '/annotations/search', { json: { resource_id: 'nope' } })).status).toBe(422)
  })
})

describe('POST /annotations/:resourceId/annotations', () => {
  it('creates the annotations of an SDK-style array body and answers their ids', async () => {
    const rid = resourceId('rtdose.dcm')
    const answer = await call('POST', `/annotations/${rid}/annotations`, {
      json: [
        { type: 'category', identifier: 'organ', scope: 'image', value: 'liver', imported_from: 'test' },
        {
          type: 'line',
          identifier: 'Line1',
          scope: 'frame',
          frame_index: 2,
          geometry: {
            points: [
              [0, 0, 2],
              [10, 30, 2],
            ],
          },
          is_model: true,
          model_id: 'model-123',
        },
      ],
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toHaveLength(2)
    const [category, line] = await Promise.all(
      answer.body.map(async (id: string) => (await call('GET', `/annotations/${id}`)).body),
    )
    expect(category).toMatchObject({
      resource_id: rid,
      annotation_type: 'category',
      identifier: 'organ',
      text_value: 'liver',
      scope: 'image',
      frame_index: null,
      status: 'new',
      created_by: 'admin@datamint.test',
      imported_from: 'test',
      resource_filename: 'rtdose.dcm',
    })
    expect(line).toMatchObject({ scope: 'frame', frame_index: 2, is_model: true, model_id: 'model-123' })
    expect((await search({ resource_id: rid })).map((a) => a.id)).toEqual(expect.arrayContaining(answer.body))
  })

  it('accepts a single object and numeric values', async () => {
    const answer = await call('POST', `/annotations/${resourceId('MR_small.dcm')}/annotations`, {
      json: { type: 'numeric', name: 'volume', value: 3.5, units: 'ml' },
    })
    const created = (await call('GET', `/annotations/${answer.body[0]}`)).body
    expect(created).toMatchObject({ identifier: 'volume', numeric_value: 3.5, units: 'ml', text_value: null })
  })

  it('404s an unknown resource and 422s invalid annotations, creating none of a bad batch', async () => {
    const before = datamint.db.annotations.size
    expect((await call('POST', `/annotations/${MISSING}/annotations`, { json: [] })).status).toBe(404)
    const rid = resourceId('CT_small.dcm')
    const bad = [
      [{ identifier: 'no type' }],
      [{ type: 'category' }],
      [{ type: 'line', identifier: 'x', scope: 'frame' }],
      [{ type: 'line', identifier: 'x', scope: 'volume' }],
      [{ type: 'line', identifier: 'x', frame_index: -1 }],
      [{ type: 'category', identifier: 'ok' }, 'nope'],
      [],
    ]
    for (const json of bad)
      expect((await call('POST', `/annotations/${rid}/annotations`, { json })).status).toBe(422)
    expect(datamint.db.annotations.size).toBe(before)
  })
})

describe('changing annotations', () => {
  it('PATCH /annotations/:id changes identifier and project ({} answer), 404/422 on bad input', async () => {
    const [first] = await search()
    const project = datamint.db.liveProjects()[0]
    const answer = await call('PATCH', `/annotations/${first.id}`, {
      json: { identifier: 'renamed', project_id: project.id },
    })
    expect(answer).toMatchObject({ status: 200, body: {} })
    expect((await call('GET', `/annotations/${first.id}`)).body).toEqual({
      ...first,
      identifier: 'renamed',
      project_id: project.id,
    })
    expect((await call('PATCH', `/annotations/${first.id}`, { json: { identifier: '' } })).status).toBe(422)
    expect((await call('PATCH', `/annotations/${first.id}`, { json: { project_id: MISSING } })).status).toBe(
      404,
    )
    expect((await call('PATCH', `/annotations/${MISSING}`, { json: {} })).status).toBe(404)
  })

  it('PATCH /annotations/:id/approve publishes with approved_at/approved_by', async () => {
    const [fresh] = await search({ status: 'new' })
    const answer = await call('PATCH', `/annotations/${fresh.id}/approve`)
    expect(answer.body).toMatchObject({
      id: fresh.id,
      status: 'published',
      approved_by: 'admin@datamint.test',
      approved_at: expect.any(String),
    })
  })

  it('POST /annotations/delete-batch soft-deletes all or, with an unknown id, none', async () => {
    const [a, b, c] = await search()
    const partial = await call('POST', '/annotations/delete-batch', { json: { ids: [a.id, MISSING] } })
    expect(partial.status).toBe(404)
    expect(datamint.db.annotations.get(a.id)?.deleted).toBe(false)
    const answer = await call('POST', '/annotations/delete-batch', { json: { ids: [a.id, b.id] } })
    expect(answer.body).toEqual({ deleted: 2 })
    expect(datamint.db.annotations.get(a.id)).toMatchObject({
      deleted: true,
      deleted_by: 'admin@datamint.test',
    })
    expect((await search()).map((x) => x.id)).not.toContain(a.id)
    expect((await call('GET', `/annotations/${b.id}`)).status).toBe(404)
    expect((await call('POST', '/annotations/delete-batch', { json: { ids: [] } })).status).toBe(422)
    expect((await call('DELETE', `/annotations/${c.id}`)).status).toBe(200)
    expect((await call('DELETE', `/annotations/${c.id}`)).status).toBe(404)
  })
})

describe('GET /annotations/:resourceId/annotations/:id/file', () => {
  it('answers a file put in db.annotationFiles, and 404s an annotation without one or on another resource', async () => {
    const [segmentation] = await search({ annotation_type: 'segmentation', load_ai_segmentations: true })
    const path = `/annotations/${segmentation.resource_id}/annotations/${segmentation.id}/file`
    const missing = await call('GET', path)
    expect(missing.status).toBe(404)
    expect(missing.body.message).toContain('has no file')
    const nifti = seedFiles.find((f) => f.filename === 'anatomical.nii')?.bytes as Uint8Array
    datamint.db.annotationFiles.set(segmentation.id, { bytes: nifti, mimetype: 'application/nifti' })
    const answer = await call('GET', path)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-length')).toBe(String(nifti.byteLength))
    expect(Buffer.from(answer.body).equals(Buffer.from(nifti))).toBe(true)
    const other = resourceId('CT_small.dcm')
    expect((await call('GET', `/annotations/${other}/annotations/${segmentation.id}/file`)).status).toBe(404)
  })
})
