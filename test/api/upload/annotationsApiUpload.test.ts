import { decode } from 'fast-png'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { groupByResource } from '../../../src/api/endpoints/AnnotationsApi.js'
import { ServerError, ValidationError } from '../../../src/api/errors.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { annotationKind } from '../../../src/api/models/annotationKinds.js'
import { encodeLabelVolume } from '../../../src/api/upload/niftiLabelVolume.js'
import { annotationJson, fixture, rejectionOf, startWire, uuid, type Wire } from '../endpoints/wire.js'

let wire: Wire
let created: unknown[][]
let files: Array<{ path: string; form: FormData }>
let next: number
const R = uuid(7)

beforeEach(async () => {
  created = []
  files = []
  next = 0
  wire = await startWire(async (req) => {
    if (req.method === 'POST' && req.path === `/annotations/${R}/annotations`) {
      const items = req.json() as unknown[]
      created.push(items)
      return { json: items.map(() => uuid(500 + next++)) }
    }
    if (req.method === 'POST' && req.path === `/annotations/${R}/segmentations/file`) {
      files.push({ path: req.path, form: await req.form() })
      return { json: [uuid(900), uuid(901)] }
    }
    if (req.method === 'POST' && req.path.endsWith('/file')) {
      files.push({ path: req.path, form: await req.form() })
      return { json: {} }
    }
    return { status: 404, json: { detail: 'not here' } }
  })
})
afterEach(() => wire.close())

async function png(i: number): Promise<{ name: string; type: string; pixels: number[] }> {
  const file = files[i].form.get('file') as File
  const image = decode(new Uint8Array(await file.arrayBuffer()))
  return { name: file.name, type: file.type, pixels: Array.from(image.data) }
}

describe('uploadSegmentations', () => {
  it('grey label array: one annotation per label and frame, then one binary PNG per annotation', async () => {
    // 2 frames of 3×1: frame 0 has labels 1 and 2, frame 1 only zeros.
    const mask = { width: 3, height: 1, frames: 2, data: new Uint8Array([1, 2, 1, 0, 0, 0]) }
    const ids = await wire.api.annotations.uploadSegmentations(R, mask, {
      name: { 1: 'liver', default: 'other' },
      frameIndex: [4, 5],
      authorEmail: 'doc@example.com',
      worklistId: uuid(60),
    })
    expect(ids).toEqual([uuid(500), uuid(501)])
    expect(created).toEqual([
      [
        {
          type: 'segmentation',
          identifier: 'liver',
          scope: 'frame',
          frame_index: 4,
          annotation_worklist_id: uuid(60),
          import_author: 'doc@example.com',
          source: 'imported',
        },
        {
          type: 'segmentation',
          identifier: 'other',
          scope: 'frame',
          frame_index: 4,
          annotation_worklist_id: uuid(60),
          import_author: 'doc@example.com',
          source: 'imported',
        },
      ],
    ])
    expect(files.map((f) => f.path)).toEqual([
      `/annotations/${R}/annotations/${uuid(500)}/file`,
      `/annotations/${R}/annotations/${uuid(501)}/file`,
    ])
    expect(await png(0)).toEqual({ name: 'liver.png', type: 'image/png', pixels: [255, 0, 255] })
    expect(await png(1)).toEqual({ name: 'other.png', type: 'image/png', pixels: [0, 255, 0] })
  })

  it('RGB PNG: labels by colour; unnamed colours get default; model name marks it as a model', async () => {
    const { encode } = await import('fast-png')
    const rgb = encode({ width: 2, height: 1, channels: 3, data: new Uint8Array([255, 0, 0, 0, 255, 0]) })
    await wire.api.annotations.uploadSegmentations(R, rgb, { name: { '255,0,0': 'red' }, modelName: 'net' })
    expect(created[0]).toEqual([
      expect.objectContaining({ identifier: 'red', frame_index: 0, model_id: 'net', is_model: true }),
      expect.objectContaining({ identifier: 'seg_0_255_0' }),
    ])
  })

  it('refuses two labels of one frame with the same name, and a bad mask, before sending', async () => {
    const mask = { width: 2, height: 1, data: new Uint8Array([1, 2]) }
    expect(
      await rejectionOf(() => wire.api.annotations.uploadSegmentations(R, mask, { name: 'x' })),
    ).toBeInstanceOf(ValidationError)
    expect(
      await rejectionOf(() =>
        wire.api.annotations.uploadSegmentations(R, { width: 2, height: 2, data: new Uint8Array(3) }),
      ),
    ).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(0)
  })
})

describe('uploadVolumeSegmentation', () => {
  it('NIfTI bytes: multipart file + segmentation_map + source fields, answers the ids', async () => {
    const nifti = fixture('nifti/anatomical.nii')
    const ids = await wire.api.annotations.uploadVolumeSegmentation(R, nifti, {
      name: { 1: 'liver', 2: 'tumor' },
      modelName: 'seg-net',
      worklistId: uuid(61),
    })
    expect(ids).toEqual([uuid(900), uuid(901)])
    const { form } = files[0]
    const file = form.get('file') as File
    expect(file.name).toBe('segmentation.nii')
    expect(file.type).toBe('application/nifti')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(nifti)
    expect(JSON.parse(await (form.get('segmentation_map') as File).text())).toEqual({
      1: 'liver',
      2: 'tumor',
    })
    expect(form.get('model_id')).toBe('seg-net')
    expect(form.get('annotation_worklist_id')).toBe(uuid(61))
    expect(form.get('source')).toBe('imported')
  })

  it('a label volume is encoded as a NIfTI-1 the library reads back voxel for voxel', async () => {
    const data = new Uint8Array(4 * 3 * 2).map((_, i) => i % 3)
    const bytes = encodeLabelVolume({ dims: [4, 3, 2], data })
    const back = convertFormat(bytes)
    expect(back.kind).toBe('nifti')
    if (back.kind !== 'nifti') return
    expect(back.dims.slice(0, 3)).toEqual([4, 3, 2])
    expect(Array.from(back.voxels as ArrayLike<number>)).toEqual(Array.from(data))
    await wire.api.annotations.uploadVolumeSegmentation(
      R,
      { dims: [4, 3, 2], data },
      { name: { 1: 'a', 2: 'b' } },
    )
    expect(files[0].form.get('file')).toBeInstanceOf(File)
  })

  it('refuses bytes that are not NIfTI; an error body is a ServerError', async () => {
    expect(
      await rejectionOf(() =>
        wire.api.annotations.uploadVolumeSegmentation(R, fixture('image/ct_small.png')),
      ),
    ).toBeInstanceOf(ValidationError)
    wire.route(() => ({ json: { error: 'bad volume' } }))
    expect(
      await rejectionOf(() =>
        wire.api.annotations.uploadVolumeSegmentation(R, fixture('nifti/anatomical.nii')),
      ),
    ).toBeInstanceOf(ServerError)
  })
})

describe('typed creators', () => {
  it('createImageClassification and createNumericAnnotation send the SDK payloads', async () => {
    await wire.api.annotations.createImageClassification(R, 'diagnosis', 'benign', {
      importedFrom: 'pacs',
      modelId: 'm1',
    })
    await wire.api.annotations.createNumericAnnotation(R, 'count', 3)
    await wire.api.annotations.createNumericAnnotation(R, 'volume', 12.5, { units: 'ml' })
    expect(created).toEqual([
      [
        {
          type: 'category',
          identifier: 'diagnosis',
          scope: 'image',
          value: 'benign',
          imported_from: 'pacs',
          model_id: 'm1',
          is_model: true,
          source: 'imported',
        },
      ],
      [{ type: 'integer', identifier: 'count', scope: 'image', value: 3, source: 'imported' }],
      [{ type: 'float', identifier: 'volume', scope: 'image', value: 12.5, units: 'ml', source: 'imported' }],
    ])
  })

  it('line and box in pixel coordinates: z is the frame, box corners in SDK order', async () => {
    await wire.api.annotations.addLineAnnotation([0, 0], [10, 30], R, 'Line1', { frameIndex: 2 })
    await wire.api.annotations.addBoxAnnotation([1, 2], [5, 9], R, 'Box1', { frameIndex: 0 })
    expect(created[0]).toEqual([
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
        source: 'imported',
      },
    ])
    expect((created[1][0] as { geometry: unknown }).geometry).toEqual({
      points: [
        [1, 2, 0],
        [5, 2, 0],
        [1, 9, 0],
        [5, 9, 0],
      ],
    })
  })

  it('pixel points with the DICOM geometry become patient coordinates with view vectors', async () => {
    const ct = convertFormat(fixture('dicom/CT_small.dcm'))
    await wire.api.annotations.addLineAnnotation([0, 0], [10, 0], R, 'd', { metadata: ct, frameIndex: 0 })
    const { geometry, scope } = created[0][0] as {
      geometry: { points: number[][]; viewPlaneNormal: number[]; viewUp: number[] }
      scope: string
    }
    expect(scope).toBe('image')
    // CT_small: origin (-158.135803, -179.035797, -75.699997), rows along +x, spacing 0.661468 mm.
    expect(geometry.points[0]).toEqual([-158.135803, -179.035797, -75.699997])
    expect(geometry.points[1][0]).toBeCloseTo(-158.135803 + 10 * 0.661468, 4)
    expect(geometry.viewPlaneNormal).toEqual([0, 0, 1])
    expect(geometry.viewUp).toEqual([0, 1, 0])
  })

  it("patient coordinates fetch the resource's file for the view vectors", async () => {
    const ct = fixture('dicom/CT_small.dcm')
    const inner = wire
    const base = inner.requests.length
    wire.route(async (req) => {
      if (req.path === `/resources/${R}/file`) return { body: ct }
      return { json: [uuid(700)] }
    })
    await wire.api.annotations.addBoxAnnotation([0, 0, 0], [10, 10, 0], R, 'b', { coordsSystem: 'patient' })
    expect(wire.requests.slice(base).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /resources/${R}/file`,
      `POST /annotations/${R}/annotations`,
    ])
    const body = wire.requests[base + 1].json() as Array<{
      geometry: { points: number[][]; viewUp: number[] }
    }>
    expect(body[0].geometry.points).toEqual([
      [0, 0, 0],
      [10, 0, 0],
      [0, 10, 0],
      [10, 10, 0],
    ])
    expect(body[0].geometry.viewUp).toEqual([0, 1, 0])
    expect(
      await rejectionOf(() =>
        wire.api.annotations.addLineAnnotation([0, 0], [1, 1], R, 'x', { coordsSystem: 'patient' }),
      ),
    ).toBeInstanceOf(ValidationError)
  })

  it('uploadPredictions: segmentations, volumes and plain annotations marked with the model', async () => {
    const ids = await wire.api.annotations.uploadPredictions(
      R,
      [
        {
          kind: 'segmentation',
          mask: { width: 1, height: 1, data: new Uint8Array([1]) },
          name: 'lesion',
          frameIndex: 3,
        },
        { type: 'category', identifier: 'malignancy', scope: 'image', value: 'low' },
        { kind: 'volume-segmentation', volume: fixture('nifti/anatomical.nii'), classMap: { 1: 'x' } },
      ],
      { modelName: 'net', source: 'model_pipeline' },
    )
    expect(ids).toEqual([uuid(500), uuid(501), uuid(900), uuid(901)])
    expect(created[1]).toEqual([
      {
        type: 'category',
        identifier: 'malignancy',
        scope: 'image',
        value: 'low',
        model_id: 'net',
        is_model: true,
        source: 'model_pipeline',
      },
    ])
  })
})

describe('downloads, grouping and kinds', () => {
  it('downloadFiles yields each annotation file; getListByResource groups one search by resource', async () => {
    const a = annotationJson(uuid(1), { resource_id: R })
    const b = annotationJson(uuid(2), { resource_id: uuid(8) })
    wire.route((req) => {
      if (req.path === '/annotations/search') return { json: [b, a] }
      return { body: new Uint8Array([1, 2, 3]) }
    })
    const got: number[] = []
    for await (const item of wire.api.annotations.downloadFiles([a as never, b as never]))
      got.push((item.data as Uint8Array).length)
    expect(got).toEqual([3, 3])
    const grouped = await wire.api.annotations.getListByResource([R, uuid(8), uuid(9)])
    expect(grouped.map((g) => g.map((x) => x.id))).toEqual([[uuid(1)], [uuid(2)], []])
    expect(wire.requests.find((r) => r.path === '/annotations/search')?.json()).toMatchObject({
      resource_ids: [R, uuid(8), uuid(9)],
    })
    expect(groupByResource([a, b] as never[], [uuid(8)])).toEqual([[b]])
  })

  it('annotationKind follows the SDK dispatch and checks geometry shapes', () => {
    const kind = (extra: Record<string, unknown>) =>
      annotationKind({ id: uuid(1), identifier: 'x', annotation_type: 'label', ...extra })
    expect(
      kind({
        annotation_type: 'line',
        geometry: {
          points: [
            [0, 0, 2],
            [10, 30, 2],
          ],
        },
      }),
    ).toBe('line')
    expect(kind({ annotation_type: 'line', geometry: { points: [[0, 0]] } })).toBe('other')
    expect(
      kind({
        annotation_type: 'square',
        geometry: {
          points: [
            [0, 0, 0],
            [1, 0, 0],
            [0, 1, 0],
            [1, 1, 0],
          ],
        },
      }),
    ).toBe('box')
    expect(kind({ annotation_type: 'segmentation', class_map: { 1: 'a' } })).toBe('volume-segmentation')
    expect(kind({ annotation_type: 'segmentation' })).toBe('image-segmentation')
    expect(kind({ annotation_type: 'category' })).toBe('classification')
    expect(kind({ annotation_type: 'float' })).toBe('numeric')
    expect(kind({ annotation_type: 'label' })).toBe('other')
  })
})
