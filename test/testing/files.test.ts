import { unzlibSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { nestedResources, seedFiles, startDatamintServer } from './harness.js'

const { call, datamint } = startDatamintServer({ chunkSize: 4096 })

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Wire = any

// toEqual walks typed arrays element by element: slow for whole files.
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

async function resourceNamed(filename: string): Promise<Wire> {
  const answer = await call('GET', '/resources', { query: { filename } })
  return nestedResources(answer.body).find((r: Wire) => r.filename === filename)
}

/** Width, height, colour type and raw pixels (filter bytes removed; filters must be 0) of a PNG. */
function readPng(png: Uint8Array) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  const colourType = png[25]
  const idat: number[] = []
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    if (type === 'IDAT') idat.push(...png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = unzlibSync(new Uint8Array(idat))
  const channels = colourType === 2 ? 3 : 1
  expect(raw.length).toBe((width * channels + 1) * height)
  return { width, height, colourType, raw }
}

describe('GET /resources/:id/file', () => {
  it('answers every fixture byte for byte with Content-Type and Content-Length', async () => {
    for (const file of seedFiles) {
      const resource = await resourceNamed(file.filename)
      const answer = await call('GET', `/resources/${resource.id}/file`, {
        headers: { accept: 'application/octet-stream' },
      })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe(resource.mimetype)
      expect(answer.headers.get('content-length')).toBe(String(file.bytes.byteLength))
      expect(answer.headers.get('content-disposition')).toContain(file.filename)
      expect(sameBytes(answer.body, file.bytes), file.filename).toBe(true)
    }
  })

  it('streams the body in chunks so download progress sees it arrive', async () => {
    const resource = await resourceNamed('CT_small.dcm')
    const response = await fetch(`${datamint.baseUrl}/resources/${resource.id}/file`, {
      headers: { apikey: 'test-api-key' },
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const sizes: number[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      sizes.push(value.byteLength)
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(resource.size)
    expect(sizes.length).toBe(Math.ceil(resource.size / 4096))
  })

  it('paces chunks to the configured bandwidth and still answers every byte', async () => {
    datamint.configure({ bandwidth: 4_000_000 })
    try {
      const resource = await resourceNamed('MR_small.dcm')
      const answer = await call('GET', `/resources/${resource.id}/file`)
      expect(answer.body.byteLength).toBe(resource.size)
    } finally {
      datamint.configure({ bandwidth: undefined })
    }
  })
})

describe('POST /resources (multipart upload)', () => {
  function form(fields: Record<string, string | Blob>, filename = 'upload.dcm'): FormData {
    const data = new FormData()
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === 'string') data.append(name, value)
      else data.append(name, value, filename)
    }
    return data
  }

  it('creates a resource whose file downloads back byte-identical', async () => {
    const file = seedFiles.find((f) => f.filename === 'MR_small_RLE.dcm') as (typeof seedFiles)[number]
    const answer = await call('POST', '/resources', {
      body: form(
        {
          source: 'api',
          resource: new Blob([file.bytes as BlobPart], { type: 'application/dicom' }),
          source_filepath: '/home/me/scans/MR_small_RLE.dcm',
          mimetype: 'application/dicom',
          channel: 'my-uploads',
          bypass_inbox: 'false',
          tags: 'brain, study ,brain',
          metadata: JSON.stringify({ patient_age: 45 }),
        },
        'MR_small_RLE.dcm',
      ),
    })
    expect(answer.status).toBe(201)
    expect(Object.keys(answer.body)).toEqual(['id'])
    const resource = (await call('GET', `/resources/${answer.body.id}`)).body
    expect(resource).toMatchObject({
      id: answer.body.id,
      filename: 'MR_small_RLE.dcm',
      mimetype: 'application/dicom',
      size: file.bytes.byteLength,
      status: 'inbox',
      published: false,
      upload_channel: 'my-uploads',
      modality: 'MR',
      tags: ['brain', 'study'],
      source_filepath: '/home/me/scans/MR_small_RLE.dcm',
      created_by: 'admin@datamint.test',
      metadata: { patient_age: 45, Modality: 'MR' },
      storage: 'DicomResource',
    })
    const download = await call('GET', `/resources/${answer.body.id}/file`)
    expect(sameBytes(download.body, file.bytes)).toBe(true)
    expect(download.headers.get('content-length')).toBe(String(file.bytes.byteLength))
    const channels = (await call('GET', '/resources/channels')).body.data
    expect(channels.map((c: Wire) => c.channel_name)).toContain('my-uploads')
  })

  it('publishes directly with bypass_inbox=true and takes the mimetype from the file part or name', async () => {
    const png = seedFiles.find((f) => f.filename === 'ct_small.png') as (typeof seedFiles)[number]
    const typed = await call('POST', '/resources', {
      body: form(
        { resource: new Blob([png.bytes as BlobPart], { type: 'image/png' }), bypass_inbox: 'true' },
        'x.bin',
      ),
    })
    expect((await call('GET', `/resources/${typed.body.id}`)).body).toMatchObject({
      status: 'published',
      published: true,
      mimetype: 'image/png',
      upload_channel: 'default',
    })
    const untyped = await call('POST', '/resources', {
      body: form({ resource: new Blob([png.bytes as BlobPart]) }, 'scan.png'),
    })
    expect((await call('GET', `/resources/${untyped.body.id}`)).body.mimetype).toBe('image/png')
  })

  it('takes the modality from the metadata when no field gives it', async () => {
    const answer = await call('POST', '/resources', {
      body: form({ resource: new Blob(['{"a":1}']), metadata: '{"modality":"US"}' }, 'notes.json'),
    })
    expect((await call('GET', `/resources/${answer.body.id}`)).body).toMatchObject({
      modality: 'US',
      mimetype: 'application/json',
    })
  })

  it('422s a missing file, a bad bypass_inbox, bad metadata and a body that is not multipart', async () => {
    expect((await call('POST', '/resources', { body: form({ source: 'api' }) })).status).toBe(422)
    const blob = new Blob(['x'])
    expect(
      (await call('POST', '/resources', { body: form({ resource: blob, bypass_inbox: 'yes' }) })).status,
    ).toBe(422)
    expect((await call('POST', '/resources', { body: form({ resource: blob, metadata: '{' }) })).status).toBe(
      422,
    )
    expect(
      (await call('POST', '/resources', { body: form({ resource: blob, metadata: '[1]' }) })).status,
    ).toBe(422)
    expect((await call('POST', '/resources', { json: { resource: 'x' } })).status).toBe(422)
    expect(datamint.db.resources.size).toBe(seedFiles.length)
  })

  it('reports an empty file in a 200 body with `error`, as the real server does', async () => {
    const answer = await call('POST', '/resources', { body: form({ resource: new Blob([]) }, 'empty.dcm') })
    expect(answer).toMatchObject({ status: 200, body: { error: 'Empty file: empty.dcm' } })
  })
})

describe('GET /resources/:id/frames/:index', () => {
  async function frame(filename: string, index: number) {
    const resource = await resourceNamed(filename)
    return call('GET', `/resources/${resource.id}/frames/${index}`, { headers: { accept: 'image/*' } })
  }

  it('renders a DICOM frame as a PNG, identical across the encodings of the same pixels', async () => {
    const reference = await frame('MR_small.dcm', 0)
    expect(reference.headers.get('content-type')).toBe('image/png')
    expect(reference.headers.get('content-length')).toBe(String(reference.body.byteLength))
    const png = readPng(reference.body)
    expect(png).toMatchObject({ width: 64, height: 64, colourType: 0 })
    expect(new Set(png.raw).size).toBeGreaterThan(50)
    for (const name of ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm']) {
      expect((await frame(name, 0)).body).toEqual(reference.body)
    }
  })

  it('renders each frame of multi-frame files (native 32-bit and RLE colour)', async () => {
    const dose3 = readPng((await frame('rtdose.dcm', 3)).body)
    const dose9 = readPng((await frame('rtdose.dcm', 9)).body)
    expect(dose3).toMatchObject({ width: 10, height: 10, colourType: 0 })
    expect(dose3.raw).not.toEqual(dose9.raw)
    const colour = readPng((await frame('SC_rgb_rle_2frame.dcm', 1)).body)
    expect(colour).toMatchObject({ width: 100, height: 100, colourType: 2 })
    const deflated = readPng((await frame('image_dfl.dcm', 0)).body)
    expect(deflated).toMatchObject({ width: 512, height: 512 })
  })

  it('renders NIfTI axial slices and answers an image resource’s frame 0 with the file itself', async () => {
    const slice = readPng((await frame('anatomical.nii', 5)).body)
    expect(slice.width).toBeGreaterThan(1)
    const gz = readPng((await frame('example4d.nii.gz', 1)).body)
    expect(gz.width).toBeGreaterThan(1)
    // NIfTI-2 holds the same volume as anatomical.nii: the same slice renders to the same PNG.
    expect((await frame('anatomical_nifti2.nii', 5)).body).toEqual((await frame('anatomical.nii', 5)).body)
    const png = seedFiles.find((f) => f.filename === 'ct_small.png')?.bytes
    expect((await frame('ct_small.png', 0)).body).toEqual(png)
  })

  it('404s a frame past the end, 422s a bad index, 501s what it cannot render', async () => {
    const past = await frame('rtdose.dcm', 15)
    expect(past.status).toBe(404)
    expect(past.body.message).toContain('has 15 frame(s)')
    expect((await frame('ct_small.png', 1)).status).toBe(404)
    const resource = await resourceNamed('rtdose.dcm')
    expect((await call('GET', `/resources/${resource.id}/frames/-1`)).status).toBe(422)
    const jpeg2000 = await frame('JPEG2000.dcm', 0)
    expect(jpeg2000.status).toBe(501)
    expect(jpeg2000.body.message).toContain('1.2.840.10008.1.2.4.91')
    expect((await frame('ct_rotate.mp4', 0)).status).toBe(501)
  })
})
