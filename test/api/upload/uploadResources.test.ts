import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FormatError, ValidationError } from '../../../src/api/errors.js'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { FileSkippedError, UploadResourcesError } from '../../../src/api/upload/UploadResourcesError.js'
import type { UploadResourcesProgress } from '../../../src/api/upload/uploadResources.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import {
  fixture,
  projectJson,
  rejectionOf,
  startWire,
  uuid,
  type Wire,
  type WireRequest,
} from '../endpoints/wire.js'
import { makeSeries, splitFrames } from './buildSeries.js'

let wire: Wire
let uploads: Array<{ req: WireRequest; form: FormData }>
let next: number
beforeEach(async () => {
  uploads = []
  next = 0
  wire = await startWire(async (req) => {
    if (req.method === 'POST' && req.path === '/resources') {
      const form = await req.form()
      uploads.push({ req, form })
      const file = form.get('resource') as File
      if (file.name.includes('refused')) return { json: { error: 'storage refused the file' } }
      return { json: { id: uuid(100 + next++) } }
    }
    return { status: 404, json: { detail: 'not here' } }
  })
})
afterEach(() => wire.close())

const ct = fixture('dicom/CT_small.dcm')
const named = (name: string, data: Uint8Array, path?: string) => ({ name, data, path })

async function uploaded(
  i: number,
): Promise<{ file: File; bytes: Uint8Array; fields: Record<string, string> }> {
  const { form } = uploads[i]
  const file = form.get('resource') as File
  const fields: Record<string, string> = {}
  for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v
  return { file, bytes: new Uint8Array(await file.arrayBuffer()), fields }
}

async function frames(bytes: Uint8Array): Promise<Array<ArrayLike<number>>> {
  const dicom = convertFormat(bytes) as DicomData
  const out: Array<ArrayLike<number>> = []
  for (let f = 0; f < dicom.numberOfFrames; f++) out.push((await decodeDicomFrame(dicom, f)).pixelData)
  return out
}

describe('uploadResources: DICOM series assembly', () => {
  it('uploads the instances of a series as one multi-frame file whose frames are the instances in slice order', async () => {
    // Distinct pixels per instance; inputs shuffled.
    const series = makeSeries(ct, 5, (i, t) => t.map((v) => (v + 37 * i) & 0x7fff))
    const order = [3, 0, 4, 1, 2]
    const results = await wire.api.resources.uploadResources(
      order.map((i) => named(`IM${i}.dcm`, series[i], `study/series/IM${i}.dcm`)),
    )
    expect(uploads).toHaveLength(1)
    expect(results).toEqual(order.map(() => uuid(100)))
    const { file, bytes, fields } = await uploaded(0)
    expect(file.type).toBe('application/dicom')
    expect(fields.mimetype).toBe('application/dicom')
    expect(fields.source_filepath).toBe(`study/series/${file.name}`)
    const assembled = await frames(bytes)
    expect(assembled).toHaveLength(5)
    for (let i = 0; i < 5; i++) {
      const [original] = await frames(series[i])
      expect(Array.from(assembled[i]), `frame ${i}`).toEqual(Array.from(original))
    }
    const dicom = convertFormat(bytes) as DicomData
    expect(dicom.dataSet.string('x00280008')).toBe('5')
    const first = (convertFormat(series[0]) as DicomData).dataSet
    expect(dicom.dataSet.string('x0020000e')).toBe(first.string('x0020000e'))
    expect(dicom.dataSet.string('x00080018')).not.toBe(first.string('x00080018'))
    expect(dicom.dataSet.string('x00020003')).toBe(dicom.dataSet.string('x00080018'))
    // Positions differ: they moved to Per-Frame Functional Groups, in frame order.
    expect(dicom.dataSet.elements.x00200032).toBeUndefined()
    const perFrame = dicom.dataSet.elements.x52009230?.items ?? []
    expect(
      perFrame.map((item) => item.dataSet?.elements.x00209113?.items?.[0].dataSet?.string('x00200032')),
    ).toEqual(
      [0, 1, 2, 3, 4].map(
        (i) => `-158.135803\\-179.035797\\${(-75.699997 + 2.5 * i).toFixed(6).replace(/0+$/, '')}`,
      ),
    )
    expect(dicom.dataSet.string('x00204000')).toMatch(/Merged 5 DICOM files/)
  })

  it('splits a multi-frame fixture into instances and assembles them back frame for frame', async () => {
    const original = fixture('generated/SC_rgb_2frame.dcm')
    const instances = splitFrames(original)
    await wire.api.resources.uploadResources([named('b.dcm', instances[1]), named('a.dcm', instances[0])])
    expect(uploads).toHaveLength(1)
    const back = await frames((await uploaded(0)).bytes)
    const want = await frames(original)
    expect(back.map((f) => Array.from(f))).toEqual(want.map((f) => Array.from(f)))
  })

  it('two series, a PNG and a corrupt DICOM: two series files + the image, the corrupt one failed (skip)', async () => {
    const a = makeSeries(ct, 3, (i, t) => t.map((v) => v + i))
    const b = makeSeries(ct, 2, (i, t) => t.map((v) => v * 2 + i))
    const png = fixture('image/ct_small.png')
    const corrupt = a[0].slice(0, 2000)
    const events: UploadResourcesProgress[] = []
    const results = await wire.api.resources.uploadResources(
      [
        named('a1.dcm', a[0]),
        named('b1.dcm', b[0]),
        named('scan.png', png),
        named('a2.dcm', a[1]),
        named('broken.dcm', corrupt),
        named('b2.dcm', b[1]),
        named('a3.dcm', a[2]),
      ],
      { onError: 'skip', concurrency: 2, onProgress: (p) => events.push(p) },
    )
    expect(uploads).toHaveLength(3)
    const ids = results.map((r) => (typeof r === 'string' ? r : r.name))
    expect(ids[0]).toBe(ids[3])
    expect(ids[0]).toBe(ids[6])
    expect(ids[1]).toBe(ids[5])
    expect(new Set([ids[0], ids[1], ids[2]]).size).toBe(3)
    expect(results[4]).toBeInstanceOf(FormatError)
    const last = events[events.length - 1]
    expect(last).toMatchObject({
      done: 7,
      failed: 1,
      totalBytes: a[0].length * 3 + b[0].length * 2 + png.length + 2000,
    })
    expect(
      events
        .filter((e) => e.status === 'done')
        .map((e) => e.index)
        .sort(),
    ).toEqual([0, 1, 2, 3, 5, 6])
    expect(events.find((e) => e.index === 4 && e.status === 'failed')?.error).toBeInstanceOf(FormatError)
    const names = await Promise.all(uploads.map(async (_, i) => (await uploaded(i)).file.name))
    expect(names).toContain('scan.png')
  })

  it('assembleDicoms: false uploads every instance as it is', async () => {
    const a = makeSeries(ct, 2, (i, t) => t.map((v) => v + i))
    const results = await wire.api.resources.uploadResources([named('1.dcm', a[0]), named('2.dcm', a[1])], {
      assembleDicoms: false,
    })
    expect(results).toEqual(
      [uuid(100), uuid(101)].sort().length === 2 ? expect.arrayContaining([uuid(100), uuid(101)]) : [],
    )
    const bytes = await Promise.all(uploads.map(async (_, i) => (await uploaded(i)).bytes))
    expect(bytes.map((b) => b.length).sort()).toEqual([a[0].length, a[1].length])
  })
})

describe('uploadResources: options on the wire', () => {
  it('sends the SDK form fields per file; metadata per input, tags, channel, modality, publish, mungFilename', async () => {
    const png = fixture('image/ct_small.png')
    await wire.api.resources.uploadResources(
      [named('x.png', png, 'siteA/patient7/x.png'), named('y.png', png, 'siteA/patient8/y.png')],
      {
        metadata: [{ modality: 'CT', age: 40 }, undefined],
        tags: [' liver ', 'ct'],
        channel: 'site-A',
        publish: true,
        mungFilename: [2],
        concurrency: 1,
      },
    )
    const first = await uploaded(0)
    const second = await uploaded(1)
    expect(first.file.name).toBe('patient7_x.png')
    expect(first.fields).toEqual({
      source: 'api',
      source_filepath: 'siteA/patient7/x.png',
      mimetype: 'image/png',
      channel: 'site-A',
      modality: 'CT',
      bypass_inbox: 'true',
      tags: 'liver,ct',
      metadata: '{"modality":"CT","age":40}',
    })
    expect(second.file.name).toBe('patient8_y.png')
    expect(second.fields.metadata).toBeUndefined()
  })

  it("onError 'raise': stops starting uploads at the first failure and keeps what finished in error.results", async () => {
    const png = fixture('image/ct_small.png')
    const error = await rejectionOf(() =>
      wire.api.resources.uploadResources(
        [named('ok.png', png), named('refused.png', png), named('later.png', png)],
        { concurrency: 1 },
      ),
    )
    expect(error).toBeInstanceOf(UploadResourcesError)
    const { results } = error as UploadResourcesError
    expect(results[0]).toBe(uuid(100))
    expect((results[1] as Error).message).toMatch(/storage refused/)
    expect(results[2]).toBeInstanceOf(FileSkippedError)
    expect(uploads).toHaveLength(2)
  })

  it('DICOM reports are left out (discardDicomReports) and reported as skipped', async () => {
    const [report] = makeSeries(ct, 1, (_, t) => t)
    // Turn the instance into an SR by modality.
    const text = new TextDecoder('latin1').decode(report)
    const at = text.indexOf('CT', text.indexOf('\u0008\u0000\u0060\u0000'))
    const sr = report.slice()
    sr[at] = 0x53
    sr[at + 1] = 0x52
    const results = await wire.api.resources.uploadResources([
      named('report.dcm', sr),
      named('x.png', fixture('image/ct_small.png')),
    ])
    expect(results[0]).toBeInstanceOf(FileSkippedError)
    expect(results[1]).toBe(uuid(100))
    expect(uploads).toHaveLength(1)
  })

  it('refuses bad input before sending anything', async () => {
    for (const call of [
      () => wire.api.resources.uploadResources([new Uint8Array(3) as never]),
      () => wire.api.resources.uploadResources([named('a.png', ct)], { metadata: [] }),
      () => wire.api.resources.uploadResources([named('a.png', ct)], { onError: 'ignore' as never }),
      () => wire.api.resources.uploadResources([named('a.png', ct)], { concurrency: 0 }),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError)
    }
    expect(wire.requests).toHaveLength(0)
  })

  it('publishTo: resolves the project by name, publishes, then adds every new resource to it', async () => {
    const project = projectJson(uuid(9), { name: 'Liver review' })
    let added: unknown
    wire.route(async (req) => {
      if (req.method === 'GET' && req.path === '/projects') return { json: [projectJson(uuid(8)), project] }
      if (req.method === 'POST' && req.path === '/resources') return { json: { id: uuid(100 + next++) } }
      if (req.method === 'POST' && req.path === `/projects/${uuid(9)}/resources`) {
        added = req.json()
        return { json: {} }
      }
      return { status: 404, json: {} }
    })
    const png = fixture('image/ct_small.png')
    const results = await wire.api.resources.uploadResources([named('a.png', png), named('b.png', png)], {
      publishTo: 'Liver review',
    })
    expect(added).toEqual({ resource_ids_to_add: results, all_files_selected: false })
    const posts = wire.requests.filter((r) => r.path === '/resources')
    for (const post of posts) expect((await post.form()).get('bypass_inbox')).toBe('true')
  })

  it('an aborted upload rejects with the abort reason (raise) or reports it per file (skip)', async () => {
    const controller = new AbortController()
    controller.abort()
    const png = fixture('image/ct_small.png')
    const reason = await rejectionOf(() =>
      wire.api.resources.uploadResources([named('a.png', png)], { signal: controller.signal }),
    )
    expect((reason as Error).name).toBe('AbortError')
    const results = await wire.api.resources.uploadResources([named('a.png', png)], {
      signal: controller.signal,
      onError: 'skip',
    })
    expect((results[0] as Error).name).toBe('AbortError')
    expect(uploads).toHaveLength(0)
  })
})
