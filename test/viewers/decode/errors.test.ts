import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { loadDicom } from './fixtures.js'

async function decodeError(dicom: DicomData, frame = 0): Promise<FormatError> {
  const error = await decodeDicomFrame(dicom, frame).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(FormatError)
  return error as FormatError
}

/** The same parsed file, seen through a data set whose bytes end at `end` (a truncated download). */
function cutAt(dicom: DicomData, end: number): DicomData {
  const dataSet = Object.create(dicom.dataSet)
  dataSet.byteArray = dicom.dataSet.byteArray.subarray(0, end)
  return { ...dicom, dataSet }
}

/** A copy of the file's bytes with `edit` applied, parsed again. */
function edited(path: string, edit: (bytes: Uint8Array, dicom: DicomData) => void): DicomData {
  const bytes = new Uint8Array(readFileSync(path))
  edit(bytes, loadDicom(path))
  const data = convertFormat(bytes)
  if (data.kind !== 'dicom') throw new Error('not DICOM')
  return data
}

describe('decodeDicomFrame errors', () => {
  it('MR_truncated.dcm is refused with a FormatError naming the cut element', () => {
    expect(() => convertFormat(readFileSync('test/fixtures/dicom/MR_truncated.dcm'))).toThrow(FormatError)
    expect(() => convertFormat(readFileSync('test/fixtures/dicom/MR_truncated.dcm'))).toThrow(
      /truncated.*7FE0,0010/,
    )
  })

  it('native pixel data shorter than its frames says how many bytes are missing', async () => {
    const mr = loadDicom('test/fixtures/dicom/MR_small.dcm')
    const start = mr.dataSet.elements.x7fe00010.dataOffset
    const e = await decodeError(cutAt(mr, start + 1200))
    expect(e.message).toBe(
      'DICOM frame 0: pixel data has 1200 bytes, 8192 expected (1 frame(s) of 64×64×1 at 16 bits); the file is truncated',
    )
  })

  it('a file without pixel data says it is not an image', async () => {
    const mr = loadDicom('test/fixtures/dicom/MR_small.dcm')
    const { x7fe00010: _, ...elements } = mr.dataSet.elements
    const dataSet = Object.create(mr.dataSet)
    dataSet.elements = elements
    const e = await decodeError({ ...mr, dataSet })
    expect(e.message).toMatch(/frame 0: the file has no Pixel Data \(7FE0,0010\)/)
  })

  it('a fragment cut short by the end of the file', async () => {
    const ls = loadDicom('test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm')
    const fragment = ls.dataSet.elements.x7fe00010.fragments![0]
    const e = await decodeError(cutAt(ls, fragment.position + 100))
    expect(e.message).toMatch(/frame 0: a pixel data fragment at byte \d+ claims \d+ bytes but the file ends/)
  })

  it('a corrupt JPEG-LS codestream is a FormatError from the codec, naming the syntax', async () => {
    const broken = edited('test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm', (bytes, dicom) => {
      const f = dicom.dataSet.elements.x7fe00010.fragments![0]
      bytes.fill(0xff, f.position + 40, f.position + 400) // markers where entropy-coded data should be
    })
    const e = await decodeError(broken)
    expect(e.message).toMatch(
      /DICOM frame 0: JPEG-LS Lossless: the codestream \(\d+ bytes\) could not be decoded/,
    )
  })

  it('a corrupt JPEG Lossless codestream is a FormatError', async () => {
    const broken = edited('test/fixtures/generated/MR_small_jpeg_lossless_sv1.dcm', (bytes, dicom) => {
      const f = dicom.dataSet.elements.x7fe00010.fragments![0]
      bytes.fill(0, f.position, f.position + 4) // no SOI
    })
    const e = await decodeError(broken)
    expect(e.message).toMatch(/JPEG Lossless SV1 .* could not be decoded: Not a JPEG file/)
    // The next good file decodes correctly after the failure.
    const good = await decodeDicomFrame(loadDicom('test/fixtures/generated/MR_small_jpeg_lossless_sv1.dcm'))
    const plain = await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small.dcm'))
    expect(Array.from(good.pixelData)).toEqual(Array.from(plain.pixelData))
  })

  it('an RLE frame whose header does not fit the pixel format', async () => {
    const broken = edited('test/fixtures/dicom/MR_small_RLE.dcm', (bytes, dicom) => {
      const f = dicom.dataSet.elements.x7fe00010.fragments![0]
      bytes[f.position] = 3 // 3 segments for 16-bit grey (2 expected)
    })
    const e = await decodeError(broken)
    expect(e.message).toBe('DICOM frame 0: RLE frame has 3 segments, 2 expected for its pixel format')
  })

  it('an RLE segment that decodes to too few bytes', async () => {
    const rle = loadDicom('test/fixtures/dicom/MR_small_RLE.dcm')
    const f = rle.dataSet.elements.x7fe00010.fragments![0]
    const shortened = Object.create(rle.dataSet)
    shortened.elements = {
      ...rle.dataSet.elements,
      x7fe00010: { ...rle.dataSet.elements.x7fe00010, fragments: [{ ...f, length: f.length - 2000 }] },
    }
    const e = await decodeError({ ...rle, dataSet: shortened })
    expect(e.message).toMatch(/RLE segment 1 (decodes to \d+ bytes, 4096 expected|spans bytes)/)
  })

  it('a frame index outside the file', async () => {
    const e = await decodeError(loadDicom('test/fixtures/dicom/SC_rgb_rle_2frame.dcm'), 2)
    expect(e.message).toBe('DICOM frame 2 does not exist: the file has 2 frame(s)')
  })

  it('an unsupported transfer syntax', async () => {
    const mr = loadDicom('test/fixtures/dicom/MR_small.dcm')
    const e = await decodeError({ ...mr, transferSyntaxUID: '1.2.840.10008.1.2.4.100' })
    expect(e.message).toMatch(/transfer syntax 1\.2\.840\.10008\.1\.2\.4\.100 is not supported/)
  })

  it('more fragments than frames with no offset table and no codestream starts to split on', async () => {
    const multi = loadDicom('test/fixtures/generated/SC_rgb_2frame_jpeg_lossless_nobot_frag.dcm')
    const px = multi.dataSet.elements.x7fe00010
    const dataSet = Object.create(multi.dataSet)
    // Drop the fragment that starts frame 1: only one codestream start remains for two frames.
    const second = px.fragments!.findIndex(
      (f, i) => i > 0 && multi.dataSet.byteArray[f.position + 1] === 0xd8,
    )
    dataSet.elements = {
      ...multi.dataSet.elements,
      x7fe00010: { ...px, fragments: px.fragments!.filter((_, i) => i !== second) },
    }
    const e = await decodeError({ ...multi, dataSet }, 1)
    expect(e.message).toMatch(/7 fragments for 2 frames, no offset table, and 1 codestream starts found/)
  })
})
