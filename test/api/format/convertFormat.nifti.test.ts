import { gunzipSync, gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import type { NiftiData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import headers from '../../fixtures/reference/nifti/headers.json' with { type: 'json' }
import { fixture } from './fixtures.js'

function nifti(bytes: Uint8Array, mimetype?: string): NiftiData {
  const data = convertFormat(bytes, mimetype)
  if (data.kind !== 'nifti') throw new Error(`expected nifti, got ${data.kind}`)
  return data
}

/** Voxel at (x, y, z, t), x fastest, as nibabel's `dataobj[x, y, z, t]`. */
function at(data: NiftiData, x: number, y: number, z: number, t = 0): number {
  const [nx, ny, nz] = data.dims
  return data.voxels[x + nx * (y + ny * (z + nz * t))]
}

function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0
  for (let i = from; i < to; i++) s += values[i]
  return s
}

function closeTo(actual: number[][], expected: number[][], digits = 6): void {
  actual.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(v).toBeCloseTo(expected[i][j], digits)
    })
  })
}

// Expected values below were computed once with nibabel 5.0.0 (Debian python3-nibabel):
// nib.load(f).header fields, header.get_sform() / get_qform(), np.asanyarray(img.dataobj) sums and samples.
describe('convertFormat: NIfTI fixtures (values cross-checked with nibabel)', () => {
  // scripts/make-nifti-reference.py: nibabel's Nifti1Header/Nifti2Header.from_fileobj, every field as stored.
  it.each(Object.keys(headers))('%s: every header field as nibabel reads it', (name) => {
    const expected = (headers as Record<string, Record<string, unknown>>)[name]
    const header = nifti(fixture(name)).header
    expect(Object.keys(header)).toEqual(Object.keys(expected))
    for (const [field, value] of Object.entries(expected)) {
      // JSON has no NaN: the script writes non-finite floats as strings.
      const want =
        typeof value === 'string' && /^-?(nan|inf)$/.test(value)
          ? Number(value.replace('inf', 'Infinity'))
          : value
      expect([field, header[field]]).toEqual([field, want])
    }
  })

  it('anatomical.nii: big-endian NIfTI-1, 33x41x25 int16, sform', () => {
    const data = nifti(fixture('nifti/anatomical.nii'))
    expect(data.mimetype).toBe('application/nifti')
    expect(data.version).toBe(1)
    expect(data.dims).toEqual([33, 41, 25, 1])
    expect(data.pixDims).toEqual([2, 2, 2, 0])
    expect([data.datatype, data.datatypeCode]).toEqual(['int16', 4])
    // scl_slope 1, scl_inter 0 in the file.
    expect([data.sclSlope, data.sclInter]).toEqual([1, 0])
    expect(data.affineSource).toBe('sform')
    expect(data.affine).toEqual([
      [-2, 0, 0, 32],
      [0, 2, 0, -40],
      [0, 0, 2, -16],
      [0, 0, 0, 1],
    ])
    expect(data.voxels).toBeInstanceOf(Int16Array)
    expect(data.voxels.length).toBe(33 * 41 * 25)
    // Swapped from big-endian: nibabel gives these.
    expect(Array.from(data.voxels.subarray(0, 5))).toEqual([10712, 10463, 10600, 11951, 9911])
    expect(sum(data.voxels)).toBe(284166082)
    expect([at(data, 16, 20, 12), at(data, 32, 40, 24), data.voxels[12345]]).toEqual([11881, 2971, 11888])
    expect(data.header.descrip).toBe('spm - 3D normalized')
    expect(data.header.qform_code).toBe(2)
  })

  it('example4d.nii.gz: gzip NIfTI-1, 128x96x24x2 int16, oblique sform', () => {
    const data = nifti(fixture('nifti/example4d.nii.gz'))
    expect(data.mimetype).toBe('application/gzip')
    expect(data.version).toBe(1)
    expect(data.dims).toEqual([128, 96, 24, 2])
    expect(data.pixDims[0]).toBe(2)
    expect(data.pixDims[2]).toBeCloseTo(2.1999990940093994, 12)
    expect(data.pixDims[3]).toBe(2000)
    expect(data.datatype).toBe('int16')
    expect([data.sclSlope, data.sclInter]).toEqual([1, 0])
    expect(data.affineSource).toBe('sform')
    closeTo(
      data.affine,
      [
        [-2.0, 6.714715653593746e-19, 9.081024511081715e-18, 117.8551025390625],
        [-6.714715653593746e-19, 1.9737114906311035, -0.35552823543548584, -35.72294235229492],
        [8.25548088896093e-18, 0.3232076168060303, 2.171081781387329, -7.248798370361328],
        [0, 0, 0, 1],
      ],
      12,
    )
    const volume = 128 * 96 * 24
    expect(sum(data.voxels, 0, volume)).toBe(50994397)
    expect(sum(data.voxels, volume, 2 * volume)).toBe(50990959)
    expect([at(data, 64, 48, 12, 0), at(data, 64, 48, 12, 1), at(data, 30, 70, 5, 1)]).toEqual([265, 266, 0])
    expect(data.header.descrip).toBe('FSL3.3')
    // Two header extensions (nibabel: img.dataobj.offset == 416): vox_offset is honoured.
    expect(data.header.vox_offset).toBe(416)
  })

  it('anatomical_nifti2.nii: NIfTI-2 (540-byte header, 64-bit fields) written by nibabel', () => {
    const data = nifti(fixture('nifti/anatomical_nifti2.nii'))
    expect(data.version).toBe(2)
    expect(data.header.vox_offset).toBe(544)
    expect(data.dims).toEqual([33, 41, 25, 1])
    expect(data.pixDims).toEqual([2, 2, 2, 1])
    expect(data.affine).toEqual([
      [-2, 0, 0, 32],
      [0, 2, 0, -40],
      [0, 0, 2, -16],
      [0, 0, 0, 1],
    ])
    expect(sum(data.voxels)).toBe(284166082)
    expect(Array.from(data.voxels.subarray(0, 5))).toEqual([10712, 10463, 10600, 11951, 9911])
  })

  it('uses the qform (quaternion, qfac from pixdim[0]) when sform_code is 0', () => {
    const raw = gunzipSync(fixture('nifti/example4d.nii.gz'))
    raw[254] = 0 // sform_code, little-endian int16
    raw[255] = 0
    const data = nifti(gzipSync(raw))
    expect(data.affineSource).toBe('qform')
    // nibabel header.get_qform() for example4d.nii.gz (qfac = pixdim[0] = -1).
    closeTo(
      data.affine,
      [
        [-1.999999995978187, 1.0282396754185892e-5, 0.00013905980362440367, 117.8551025390625],
        [-1.0282396754185892e-5, 1.9737114380364735, -0.3555282247524397, -35.72294235229492],
        [0.00012641805535562603, 0.32320761014906196, 2.1710816833341227, -7.248798370361328],
        [0, 0, 0, 1],
      ],
      6,
    )
  })

  it('falls back to the pixdim diagonal when neither form is set', () => {
    const raw = fixture('nifti/anatomical.nii').slice()
    raw[252] = raw[253] = raw[254] = raw[255] = 0 // qform_code, sform_code (big-endian int16)
    const data = nifti(raw)
    expect(data.affineSource).toBe('pixdim')
    expect(data.affine).toEqual([
      [2, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 1],
    ])
  })

  it('applies scl_slope / scl_inter, and slope 0 means no scaling', () => {
    const raw = gunzipSync(fixture('nifti/example4d.nii.gz'))
    const view = new DataView(raw.buffer)
    view.setFloat32(112, 0.5, true)
    view.setFloat32(116, -3, true)
    expect([nifti(raw).sclSlope, nifti(raw).sclInter]).toEqual([0.5, -3])
    view.setFloat32(112, 0, true)
    expect([nifti(raw).sclSlope, nifti(raw).sclInter]).toEqual([1, 0])
  })

  it('gives each supported datatype its typed array, and views aligned little-endian data without copying', () => {
    const raw = gunzipSync(fixture('nifti/example4d.nii.gz'))
    const view = new DataView(raw.buffer)
    const cases: Array<[number, number, string, unknown]> = [
      [2, 8, 'uint8', Uint8Array],
      [256, 8, 'int8', Int8Array],
      [512, 16, 'uint16', Uint16Array],
      [8, 32, 'int32', Int32Array],
      [768, 32, 'uint32', Uint32Array],
      [16, 32, 'float32', Float32Array],
      [64, 64, 'float64', Float64Array],
      [128, 24, 'rgb24', Uint8Array],
    ]
    for (const [code, bitpix, name, type] of cases) {
      view.setInt16(70, code, true)
      view.setInt16(72, bitpix, true)
      // One volume, so every datatype fits in the file.
      view.setInt16(40, 3, true)
      view.setInt16(46, 4, true) // dim[3] = 4 slices
      const data = nifti(raw)
      expect(data.datatype).toBe(name)
      expect(data.voxels).toBeInstanceOf(type)
      const components = name === 'rgb24' ? 3 : 1
      expect(data.voxels.length).toBe(128 * 96 * 4 * components)
      expect(data.voxels.buffer).toBe(raw.buffer)
    }
  })

  it('swaps big-endian voxels of every width into native order', () => {
    const raw = fixture('nifti/anatomical.nii').slice() // big-endian, voxels from byte 352
    const view = new DataView(raw.buffer)
    view.setInt16(46, 6, false) // dim[3] = 6 slices, so 8-byte voxels still fit in the file
    const cases: Array<[number, number, (at: number) => number]> = [
      [512, 16, (at) => view.getUint16(at, false)],
      [8, 32, (at) => view.getInt32(at, false)],
      [768, 32, (at) => view.getUint32(at, false)],
      [16, 32, (at) => view.getFloat32(at, false)],
      [64, 64, (at) => view.getFloat64(at, false)],
    ]
    for (const [code, bitpix, read] of cases) {
      view.setInt16(70, code, false)
      view.setInt16(72, bitpix, false)
      const data = nifti(raw)
      const width = bitpix / 8
      for (const i of [0, 1, 2, 777, data.voxels.length - 1]) {
        expect(data.voxels[i]).toBe(read(352 + i * width))
      }
    }
  })

  it('copies into aligned memory when vox_offset is not a multiple of the element size', () => {
    const raw = gunzipSync(fixture('nifti/example4d.nii.gz'))
    const shifted = new Uint8Array(raw.length + 1)
    // Voxels start at vox_offset 416 (after two header extensions); move them to 417.
    shifted.set(raw.subarray(0, 416))
    shifted.set(raw.subarray(416), 417)
    new DataView(shifted.buffer).setFloat32(108, 417, true)
    const data = nifti(shifted)
    expect(data.voxels.buffer).not.toBe(shifted.buffer)
    expect(sum(data.voxels, 0, 128 * 96 * 24)).toBe(50994397)
  })

  it('names an unsupported datatype', () => {
    const raw = gunzipSync(fixture('nifti/example4d.nii.gz'))
    new DataView(raw.buffer).setInt16(70, 32, true)
    expect(() => nifti(raw)).toThrowError(
      'NIfTI: datatype code 32 (complex64) is not supported; supported: uint8, int8, int16, uint16, int32, uint32, float32, float64, rgb24.',
    )
    new DataView(raw.buffer).setInt16(70, 1234, true)
    expect(() => nifti(raw)).toThrowError(/^NIfTI: datatype code 1234 is not supported/)
  })

  it('refuses a header promising more voxels than the file holds, before allocating', () => {
    const raw = fixture('nifti/anatomical.nii').slice()
    // dim[1] = 30000 (big-endian int16): 30000x41x25 int16 = 61.5 MB in a 68 kB file.
    new DataView(raw.buffer).setInt16(42, 30000, false)
    expect(() => nifti(raw)).toThrowError(
      'NIfTI: voxel data needs 61500000 bytes (30000x41x25x1 int16) from byte 352 but the file has 67650.',
    )
  })

  it('reports a truncated .nii.gz as a gzip error', () => {
    const gz = fixture('nifti/example4d.nii.gz')
    expect(() => convertFormat(gz.subarray(0, gz.length / 2))).toThrowError(FormatError)
    expect(() => convertFormat(gz.subarray(0, gz.length / 2))).toThrowError(
      /^gzip: the compressed data is corrupt/,
    )
  })

  it('accepts zero padding after the last gzip member (as gzip(1) and Python do), not other trailing bytes', () => {
    const gz = fixture('nifti/example4d.nii.gz')
    for (const padding of [1, 7, 512, 40_000]) {
      const padded = new Uint8Array(gz.length + padding)
      padded.set(gz)
      expect(nifti(padded).dims).toEqual([128, 96, 24, 2])
    }
    const garbage = new Uint8Array(gz.length + 16).fill(0x55)
    garbage.set(gz)
    expect(() => convertFormat(garbage)).toThrowError(/^gzip: the compressed data is corrupt/)
  })

  it('treats a declared gzip or nifti mimetype as NIfTI', () => {
    // A declared gzip type reads a .nii.gz...
    expect(nifti(fixture('nifti/example4d.nii.gz'), 'application/x-gzip').dims).toEqual([128, 96, 24, 2])
    // ...and a declared type routes content detection cannot place: a header whose magic was wiped.
    const wiped = fixture('nifti/anatomical.nii').slice()
    wiped.fill(0, 344, 348)
    expect(() => convertFormat(wiped)).toThrowError('Could not determine mimetype from content.')
    for (const mimetype of [
      'application/nifti',
      'image/x.nifti',
      'application/x-nifti-gz',
      'application/x-gzip',
    ]) {
      expect(() => convertFormat(wiped, mimetype)).toThrowError(
        /^NIfTI: the content is not a NIfTI file \(no NIfTI-1\/-2 header/,
      )
    }
  })
})
