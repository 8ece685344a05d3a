import { readdirSync } from 'node:fs'
import dicomParser from 'dicom-parser'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { fixture } from './fixtures.js'

function dicom(path: string, mimetype?: string): DicomData {
  const data = convertFormat(fixture(path), mimetype)
  if (data.kind !== 'dicom') throw new Error(`expected dicom, got ${data.kind}`)
  return data
}

// Facts from test/fixtures/PROVENANCE.md (pydicom's test corpus).
const CASES: Array<[string, number, number, number, string, string, number]> = [
  // file, rows, columns, frames, transfer syntax, photometric, bits allocated
  ['CT_small.dcm', 128, 128, 1, '1.2.840.10008.1.2.1', 'MONOCHROME2', 16],
  ['MR_small.dcm', 64, 64, 1, '1.2.840.10008.1.2.1', 'MONOCHROME2', 16],
  ['MR_small_implicit.dcm', 64, 64, 1, '1.2.840.10008.1.2', 'MONOCHROME2', 16],
  ['MR_small_bigendian.dcm', 64, 64, 1, '1.2.840.10008.1.2.2', 'MONOCHROME2', 16],
  ['MR_small_RLE.dcm', 64, 64, 1, '1.2.840.10008.1.2.5', 'MONOCHROME2', 16],
  ['MR_small_jpeg_ls_lossless.dcm', 64, 64, 1, '1.2.840.10008.1.2.4.80', 'MONOCHROME2', 16],
  ['JPEG2000.dcm', 1024, 256, 1, '1.2.840.10008.1.2.4.91', 'MONOCHROME2', 16],
  ['SC_rgb_jpeg_dcmtk.dcm', 100, 100, 1, '1.2.840.10008.1.2.4.50', 'YBR_FULL', 8],
  ['SC_rgb_rle_2frame.dcm', 100, 100, 2, '1.2.840.10008.1.2.5', 'RGB', 8],
  ['image_dfl.dcm', 512, 512, 1, '1.2.840.10008.1.2.1.99', 'MONOCHROME2', 8],
  ['rtdose.dcm', 10, 10, 15, '1.2.840.10008.1.2', 'MONOCHROME2', 32],
  ['CT_small_nometa.dcm', 128, 128, 1, '1.2.840.10008.1.2.1', 'MONOCHROME2', 16],
]

describe('convertFormat: DICOM fixtures', () => {
  it.each(CASES)(
    '%s: %ix%i, %i frame(s), %s, %s',
    (file, rows, columns, frames, syntax, photometric, bits) => {
      for (const mimetype of [undefined, 'application/dicom']) {
        const data = dicom(`dicom/${file}`, mimetype)
        expect(data.mimetype).toBe('application/dicom')
        expect(data.rows).toBe(rows)
        expect(data.columns).toBe(columns)
        expect(data.numberOfFrames).toBe(frames)
        expect(data.transferSyntaxUID).toBe(syntax)
        expect(data.photometricInterpretation).toBe(photometric)
        expect(data.dataSet.uint16('x00280100')).toBe(bits)
        expect(data.dataSet.elements.x7fe00010).toBeDefined()
      }
    },
  )

  it('references the pixel data of uncompressed files in place, without copying', () => {
    for (const file of [
      'CT_small.dcm',
      'MR_small_implicit.dcm',
      'MR_small_bigendian.dcm',
      'CT_small_nometa.dcm',
    ]) {
      const bytes = fixture(`dicom/${file}`)
      const data = convertFormat(bytes) as DicomData
      expect(data.dataSet.byteArray).toBe(bytes)
      const pixels = data.dataSet.elements.x7fe00010
      expect(pixels.length).toBe(data.rows * data.columns * 2)
    }
  })

  it('accepts an ArrayBuffer as well as a Uint8Array', () => {
    const bytes = fixture('dicom/MR_small.dcm')
    const data = convertFormat(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    )
    expect(data.kind).toBe('dicom')
  })

  it('reads a data set without preamble or meta the same as the file it was written from', () => {
    const withMeta = dicom('dicom/CT_small.dcm')
    const bare = dicom('dicom/CT_small_nometa.dcm')
    const pixels = (d: DicomData) => {
      const e = d.dataSet.elements.x7fe00010
      return d.dataSet.byteArray.subarray(e.dataOffset, e.dataOffset + e.length)
    }
    expect(pixels(bare)).toEqual(pixels(withMeta))
    expect(bare.dataSet.string('x00100010')).toBe(withMeta.dataSet.string('x00100010'))
    expect(bare.dataSet.string('x0020000d')).toBe(withMeta.dataSet.string('x0020000d'))
  })

  it('reads a bare Implicit VR data set (the implicit file with its preamble and meta cut off)', () => {
    const full = fixture('dicom/MR_small_implicit.dcm')
    const reference = dicom('dicom/MR_small_implicit.dcm')
    // The data set starts right after the meta group (whose length the (0002,0000) element gives).
    const metaLength = new DataView(full.buffer, full.byteOffset).getUint32(132 + 8, true)
    const bare = full.slice(132 + 12 + metaLength)
    const data = convertFormat(bare) as DicomData
    expect(data.transferSyntaxUID).toBe('1.2.840.10008.1.2')
    expect([data.rows, data.columns, data.photometricInterpretation]).toEqual([64, 64, 'MONOCHROME2'])
    expect(data.dataSet.string('x00100010')).toBe(reference.dataSet.string('x00100010'))
  })

  it('reads a file whose meta group has no preamble', () => {
    const full = fixture('dicom/MR_small.dcm')
    const data = convertFormat(full.slice(132)) as DicomData
    expect([data.rows, data.columns, data.transferSyntaxUID]).toEqual([64, 64, '1.2.840.10008.1.2.1'])
  })

  it('inflates a deflated data set (pixel data of the right size, values not all zero)', () => {
    const data = dicom('dicom/image_dfl.dcm')
    const pixels = data.dataSet.elements.x7fe00010
    expect(pixels.length).toBe(512 * 512)
    const values = data.dataSet.byteArray.subarray(pixels.dataOffset, pixels.dataOffset + pixels.length)
    expect(values.some((v) => v !== 0)).toBe(true)
  })

  it('MR_truncated.dcm → FormatError naming the truncated pixel data element', () => {
    expect(() => convertFormat(fixture('dicom/MR_truncated.dcm'))).toThrowError(FormatError)
    expect(() => convertFormat(fixture('dicom/MR_truncated.dcm'))).toThrowError(
      /^DICOM: truncated at byte 9630 while reading element \(7FE0,0010\)/,
    )
  })

  it('says when native pixel data is shorter than rows × columns × frames promise', () => {
    const bytes = fixture('dicom/MR_small.dcm')
    const data = convertFormat(bytes) as DicomData
    // Rows 64 → 640 (0x0280): the pixel data no longer covers the image.
    const rows = data.dataSet.elements.x00280010.dataOffset
    const mutated = bytes.slice()
    mutated[rows] = 0x80
    mutated[rows + 1] = 0x02
    expect(() => convertFormat(mutated)).toThrowError(
      'DICOM: pixel data (7FE0,0010) has 8192 bytes but 1 frame(s) of 640x64x1 at 16 bits need 81920.',
    )
  })

  it('sizes native YBR_FULL_422 pixel data at two samples per pixel', () => {
    const bytes = fixture('dicom/MR_small.dcm')
    const elements = (convertFormat(bytes) as DicomData).dataSet.elements
    const setText = (target: Uint8Array, tag: string, text: string) => {
      const at = elements[tag].dataOffset
      for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i)
    }
    const setUint16 = (target: Uint8Array, tag: string, value: number) => {
      target[elements[tag].dataOffset] = value & 0xff
      target[elements[tag].dataOffset + 1] = value >> 8
    }
    // 64x64, 3 samples, 8 bits: 8192 bytes of pixel data fit YBR_FULL_422 exactly, but not RGB.
    const ybr = bytes.slice()
    setText(ybr, 'x00280004', 'YBR_FULL_422')
    setUint16(ybr, 'x00280002', 3)
    setUint16(ybr, 'x00280100', 8)
    expect((convertFormat(ybr) as DicomData).photometricInterpretation).toBe('YBR_FULL_422')
    const rgb = ybr.slice()
    setText(rgb, 'x00280004', 'RGB         ')
    expect(() => convertFormat(rgb)).toThrowError(
      'DICOM: pixel data (7FE0,0010) has 8192 bytes but 1 frame(s) of 64x64x3 at 8 bits need 12288.',
    )
  })

  it('declared application/dicom is used when detection finds nothing specific', () => {
    // The first 100 bytes of a file with an all-zero preamble: nothing to detect, only the declared type says DICOM.
    const full = fixture('dicom/JPEG2000.dcm')
    expect(() => convertFormat(full.subarray(0, 100))).toThrowError(
      'Could not determine mimetype from content.',
    )
    expect(() => convertFormat(full.subarray(0, 100), 'application/dicom')).toThrowError(
      "DICOM: no 'DICM' marker at byte 128 and the content does not start like a DICOM data set (group 0008 or 0002).",
    )
  })

  it("gives dicom-parser's own DataSet for every layout: part 10, meta without preamble, bare, deflated", () => {
    const DataSet = (dicomParser as unknown as { DataSet: new (...args: never[]) => unknown }).DataSet
    const full = fixture('dicom/MR_small.dcm')
    const inputs = [
      full,
      full.slice(132),
      fixture('dicom/CT_small_nometa.dcm'),
      fixture('dicom/image_dfl.dcm'),
    ]
    for (const bytes of inputs) {
      const data = convertFormat(bytes) as DicomData
      expect(data.dataSet).toBeInstanceOf(DataSet)
      expect([data.rows > 0, data.columns > 0]).toEqual([true, true])
    }
  })

  it('reads the file meta without its preamble in place, each group with its own byte order', () => {
    const bytes = fixture('dicom/MR_small_bigendian.dcm').subarray(132)
    const data = convertFormat(bytes) as DicomData
    expect(data.dataSet.byteArray).toBe(bytes)
    expect(data.dataSet.byteArrayParser).toBe(dicomParser.bigEndianByteArrayParser)
    expect(data.dataSet.elements.x00020010.parser).toBe(dicomParser.littleEndianByteArrayParser)
    expect([data.rows, data.columns, data.transferSyntaxUID]).toEqual([64, 64, '1.2.840.10008.1.2.2'])
    // The same values as the part-10 file.
    const part10 = dicom('dicom/MR_small_bigendian.dcm')
    const pixels = (d: DicomData) => {
      const e = d.dataSet.elements.x7fe00010
      return d.dataSet.byteArray.subarray(e.dataOffset, e.dataOffset + e.length)
    }
    expect(pixels(data)).toEqual(pixels(part10))
  })

  it("dicom-parser's encapsulated-frame readers work on the result (the path cornerstone loaders take)", () => {
    const files = [
      ...readdirSync(new URL('../../fixtures/dicom/', import.meta.url)).map((f) => `dicom/${f}`),
      ...readdirSync(new URL('../../fixtures/generated/', import.meta.url))
        .filter((f) => f.endsWith('.dcm'))
        .map((f) => `generated/${f}`),
    ]
    let frames = 0
    for (const path of files) {
      if (path.endsWith('MR_truncated.dcm')) continue
      const data = convertFormat(fixture(path)) as DicomData
      const pixels = data.dataSet.elements.x7fe00010
      if (!pixels?.encapsulatedPixelData) continue
      for (let frame = 0; frame < data.numberOfFrames; frame++) {
        // As cornerstone-wado-image-loader's getEncapsulatedImageFrame picks the reader.
        const fragments = pixels.fragments ?? []
        const encoded = pixels.basicOffsetTable?.length
          ? dicomParser.readEncapsulatedImageFrame(data.dataSet, pixels, frame)
          : fragments.length === data.numberOfFrames
            ? dicomParser.readEncapsulatedPixelDataFromFragments(data.dataSet, pixels, frame, 1)
            : dicomParser.readEncapsulatedImageFrame(
                data.dataSet,
                pixels,
                frame,
                dicomParser.createJPEGBasicOffsetTable(data.dataSet, pixels),
              )
        expect(encoded.length, `${path} frame ${frame}`).toBeGreaterThan(0)
        frames++
      }
    }
    expect(frames).toBeGreaterThan(20)
  })
})
