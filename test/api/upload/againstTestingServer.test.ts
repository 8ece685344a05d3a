import { describe, expect, it } from 'vitest'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { UploadResourcesError } from '../../../src/api/upload/UploadResourcesError.js'
import { startDatamintServer } from '../../testing/harness.js'
import { fixture, rejectionOf } from '../endpoints/wire.js'
import { makeSeries } from './buildSeries.js'

// The upload, tag, segmentation and download flows against the in-memory server of `datamint-react/testing`.
const { datamint } = startDatamintServer()
const api = () =>
  new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: datamint.apiKey ?? undefined, maxRetries: 0 })
const ct = fixture('dicom/CT_small.dcm')

describe('upload flows against the in-memory server', () => {
  it('a folder with a series and a PNG, published into a project by name: the project lists both', async () => {
    const a = api()
    const [project] = await a.projects.getAll()
    const series = makeSeries(ct, 3, (i, t) => t.map((v) => v + i))
    const files = [
      ...series.map((data, i) => ({ name: `IM${i}.dcm`, data })),
      { name: 'x.png', data: fixture('image/ct_small.png') },
    ]
    const results = await a.resources.uploadResources(files, { publishTo: project.name, tags: ['batch'] })
    const [seriesId, , , pngId] = results as string[]
    expect(results.slice(0, 3)).toEqual([seriesId, seriesId, seriesId])
    const listed = (await a.projects.getProjectResources(project)).map((r) => r.id)
    expect(listed).toEqual(expect.arrayContaining([seriesId, pngId]))
    const resource = await a.resources.getById(seriesId)
    expect(resource.status).toBe('published')
    expect(resource.tags).toEqual(['batch'])
    const file = (await a.resources.downloadResourceFile(seriesId)) as DicomData
    expect(file.numberOfFrames).toBe(3)
  })

  it('tags: set on several, add keeps the old ones; lists filter by them', async () => {
    const a = api()
    const [r1, r2] = await a.resources.getAll(2)
    await a.resources.setTags([r1, r2], ['x'])
    await a.resources.addTags([r1.id], ['y'])
    expect((await a.resources.getById(r1.id)).tags).toEqual(['x', 'y'])
    expect((await a.resources.getById(r2.id)).tags).toEqual(['x'])
    expect((await a.resources.getList({ tags: ['y'] })).map((r) => r.id)).toEqual([r1.id])
  })

  it('getNotAnnotated lists exactly the resources without annotations', async () => {
    const a = api()
    const all = await a.resources.getAll()
    const annotated = new Set(
      (await a.annotations.getList({ resource: all.map((r) => r.id), loadAiSegmentations: true })).map(
        (x) => x.resource_id,
      ),
    )
    const notAnnotated = await a.resources.getNotAnnotated()
    expect(notAnnotated.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => !annotated.has(r.id))
        .map((r) => r.id)
        .sort(),
    )
  })

  it('segmentations: created per label, their PNG served back by downloadFile; volume files too', async () => {
    const a = api()
    const id = await a.resources.uploadResource(ct, { filename: 'seg-target.dcm' })
    const mask = { width: 2, height: 2, data: new Uint8Array([1, 0, 2, 2]) }
    const ids = await a.annotations.uploadSegmentations(id, mask, {
      name: { 1: 'liver', 2: 'tumor' },
      frameIndex: 0,
    })
    expect(ids).toHaveLength(2)
    const annotations = await a.resources.getAnnotations(id, { annotationType: 'segmentation' })
    expect(annotations.map((x) => [x.identifier, x.frame_index]).sort()).toEqual([
      ['liver', 0],
      ['tumor', 0],
    ])
    const liver = annotations.find((x) => x.identifier === 'liver')
    const png = await a.annotations.downloadFile(liver as never, { autoConvert: true })
    expect(png.kind).toBe('image')
    const nifti = fixture('nifti/anatomical.nii')
    const volumeIds = await a.annotations.uploadVolumeSegmentation(id, nifti, { name: { 1: 'brain' } })
    const [volume] = await Promise.all(volumeIds.map((v) => a.annotations.getById(v)))
    expect(volume.annotation_type).toBe('segmentation')
    expect((volume as { class_map?: unknown }).class_map).toEqual({ 1: 'brain' })
    expect(await a.annotations.downloadFile(volume)).toEqual(nifti)
  })

  it('an injected upload failure fails that file only (skip), and raise keeps the finished ids', async () => {
    const a = api()
    datamint.inject('POST /resources', { status: 500, times: 1 })
    const png = fixture('image/ct_small.png')
    const results = await a.resources.uploadResources(
      [
        { name: 'a.png', data: png },
        { name: 'b.png', data: png },
      ],
      { onError: 'skip', concurrency: 1 },
    )
    expect(results[0]).toBeInstanceOf(Error)
    expect(typeof results[1]).toBe('string')
    datamint.inject('POST /resources', { status: 500, times: 1 })
    const error = await rejectionOf(() =>
      a.resources.uploadResources([{ name: 'c.png', data: png }], { onError: 'raise' }),
    )
    expect(error).toBeInstanceOf(UploadResourcesError)
  })
})
