import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import type { ConvertedData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { detectMimetype } from '../../../src/api/format/detectMimetype.js'
import { allFixtures, fixture } from './fixtures.js'

const KINDS = new Set(['dicom', 'image', 'video', 'nifti', 'json', 'bytes'])
const REASONS = new Set(['empty', 'unsupported', 'undetectable', 'corrupt', 'too-large'])

/** convertFormat either returns a well-formed ConvertedData or throws a FormatError with a message; nothing else. */
function convertsOrFormatError(bytes: Uint8Array, mimetype?: string): void {
  expect(typeof detectMimetype(bytes)).toBe('string')
  let data: ConvertedData
  try {
    data = convertFormat(bytes, mimetype)
  } catch (error) {
    if (!(error instanceof FormatError))
      throw new Error(`not a FormatError: ${String(error)}`, { cause: error })
    expect(error.message.length).toBeGreaterThan(10)
    expect(REASONS.has(error.reason)).toBe(true)
    return
  }
  expect(KINDS.has(data.kind)).toBe(true)
  expect(typeof data.mimetype).toBe('string')
  if (data.kind === 'image') expect(data.width > 0 && data.height > 0).toBe(true)
  if (data.kind === 'dicom') {
    for (const n of [data.rows, data.columns, data.numberOfFrames])
      expect(Number.isInteger(n) && n >= 0).toBe(true)
  }
  if (data.kind === 'nifti') {
    const voxels = data.dims.reduce((a, b) => a * b, 1) * (data.datatype === 'rgb24' ? 3 : 1)
    expect(data.voxels.length).toBe(voxels)
    expect(data.affine).toHaveLength(4)
  }
}

const files = allFixtures().map((path) => ({ path, bytes: fixture(path) }))
// Big compressed files cost a full inflate per run: fewer runs there.
const runs = (bytes: Uint8Array, base: number) => (bytes.length > 100_000 ? Math.ceil(base / 8) : base)

describe('convertFormat never throws anything but FormatError', () => {
  it('on every fixture cut at each of its first 160 bytes, every 5th up to 600, and evenly beyond', () => {
    for (const { bytes } of files) {
      const cuts = new Set<number>()
      for (let n = 0; n <= Math.min(600, bytes.length); n += n < 160 ? 1 : 5) cuts.add(n)
      const points = bytes.length > 100_000 ? 8 : 24
      for (let i = 1; i < points; i++) cuts.add(Math.floor((bytes.length * i) / points))
      for (const n of cuts) convertsOrFormatError(bytes.subarray(0, n))
    }
  }, 60_000)

  it('on every fixture truncated at random points, with and without its declared mimetype', () => {
    for (const { bytes } of files) {
      const declared = detectMimetype(bytes)
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length }), fc.boolean(), (n, declare) => {
          convertsOrFormatError(bytes.slice(0, n), declare ? declared : undefined)
        }),
        { numRuns: runs(bytes, 40), seed: 20261126 },
      )
    }
  }, 60_000)

  it('on every fixture with random byte mutations, mostly in the header', () => {
    for (const { bytes } of files) {
      const declared = detectMimetype(bytes)
      const headerEnd = Math.min(bytes.length, 1024)
      const position = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: headerEnd - 1 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: bytes.length - 1 }) },
      )
      const mutation = fc.tuple(
        position,
        fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0xff, 0x7f, 0x80)),
      )
      fc.assert(
        fc.property(
          fc.array(mutation, { minLength: 1, maxLength: 8 }),
          fc.boolean(),
          (mutations, declare) => {
            const mutated = bytes.slice()
            for (const [at, value] of mutations) mutated[at] = value
            convertsOrFormatError(mutated, declare ? declared : undefined)
          },
        ),
        { numRuns: runs(bytes, 60), seed: 4242 },
      )
    }
  }, 60_000)

  it('on random bytes, alone or behind a real signature, with any declared mimetype', () => {
    const prefixes = [
      new Uint8Array(),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      new Uint8Array([0xff, 0xd8, 0xff]),
      new Uint8Array([0x1f, 0x8b, 0x08]),
      new Uint8Array([0x08, 0x00, 0x05, 0x00, 0x43, 0x53]),
      new Uint8Array([0x49, 0x49, 0x2a, 0x00]),
      new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8X'),
      new TextEncoder().encode('{"a":'),
      fixture('dicom/MR_small.dcm').subarray(0, 132),
      fixture('nifti/anatomical.nii').subarray(0, 348),
    ]
    const mimetypes = [
      undefined,
      'application/dicom',
      'application/nifti',
      'application/gzip',
      'image/png',
      'video/mp4',
      'application/json',
      'application/octet-stream',
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...mimetypes),
        (prefix, tail, mimetype) => {
          const bytes = new Uint8Array(prefix.length + tail.length)
          bytes.set(prefix)
          bytes.set(tail, prefix.length)
          convertsOrFormatError(bytes, mimetype)
        },
      ),
      { numRuns: 1500, seed: 7 },
    )
  }, 60_000)
})
