import { afterEach, describe, expect, it, vi } from 'vitest'
import { FormatError, type FormatErrorReason } from '../../../src/api/errors.js'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { setMaxDecodedBytes } from '../../../src/api/format/decodedSizeLimit.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { expandSegmentedLut } from '../../../src/viewers/decode/lookupTable.js'
import { buildImage, cs, type DicomElement, is, us, writeDicom } from './buildDicom.js'
import { loadDicom } from './fixtures.js'

// Regression tests for hostile input (issue 10) on the decode path: a FormatError with a reason, decided before
// anything is allocated from a forged size, never a hang.

async function decodeError(dicom: DicomData, reason: FormatErrorReason, frame = 0): Promise<FormatError> {
  const error = await decodeDicomFrame(dicom, frame).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(FormatError)
  expect((error as FormatError).reason).toBe(reason)
  return error as FormatError
}

const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]
const item = (bytes: number[]) => [0xfe, 0xff, 0x00, 0xe0, ...u32(bytes.length), ...bytes]

/** An encapsulated image: `header` elements, then pixel data of a basic offset table and fragments. */
function encapsulated(
  syntax: string,
  header: DicomElement[],
  offsets: number[],
  fragments: number[][],
): DicomData {
  const file = writeDicom(header, syntax)
  const pixels = [
    ...[0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff],
    ...item(offsets.flatMap(u32)),
    ...fragments.flatMap(item),
    ...[0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0],
  ]
  const bytes = new Uint8Array(file.length + pixels.length)
  bytes.set(file)
  bytes.set(pixels, file.length)
  const data = convertFormat(bytes)
  if (data.kind !== 'dicom') throw new Error('not DICOM')
  return data
}

const monochrome = (rows: number, columns: number, frames = 1): DicomElement[] => [
  us(0x00280002, 1),
  cs(0x00280004, 'MONOCHROME2'),
  ...(frames > 1 ? [is(0x00280008, String(frames))] : []),
  us(0x00280010, rows),
  us(0x00280011, columns),
  us(0x00280100, 16),
  us(0x00280101, 16),
  us(0x00280102, 15),
  us(0x00280103, 0),
]

const RLE = '1.2.840.10008.1.2.5'
const JPEG_LS = '1.2.840.10008.1.2.4.80'

afterEach(() => setMaxDecodedBytes(undefined))

/** The single-fragment codestream of MR_small_jpeg_ls_lossless.dcm (64×64). */
function jpegLsCodestream(): Uint8Array {
  const jpegLs = loadDicom('test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm')
  const fragment = jpegLs.dataSet.elements.x7fe00010.fragments![0]
  return jpegLs.dataSet.byteArray.subarray(fragment.position, fragment.position + fragment.length)
}

describe('hostile pixel data', () => {
  it('an offset table pointing outside the pixel data', async () => {
    const rle = (value: number) => [
      ...u32(2),
      ...u32(64),
      ...u32(66),
      ...new Array(52).fill(0),
      0,
      value,
      0,
      value,
    ]
    const dicom = encapsulated(RLE, monochrome(1, 2, 2), [0, 0x7ffffff0], [rle(1), rle(2)])
    const e = await decodeError(dicom, 'corrupt', 1)
    expect(e.message).toBe('DICOM frame 1: the offset table points at no fragment')
  })

  it('a fragment claiming more bytes than the file holds', async () => {
    const dicom = encapsulated(RLE, monochrome(1, 2), [], [[1, 2, 3, 4]])
    const fragment = dicom.dataSet.elements.x7fe00010.fragments![0]
    fragment.length = 0x7ffffff0
    const e = await decodeError(dicom, 'corrupt')
    expect(e.message).toMatch(/claims 2147483632 bytes but the file ends at \d+; the file is truncated/)
  })

  it('an RLE frame too small for the pixels its header declares is refused before allocating', async () => {
    // 16384 × 16384 × 16 bits (512 MiB decoded) from a 70-byte frame: PackBits cannot expand that far.
    const header = [...u32(2), ...u32(64), ...u32(67), ...new Array(52).fill(0), 0x81, 0, 0x81, 0, 0, 0]
    setMaxDecodedBytes(2 ** 30)
    const e = await decodeError(encapsulated(RLE, monochrome(16384, 16384), [], [header]), 'corrupt')
    expect(e.message).toBe('DICOM frame 0: RLE frame of 70 bytes cannot hold 2 segments of 268435456 bytes')
  })

  it('a codestream whose own header disagrees with the data set is refused before the codec runs', async () => {
    const codestream = jpegLsCodestream()
    // The same 64×64 codestream in a data set that says 16384 × 16384.
    const forged = encapsulated(JPEG_LS, monochrome(16384, 16384), [], [Array.from(codestream)])
    const e = await decodeError(forged, 'corrupt')
    expect(e.message).toBe(
      'DICOM frame 0: JPEG-LS Lossless codestream header says 64×64, the dataset says 16384×16384',
    )
  })

  it('a JPEG-LS codestream cut short (no EOI) is refused before CharLS, which spends tens of seconds on it', async () => {
    // Found by npm run fuzz: CharLS took 17 to 49 s to fail on a 64×64 codestream truncated or overwritten at
    // its end. A JPEG-LS codestream ends with EOI (FF D9), possibly padded with 0x00 to an even length.
    const codestream = jpegLsCodestream()
    const cut = Array.from(codestream.subarray(0, 1000))
    const e = await decodeError(encapsulated(JPEG_LS, monochrome(64, 64), [], [cut]), 'corrupt')
    expect(e.message).toBe(
      'DICOM frame 0: JPEG-LS Lossless codestream (1000 bytes) does not end with an EOI marker: it is truncated or corrupt',
    )
    // The whole codestream, padded with zeros, still decodes.
    const padded = [...Array.from(codestream), 0, 0]
    const frame = await decodeDicomFrame(encapsulated(JPEG_LS, monochrome(64, 64), [], [padded]))
    expect(frame.pixelData).toHaveLength(64 * 64)
  })

  it("a codec's own diagnostic goes into the FormatError, not to the console", async () => {
    // OpenJPH printed "ojph error … Rsiz bit 14 is not set" with console.error for a plain JPEG 2000
    // codestream in an HTJ2K data set (found by bench/hostile.bench.ts); the error said only "codec error <n>".
    const j2k = loadDicom('test/fixtures/generated/MR_small_j2k_lossless.dcm')
    const fragment = j2k.dataSet.elements.x7fe00010.fragments![0]
    const codestream = j2k.dataSet.byteArray.subarray(fragment.position, fragment.position + fragment.length)
    const htj2k = encapsulated('1.2.840.10008.1.2.4.201', monochrome(64, 64), [], [Array.from(codestream)])
    const error = vi.spyOn(console, 'error')
    const e = await decodeError(htj2k, 'corrupt')
    expect(error).not.toHaveBeenCalled()
    error.mockRestore()
    expect(e.message).toMatch(
      /^DICOM frame 0: HTJ2K Lossless: the codestream \(\d+ bytes\) could not be decoded: .*Rsiz bit 14 is not set/,
    )
  })

  it('a frame larger than the size limit: too-large, naming the limit', async () => {
    const image = buildImage({ rows: 8, columns: 8, pixels: new Uint16Array(64), bitsAllocated: 16 })
    expect((await decodeDicomFrame(image)).pixelData).toHaveLength(64)
    setMaxDecodedBytes(100)
    const e = await decodeError(image, 'too-large')
    expect(e.message).toMatch(
      /^DICOM frame 0 \(8×8×1 at 16 bits\) would decode to 128 bytes, more than the 100-byte limit/,
    )
  })

  it('anything thrown while reading the data set (dicom-parser throws strings) is a FormatError', async () => {
    const mr = loadDicom('test/fixtures/dicom/MR_small.dcm')
    const dataSet = Object.create(mr.dataSet)
    dataSet.floatString = () => {
      throw 'dicomParser.readFixedString: attempt to read past end of buffer'
    }
    const e = await decodeError({ ...mr, dataSet }, 'corrupt')
    expect(e.message).toBe(
      'DICOM frame 0: the data is corrupt (dicomParser.readFixedString: attempt to read past end of buffer)',
    )
  })
})

describe('hostile segmented palette LUTs', () => {
  it('an indirect segment inside an indirect segment', () => {
    // Word 0: indirect, replaying 1 segment at word 0: itself.
    const nested = new Uint16Array([2, 1, 0, 0])
    expect(() => expandSegmentedLut(nested, 256)).toThrowError('DICOM segmented LUT nests indirect segments')
  })

  it('indirect segments that replay nothing, over and over, end as corrupt instead of looping', () => {
    // 65535 zero-length discrete segments, then 20,000 indirect segments each replaying all of them: 1.3 billion
    // segment visits that produce nothing.
    const empty = 2 * 65535
    const words = new Uint16Array(empty + 4 * 20_000)
    for (let i = empty; i < words.length; i += 4) words.set([2, 65535, 0, 0], i)
    expect(() => expandSegmentedLut(words, 256)).toThrowError(
      'DICOM segmented LUT makes no progress (its indirect segments loop)',
    )
  })

  it('segments expanding far beyond the table stop at its size', () => {
    // A value, then 1000 linear segments of 65535 entries each: 65 million values for a 4096-entry table.
    const words = new Uint16Array(2 + 1 + 3 * 1000)
    words.set([0, 1, 7])
    for (let i = 3; i < words.length; i += 3) words.set([1, 65535, 9], i)
    const lut = expandSegmentedLut(words, 4096)
    expect(lut).toHaveLength(4096)
    expect([lut[0], lut[4095]]).toEqual([7, 7])
  })

  it('segments running past the data', () => {
    expect(() => expandSegmentedLut(new Uint16Array([0, 500, 1, 2]), 256)).toThrowError(
      'DICOM segmented LUT has a discrete segment past its 4 words',
    )
    expect(() => expandSegmentedLut(new Uint16Array([0, 1, 5, 2, 9, 0xffff, 0xffff]), 256)).toThrowError(
      /indirect segment pointing past its 7 words/,
    )
  })
})
