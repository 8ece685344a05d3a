import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ItemNotFoundError } from '../../../src/api/errors.js'
import {
  type BulkDownloadProgress,
  downloadInCompletionOrder,
} from '../../../src/api/upload/downloadInCompletionOrder.js'
import { zipDownloads } from '../../../src/api/upload/zipDownloads.js'
import {
  annotationJson,
  fixture,
  resourceJson,
  sameBytes,
  startWire,
  uuid,
  type Wire,
} from '../endpoints/wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const R1 = uuid(1)
const R2 = uuid(2)
const R3 = uuid(3)

describe('ResourcesApi tags', () => {
  it('setTags: one resource → PUT /resources/{id}/tags {tags}; several → PUT /resources/tags {resource_ids, tags}', async () => {
    wire.route(() => ({ json: {} }))
    await wire.api.resources.setTags(R1, ['liver', ' liver', 'ct'])
    await wire.api.resources.setTags([R1, resourceJson(R2) as never], ['a'])
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /resources/${R1}/tags`,
      'PUT /resources/tags',
    ])
    expect(wire.requests[0].json()).toEqual({ tags: ['liver', 'ct'] })
    expect(wire.requests[1].json()).toEqual({ resource_ids: [R1, R2], tags: ['a'] })
  })

  it('addTags: fetches ids to learn their tags, then one PUT per group of equal tags', async () => {
    wire.route((req) => {
      if (req.method === 'GET' && req.path === `/resources/${R1}`)
        return { json: resourceJson(R1, { tags: ['a'] }) }
      if (req.method === 'GET' && req.path === `/resources/${R2}`)
        return { json: resourceJson(R2, { tags: ['a'] }) }
      return { json: {} }
    })
    await wire.api.resources.addTags([R1, R2, resourceJson(R3, { tags: ['b'] }) as never], ['new'])
    const puts = wire.requests.filter((r) => r.method === 'PUT')
    expect(puts.map((r) => r.json())).toEqual([
      { resource_ids: [R1, R2], tags: ['a', 'new'] },
      { resource_ids: [R3], tags: ['b', 'new'] },
    ])
    await wire.api.resources.addTags(resourceJson(R3, { tags: ['b'] }) as never, ['b', 'c'])
    const last = wire.requests[wire.requests.length - 1]
    expect(last.path).toBe(`/resources/${R3}/tags`)
    expect(last.json()).toEqual({ tags: ['b', 'c'] })
  })
})

describe('ResourcesApi lists', () => {
  it('getNotAnnotated: GET /resources/not-annotated with the filters and paging, nested answer', async () => {
    wire.route(() => ({ json: { data: [{ resources: [resourceJson(R1)] }], totalCount: '1' } }))
    const list = await wire.api.resources.getNotAnnotated({ status: 'inbox', limit: 1 })
    expect(list.map((r) => r.id)).toEqual([R1])
    expect(wire.requests[0].path).toBe('/resources/not-annotated')
    expect(Object.fromEntries(wire.requests[0].query)).toEqual({ status: 'inbox', offset: '0', limit: '1' })
    await wire.api.resources.getNotAnnotated()
    expect(wire.requests[1].query.has('status')).toBe(false)
  })

  it('getAnnotations: POST /annotations/search for the resource with AI segmentations', async () => {
    wire.route(() => ({ json: [annotationJson(uuid(50), { resource_id: R1 })] }))
    const list = await wire.api.resources.getAnnotations(R1, { annotationType: 'segmentation' })
    expect(list).toHaveLength(1)
    expect(wire.requests[0].path).toBe('/annotations/search')
    expect(wire.requests[0].json()).toMatchObject({
      resource_id: R1,
      annotation_type: 'segmentation',
      load_ai_segmentations: true,
    })
  })

  it('sourceFilepath: reads all pages without the limit, compares normalised paths, then applies limit', async () => {
    wire.route(() => ({
      json: [
        resourceJson(R1, { source_filepath: '/data/study/./a.dcm' }),
        resourceJson(R2, { source_filepath: '/data/other/a.dcm' }),
        resourceJson(R3, { source_filepath: '/data/study/x/../a.dcm' }),
      ],
    }))
    const list = await wire.api.resources.getList({
      sourceFilepath: '/data/study/a.dcm',
      modality: 'CT',
      limit: 1,
    })
    expect(list.map((r) => r.id)).toEqual([R1])
    expect(wire.requests[0].query.get('limit')).toBe('5000')
    expect(wire.requests[0].query.get('modality')).toBe('CT')
    expect(wire.requests[0].query.has('sourceFilepath')).toBe(false)
  })
})

describe('ResourcesApi.downloadResourceFiles and zipDownloads', () => {
  const ct = fixture('dicom/CT_small.dcm')
  const png = fixture('image/ct_small.png')

  it('yields every file in completion order with progress; a failure does not stop the others', async () => {
    wire.route(async (req) => {
      if (req.path === `/resources/${R1}/file`) {
        await new Promise((r) => setTimeout(r, 60))
        return { body: ct, chunks: 4 }
      }
      if (req.path === `/resources/${R2}/file`) return { body: png }
      return { status: 404, json: { detail: 'Resource not found' } }
    })
    const events: BulkDownloadProgress[] = []
    const seen: string[] = []
    for await (const item of wire.api.resources.downloadResourceFiles([R1, R2, R3], {
      autoConvert: false,
      concurrency: 3,
      onProgress: (p) => events.push(p),
    })) {
      seen.push(`${item.resource as string}:${item.data ? item.data.length : (item.error as Error).name}`)
    }
    expect(seen).toEqual([`${R2}:${png.length}`, `${R3}:ItemNotFoundError`, `${R1}:${ct.length}`])
    expect(events[events.length - 1]).toEqual({
      done: 3,
      failed: 1,
      total: 3,
      transferredBytes: ct.length + png.length,
      fraction: 1,
    })
    // Progress never goes back.
    for (let i = 1; i < events.length; i++)
      expect(events[i].fraction).toBeGreaterThanOrEqual(events[i - 1].fraction)
  })

  it('converts by default', async () => {
    wire.route(() => ({ body: png }))
    const kinds: string[] = []
    for await (const item of wire.api.resources.downloadResourceFiles([R1, R2]))
      kinds.push(item.data?.kind ?? 'error')
    expect(kinds).toEqual(['image', 'image'])
  })

  it('leaving the loop early aborts the downloads in flight and starts no more', async () => {
    const signals: AbortSignal[] = []
    const started: number[] = []
    const items = [0, 1, 2, 3]
    for await (const item of downloadInCompletionOrder(
      'n',
      items,
      (n, { signal }) => {
        started.push(n)
        signals.push(signal)
        return new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => resolve(n), n === 0 ? 1 : 10_000)
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            reject(signal.reason)
          })
        })
      },
      { concurrency: 2 },
    )) {
      expect(item.n).toBe(0)
      break
    }
    expect(started).toEqual([0, 1])
    expect(signals[1].aborted).toBe(true)
  })

  it('zipDownloads writes the files into a ZIP (unique names) and lists the failures', async () => {
    wire.route((req) => {
      if (req.path === `/resources/${R3}/file`) return { status: 404, json: { detail: 'Resource not found' } }
      return { body: req.path.includes(R1) ? ct : png }
    })
    const resources = [
      resourceJson(R1, { filename: 'a.dcm' }),
      resourceJson(R2, { filename: 'a.dcm', mimetype: 'image/png' }),
      resourceJson(R3, { filename: 'gone.dcm' }),
    ] as never[]
    const { blob, names, failures } = await zipDownloads(
      wire.api.resources.downloadResourceFiles(resources, { autoConvert: false, concurrency: 1 }),
    )
    expect(blob.type).toBe('application/zip')
    expect(names).toEqual(['a.dcm', 'a (2).dcm'])
    expect(failures).toHaveLength(1)
    expect(failures[0].error).toBeInstanceOf(ItemNotFoundError)
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()))
    expect(Object.keys(files).sort()).toEqual(['a (2).dcm', 'a.dcm'])
    expect(sameBytes(files['a.dcm'], ct)).toBe(true)
    expect(sameBytes(files['a (2).dcm'], png)).toBe(true)
  })
})
