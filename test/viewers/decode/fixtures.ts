import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'fflate'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import type { PixelArray } from '../../../src/viewers/decode/DecodedFrame.js'

/** A parsed DICOM fixture, through the library's own convertFormat. */
export function loadDicom(path: string): DicomData {
  const data = convertFormat(readFileSync(path))
  if (data.kind !== 'dicom') throw new Error(`${path} is ${data.kind}, not DICOM`)
  return data
}

/** A reference decode written by scripts/make-reference.py. */
export interface Reference {
  name: string
  file: string
  transferSyntaxUID: string
  lossy: boolean
  rows: number
  columns: number
  samplesPerPixel: number
  numberOfFrames: number
  dtype: string
  decoder: string
  frames: Array<{ sha256: string; min: number; max: number; samples: Array<[number, number]> }>
  raw?: string
}

const REFERENCE_DIR = 'test/fixtures/reference'

export function references(): Reference[] {
  return readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...JSON.parse(readFileSync(join(REFERENCE_DIR, f), 'utf8')),
    }))
}

/** The reference's whole array (lossy files only), all frames, as the decoder's typed array would hold it. */
export function referenceArray(ref: Reference): PixelArray {
  if (!ref.raw) throw new Error(`${ref.name} has no raw reference`)
  const bytes = gunzipSync(readFileSync(join(REFERENCE_DIR, ref.raw)))
  const ctor = TYPED[ref.dtype]
  return new ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / ctor.BYTES_PER_ELEMENT)
}

export const TYPED: Record<
  string,
  { new (b: ArrayBufferLike, o: number, n: number): PixelArray; BYTES_PER_ELEMENT: number }
> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
}

/** SHA-256 of the little-endian bytes of a typed array (this host is little endian). */
export function sha256(pixels: PixelArray): string {
  return createHash('sha256')
    .update(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength))
    .digest('hex')
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, offsetB = 0): number {
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[offsetB + i]))
  return max
}
