import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { fixture } from './fixtures.js'

const text = (s: string) => new TextEncoder().encode(s)

function formatError(run: () => unknown): FormatError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError)
    return error as FormatError
  }
  throw new Error('expected a FormatError')
}

describe('convertFormat: images (size from the header)', () => {
  it.each([
    ['image/ct_small.png', 'image/png', 128, 128],
    ['image/mr_small.jpg', 'image/jpeg', 64, 64],
    ['image/ct_crop.gif', 'image/gif', 100, 60],
    ['image/ct_crop.bmp', 'image/bmp', 100, 60],
    ['image/ct_crop.tiff', 'image/tiff', 100, 60],
    ['image/ct_crop_lossy.webp', 'image/webp', 100, 60],
    ['image/ct_crop_lossless.webp', 'image/webp', 100, 60],
    ['image/ct_crop_alpha.webp', 'image/webp', 100, 60],
  ])('%s → %s %ix%i', (path, mimetype, width, height) => {
    const bytes = fixture(path)
    const data = convertFormat(bytes)
    expect(data).toEqual({ kind: 'image', mimetype, bytes, width, height })
    if (data.kind === 'image') expect(data.bytes).toBe(bytes)
  })

  it('keeps the declared image mimetype when detection agrees on the kind', () => {
    const data = convertFormat(fixture('image/mr_small.jpg'), 'image/jpeg')
    expect(data.mimetype).toBe('image/jpeg')
  })

  it('reports a truncated image header', () => {
    const png = fixture('image/ct_small.png').subarray(0, 20)
    expect(formatError(() => convertFormat(png)).message).toBe(
      'Image: PNG is truncated at byte 20 while reading IHDR chunk.',
    )
    const jpeg = fixture('image/mr_small.jpg').subarray(0, 30)
    expect(formatError(() => convertFormat(jpeg)).message).toMatch(/^Image: JPEG is truncated at byte 30/)
  })

  it('declared image/* on unrecognised bytes → FormatError naming the formats it reads', () => {
    expect(formatError(() => convertFormat(text('<svg/>'), 'image/svg+xml')).message).toBe(
      'Image: the content is not a PNG, JPEG, GIF, BMP, WebP or TIFF image (unknown signature).',
    )
  })
})

describe('convertFormat: video, JSON, bytes', () => {
  it.each([
    ['video/ct_rotate.mp4', 'video/mp4'],
    ['video/test1.mp4', 'video/mp4'],
    ['video/ct_rotate.webm', 'video/webm'],
    ['video/ct_rotate.mov', 'video/quicktime'],
    ['video/ct_rotate.avi', 'video/x-msvideo'],
  ])('%s → %s bytes', (path, mimetype) => {
    const bytes = fixture(path)
    expect(convertFormat(bytes)).toEqual({ kind: 'video', mimetype, bytes })
  })

  it('declared video/* is kept for content detection does not know', () => {
    const ts = new Uint8Array(376).fill(0x47) // MPEG-TS sync bytes: not sniffed
    expect(convertFormat(ts, 'video/mp2t')).toEqual({ kind: 'video', mimetype: 'video/mp2t', bytes: ts })
  })

  it('parses JSON, detected or declared', () => {
    expect(convertFormat(text('{"a": [1, 2]}'))).toEqual({
      kind: 'json',
      mimetype: 'application/json',
      value: { a: [1, 2] },
    })
    expect(convertFormat(text('42'), 'application/json')).toEqual({
      kind: 'json',
      mimetype: 'application/json',
      value: 42,
    })
    expect(formatError(() => convertFormat(text('{"a": '), 'application/json')).message).toMatch(/^JSON: /)
  })

  it('returns octet-stream content as bytes', () => {
    const bytes = text('plain bytes')
    expect(convertFormat(bytes, 'application/octet-stream')).toEqual({
      kind: 'bytes',
      mimetype: 'application/octet-stream',
      bytes,
    })
  })

  it('an explicit mimetype decides, as in the Python SDK; without one the content does', () => {
    const png = fixture('image/ct_small.png')
    expect(convertFormat(png, 'application/octet-stream')).toEqual({
      kind: 'bytes',
      mimetype: 'application/octet-stream',
      bytes: png,
    })
    expect(convertFormat(png).kind).toBe('image')
    // DICOM bytes declared image/png take the image path, and fail there: not an image format we read.
    // (JPEG2000.dcm: its preamble is all zeros; CT_small's is a TIFF header, a dual-personality file.)
    const error = formatError(() => convertFormat(fixture('dicom/JPEG2000.dcm'), 'image/png'))
    expect(error.reason).toBe('unsupported')
    expect(error.message).toBe(
      'Image: the content is not a PNG, JPEG, GIF, BMP, WebP or TIFF image (unknown signature).',
    )
    // A gzip that is not NIfTI is only "gzip": without a mimetype it is tried as a .nii.gz.
    const gz = gzipSync(text('not nifti'))
    expect(convertFormat(gz, 'application/octet-stream').kind).toBe('bytes')
    const notNifti = formatError(() => convertFormat(gz))
    expect(notNifti.reason).toBe('corrupt')
    expect(notNifti.message).toBe(
      "NIfTI: the content is not a NIfTI file (only 9 bytes, less than a 348-byte header: sizeof_hdr must be 348 or 540 with magic 'n+1' or 'n+2').",
    )
  })
})

describe('convertFormat: the Python SDK error messages', () => {
  it('empty content', () => {
    expect(formatError(() => convertFormat(new Uint8Array())).message).toBe('Empty file content.')
    expect(formatError(() => convertFormat(new Uint8Array(), 'image/png')).reason).toBe('empty')
    expect(formatError(() => convertFormat(new ArrayBuffer(0), 'application/dicom')).message).toBe(
      'Empty file content.',
    )
    expect(formatError(() => convertFormat(text('x'), 'application/x-empty')).message).toBe(
      'Empty file content.',
    )
  })

  it('unsupported mimetype', () => {
    expect(formatError(() => convertFormat(text('a,b\n1,2'), 'text/csv')).message).toBe(
      'Unsupported mimetype: text/csv',
    )
    expect(formatError(() => convertFormat(text('%PDF-1.4'), 'application/pdf')).message).toBe(
      'Unsupported mimetype: application/pdf',
    )
    // Even for content that is recognisable: the mimetype decides.
    const foo = formatError(() => convertFormat(fixture('dicom/CT_small.dcm'), 'application/x-foo'))
    expect([foo.message, foo.reason]).toEqual(['Unsupported mimetype: application/x-foo', 'unsupported'])
  })

  it('undetectable content without a mimetype', () => {
    expect(formatError(() => convertFormat(text('hello'))).message).toBe(
      'Could not determine mimetype from content.',
    )
    expect(formatError(() => convertFormat(text('hello'), '  ')).message).toBe(
      'Could not determine mimetype from content.',
    )
    expect(formatError(() => convertFormat(text('hello'))).reason).toBe('undetectable')
  })

  it('ignores mimetype parameters and case', () => {
    expect(convertFormat(text('[1]'), 'Application/JSON; charset=utf-8').kind).toBe('json')
    expect(convertFormat(fixture('dicom/MR_small.dcm'), 'Application/DICOM').kind).toBe('dicom')
  })
})

describe('convertFormat: input forms', () => {
  it('accepts a Node Buffer and never writes into it (Buffer#slice does not copy)', async () => {
    const { readFileSync } = await import('node:fs')
    const buffer = readFileSync(new URL('../../fixtures/nifti/anatomical.nii', import.meta.url))
    const before = Uint8Array.from(buffer)
    const data = convertFormat(buffer)
    // Big-endian voxels are swapped in a copy; the caller's bytes stay as they were.
    expect(data.kind === 'nifti' && Array.from(data.voxels.subarray(0, 3))).toEqual([10712, 10463, 10600])
    expect(Uint8Array.from(buffer)).toEqual(before)
    const dicom = convertFormat(readFileSync(new URL('../../fixtures/dicom/MR_small.dcm', import.meta.url)))
    expect(dicom.kind === 'dicom' && dicom.dataSet.byteArray.constructor).toBe(Uint8Array)
  })

  it('accepts a view at an odd offset into a larger buffer', () => {
    const file = fixture('dicom/MR_small_implicit.dcm')
    const host = new Uint8Array(file.length + 3)
    host.set(file, 3)
    const data = convertFormat(host.subarray(3))
    expect(data.kind === 'dicom' && [data.rows, data.columns, data.transferSyntaxUID]).toEqual([
      64,
      64,
      '1.2.840.10008.1.2',
    ])
  })
})
