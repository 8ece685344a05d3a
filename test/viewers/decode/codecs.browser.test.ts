/// <reference types="vite/client" />
// Every codec loads and decodes in Chromium through Vite (WASM located via `new URL(…, import.meta.url)`),
// giving the same stored values as the reference decodes used by the Node tests.
import { describe, expect, it } from 'vitest'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import type { Reference } from './fixtures.js'

const urls = import.meta.glob<string>(['../../fixtures/dicom/*.dcm', '../../fixtures/generated/*.dcm'], {
  query: '?url',
  import: 'default',
  eager: true,
})
const refs = import.meta.glob<Omit<Reference, 'name'>>('../../fixtures/reference/*.json', {
  import: 'default',
  eager: true,
})

// One file per codec (and RLE), lossless so values must match exactly.
const CASES = [
  'MR_small_RLE', // RLE (our decoder)
  'MR_small_jpeg_ls_lossless', // CharLS
  'MR_small_jpeg_lossless_sv1', // jpeg-lossless-decoder-js
  'MR_small_j2k_lossless', // OpenJPEG
  'MR_small_htj2k_lossless', // OpenJPH
  'SC_rgb_2frame_jpeg_lossless_nobot_frag', // fragments spanning frames, no offset table
]

async function sha256(pixels: ArrayBufferView): Promise<string> {
  const copy = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength).slice()
  const digest = await crypto.subtle.digest('SHA-256', copy)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

function find<T>(table: Record<string, T>, name: string, ext: string): T {
  const key = Object.keys(table).find((k) => k.endsWith(`/${name}${ext}`))
  if (!key) throw new Error(`no ${name}${ext}`)
  return table[key]
}

describe('codecs in the browser', () => {
  for (const name of CASES) {
    it(`${name} decodes to the reference values`, async () => {
      const ref = find(refs, name, '.json')
      const bytes = new Uint8Array(await (await fetch(find(urls, name, '.dcm'))).arrayBuffer())
      const dicom = convertFormat(bytes, 'application/dicom')
      if (dicom.kind !== 'dicom') throw new Error('not DICOM')
      for (let f = 0; f < ref.numberOfFrames; f++) {
        const frame = await decodeDicomFrame(dicom, f)
        expect(await sha256(frame.pixelData)).toBe(ref.frames[f].sha256)
      }
    })
  }

  it('JPEG baseline (libjpeg-turbo) decodes SC_rgb_jpeg_dcmtk to RGB within 2 of the reference samples', async () => {
    const ref = find(refs, 'SC_rgb_jpeg_dcmtk', '.json')
    const bytes = new Uint8Array(await (await fetch(find(urls, 'SC_rgb_jpeg_dcmtk', '.dcm'))).arrayBuffer())
    const dicom = convertFormat(bytes, 'application/dicom')
    if (dicom.kind !== 'dicom') throw new Error('not DICOM')
    const frame = await decodeDicomFrame(dicom)
    expect(frame.photometricInterpretation).toBe('RGB')
    for (const [index, value] of ref.frames[0].samples) {
      expect(Math.abs(frame.pixelData[index] - value)).toBeLessThanOrEqual(2)
    }
  })
})
