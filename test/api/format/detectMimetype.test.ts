import { describe, expect, it } from 'vitest'
import { detectMimetype } from '../../../src/api/format/detectMimetype.js'
import { allFixtures, fixture } from './fixtures.js'

const EXPECTED: Record<string, string> = {
  'nifti/anatomical.nii': 'application/nifti',
  'nifti/anatomical_nifti2.nii': 'application/nifti',
  'nifti/example4d.nii.gz': 'application/gzip',
  'image/ct_small.png': 'image/png',
  'image/mr_small.jpg': 'image/jpeg',
  'image/ct_crop.gif': 'image/gif',
  'image/ct_crop.bmp': 'image/bmp',
  'image/ct_crop.tiff': 'image/tiff',
  'image/ct_crop_lossy.webp': 'image/webp',
  'image/ct_crop_lossless.webp': 'image/webp',
  'image/ct_crop_alpha.webp': 'image/webp',
  'video/ct_rotate.mp4': 'video/mp4',
  'video/test1.mp4': 'video/mp4',
  'video/ct_rotate.webm': 'video/webm',
  'video/ct_rotate.mov': 'video/quicktime',
  'video/ct_rotate.avi': 'video/x-msvideo',
}

const text = (s: string) => new TextEncoder().encode(s)

describe('detectMimetype', () => {
  it.each(allFixtures())('%s', (path) => {
    // Every DICOM fixture, with preamble or (CT_small_nometa) without, is DICOM.
    const expected = path.startsWith('dicom/') ? 'application/dicom' : EXPECTED[path]
    expect(expected, `no expectation for ${path}`).toBeDefined()
    expect(detectMimetype(fixture(path))).toBe(expected)
  })

  it('accepts an ArrayBuffer', () => {
    const bytes = fixture('image/ct_small.png')
    expect(detectMimetype(bytes.slice().buffer)).toBe('image/png')
  })

  it('recognises bare DICOM data sets in explicit and implicit VR from their first elements', () => {
    const full = fixture('dicom/MR_small_implicit.dcm')
    const metaLength = new DataView(full.buffer, full.byteOffset).getUint32(140, true)
    expect(detectMimetype(full.subarray(132 + 12 + metaLength))).toBe('application/dicom')
    expect(detectMimetype(fixture('dicom/CT_small_nometa.dcm').subarray(0, 200))).toBe('application/dicom')
  })

  it('does not take bytes starting with 08 00 for DICOM unless the elements fit', () => {
    expect(detectMimetype(new Uint8Array([0x08, 0x00, 0x05, 0x00, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4]))).toBe(
      'application/octet-stream',
    )
    expect(detectMimetype(new Uint8Array([0x08, 0x00, 0x05, 0x00, 0x43, 0x53, 0x40, 0x00, 1, 2]))).toBe(
      'application/octet-stream',
    )
  })

  it('recognises JSON objects and arrays that parse, with BOM and leading whitespace', () => {
    expect(detectMimetype(text('{"a": [1, 2]}'))).toBe('application/json')
    expect(detectMimetype(text('\ufeff \n [1, {"b": null}]'))).toBe('application/json')
    expect(detectMimetype(text('{"a": '))).toBe('application/octet-stream')
    expect(detectMimetype(text('"just a string"'))).toBe('application/octet-stream')
  })

  it('says empty for no bytes and octet-stream for unknown content', () => {
    expect(detectMimetype(new Uint8Array())).toBe('application/x-empty')
    expect(detectMimetype(text('hello, world'))).toBe('application/octet-stream')
    expect(detectMimetype(new Uint8Array([0x1f]))).toBe('application/octet-stream')
  })

  it('tells a .nii.gz from other gzip content by peeking at the decompressed head', async () => {
    const { gzipSync } = await import('fflate')
    expect(detectMimetype(gzipSync(text('{"not": "nifti"}')))).toBe('application/gzip')
    expect(detectMimetype(fixture('nifti/example4d.nii.gz'))).toBe('application/gzip')
  })

  it('does not call ISO-BMFF images (AVIF/HEIC) video', () => {
    const avif = new Uint8Array([0, 0, 0, 0x18, ...text('ftypavif'), 0, 0, 0, 0, ...text('avifmif1')])
    expect(detectMimetype(avif)).toBe('application/octet-stream')
  })

  it('recognises Matroska by its EBML DocType', () => {
    const mkv = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...text('matroska')])
    expect(detectMimetype(mkv)).toBe('video/x-matroska')
  })
})
