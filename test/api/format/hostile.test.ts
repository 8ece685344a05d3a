import { Deflate, deflateSync, gunzipSync, gzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { FormatError, type FormatErrorReason } from '../../../src/api/errors.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { maxDecodedBytes, setMaxDecodedBytes } from '../../../src/api/format/decodedSizeLimit.js'
import { fixture } from './fixtures.js'

// Regression tests for hostile input (issue 10): each input must give a value or a FormatError with a reason,
// never another error, a stack overflow, a hang or an allocation sized by a forged header.

function formatError(run: () => unknown, reason: FormatErrorReason): FormatError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(FormatError)
  expect((caught as FormatError).reason).toBe(reason)
  return caught as FormatError
}

const u16 = (v: number) => [v & 0xff, v >> 8]
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]
const tag = (group: number, element: number) => [...u16(group), ...u16(element)]
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))
const UNDEFINED = 0xffffffff

/** An Explicit VR LE element with a 16-bit length (US, CS, UI, ...). */
const short = (g: number, e: number, vr: string, value: number[]) => [
  ...tag(g, e),
  ...ascii(vr),
  ...u16(value.length),
  ...value,
]
/** An Explicit VR LE element with a 32-bit length (OB, OW, SQ, UN, ...), the length given. */
const long = (g: number, e: number, vr: string, length: number) => [
  ...tag(g, e),
  ...ascii(vr),
  0,
  0,
  ...u32(length),
]

/** A part-10 file: preamble, DICM, the meta group with the transfer syntax, then `body`. */
function part10(body: number[], syntax = '1.2.840.10008.1.2.1'): Uint8Array {
  const uid = ascii(syntax.length % 2 ? `${syntax}\0` : syntax)
  const meta = short(0x0002, 0x0010, 'UI', uid)
  const bytes = [
    ...new Array(128).fill(0),
    ...ascii('DICM'),
    ...short(0x0002, 0x0000, 'UL', u32(meta.length)),
    ...meta,
    ...body,
  ]
  return Uint8Array.from(bytes)
}

/** Image Pixel elements of a rows × columns, 16-bit monochrome image. */
function imageHeader(rows: number, columns: number, extra: number[] = []): number[] {
  return [
    ...short(0x0008, 0x0016, 'UI', ascii('1.2.840.10008.5.1.4.1.1.7\0')),
    ...short(0x0028, 0x0002, 'US', u16(1)),
    ...short(0x0028, 0x0004, 'CS', ascii('MONOCHROME2 ')),
    ...extra,
    ...short(0x0028, 0x0010, 'US', u16(rows)),
    ...short(0x0028, 0x0011, 'US', u16(columns)),
    ...short(0x0028, 0x0100, 'US', u16(16)),
    ...short(0x0028, 0x0101, 'US', u16(16)),
    ...short(0x0028, 0x0102, 'US', u16(15)),
    ...short(0x0028, 0x0103, 'US', u16(0)),
  ]
}

afterEach(() => setMaxDecodedBytes(undefined))

describe('hostile DICOM structure', () => {
  it('sequences nested 50,000 deep: FormatError, no stack overflow', () => {
    const depth = 50_000
    const open = [...long(0x0008, 0x1140, 'SQ', UNDEFINED), ...tag(0xfffe, 0xe000), ...u32(UNDEFINED)]
    const body: number[] = []
    for (let i = 0; i < depth; i++) body.push(...open)
    const e = formatError(() => convertFormat(part10(body)), 'corrupt')
    expect(e.message).toMatch(/^DICOM: /)
  })

  it('undefined lengths without delimiters: a sequence, an item, an element, encapsulated pixel data', () => {
    const unterminated = [
      [
        ...long(0x0008, 0x1140, 'SQ', UNDEFINED),
        ...tag(0xfffe, 0xe000),
        ...u32(UNDEFINED),
        ...short(0x0008, 0x1150, 'UI', ascii('1.2\0')),
      ],
      [...long(0x0009, 0x1010, 'OB', UNDEFINED), ...new Array(64).fill(7)],
      [
        ...imageHeader(4, 4),
        ...long(0x7fe0, 0x0010, 'OB', UNDEFINED),
        ...tag(0xfffe, 0xe000),
        ...u32(0),
        ...tag(0xfffe, 0xe000),
        ...u32(8),
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
      ],
    ]
    for (const body of unterminated) {
      try {
        const data = convertFormat(part10(body))
        expect(data.kind).toBe('dicom')
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError)
      }
    }
  })

  it('lengths of 0xFFFFFFFE, lengths past the end, odd lengths: FormatError corrupt', () => {
    for (const length of [0xfffffffe, 0x7fffffff, 1001]) {
      const bytes = part10([
        ...imageHeader(2, 2),
        ...long(0x7fe0, 0x0010, 'OW', length),
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
      ])
      const e = formatError(() => convertFormat(bytes), 'corrupt')
      expect(e.message).toMatch(/\(7FE0,0010\)/)
    }
    // An odd length shifts every later element: whatever is read then must still be within the data.
    const odd = part10([
      ...short(0x0008, 0x0060, 'CS', ascii('CT ')),
      ...imageHeader(2, 2),
      ...long(0x7fe0, 0x0010, 'OW', 8),
      ...new Array(8).fill(1),
    ])
    try {
      convertFormat(odd)
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError)
    }
  })

  it('an implicit VR element running past the end (dicom-parser lets it through) is refused', () => {
    const full = fixture('dicom/MR_small_implicit.dcm')
    const cut = full.subarray(0, full.length - 100)
    const e = formatError(() => convertFormat(cut), 'corrupt')
    expect(e.message).toMatch(/^DICOM: truncated at byte \d+ while reading element \(7FE0,0010\)/)
  })

  it('strings dicom-parser throws become FormatError naming what it said', () => {
    // A meta group without a transfer syntax, read without preamble.
    const noSyntax = Uint8Array.from([
      ...short(0x0002, 0x0000, 'UL', u32(10)),
      ...short(0x0002, 0x0002, 'UI', ascii('1.2.3\0')),
    ])
    const e = formatError(() => convertFormat(noSyntax, 'application/dicom'), 'corrupt')
    expect(e.message).toMatch(/Transfer Syntax UID \(0002,0010\)/)
  })

  it('declared frames beyond the size limit: too-large, naming the limit, before anything is read', () => {
    const bytes = part10([...imageHeader(4, 4), ...long(0x7fe0, 0x0010, 'OW', 32), ...new Array(32).fill(0)])
    expect(convertFormat(bytes).kind).toBe('dicom')
    setMaxDecodedBytes(16)
    const e = formatError(() => convertFormat(bytes), 'too-large')
    expect(e.message).toContain('16-byte limit')
    setMaxDecodedBytes(undefined)
    expect(maxDecodedBytes()).toBe(512 * 2 ** 20)
    // 65535 × 65535 at 16 bits: 8 GiB for one frame, in a file of a few hundred bytes.
    const huge = part10([
      ...imageHeader(65535, 65535),
      ...long(0x7fe0, 0x0010, 'OB', UNDEFINED),
      ...tag(0xfffe, 0xe000),
      ...u32(0),
      ...tag(0xfffe, 0xe0dd),
      ...u32(0),
    ])
    expect(formatError(() => convertFormat(huge), 'too-large').message).toMatch(/536870912-byte limit/)
  })
})

describe('decompression stops at the size the header declares', () => {
  // 32 MiB of zeros as raw DEFLATE (~33 kB), made once: a stream that inflates 1000-fold.
  let zeros: Uint8Array | undefined
  function deflatedZeros(): Uint8Array {
    if (!zeros) {
      const parts: Uint8Array[] = []
      const stream = new Deflate({ level: 1 })
      stream.ondata = (chunk) => parts.push(chunk)
      const block = new Uint8Array(1 << 20)
      for (let i = 0; i < 32; i++) stream.push(block)
      stream.push(new Uint8Array(), true)
      zeros = concat(parts)
    }
    return zeros
  }

  function concat(parts: ArrayLike<number>[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }

  /**
   * Raw DEFLATE of `head` then 32 MiB of zeros: `head` in a stored (uncompressed, not final) block, then the
   * zeros' own blocks, which refer back only to themselves. `gzip` wraps it in a gzip header (no trailer).
   */
  function headThenZeros(head: Uint8Array, gzip = false): Uint8Array {
    const stored = [0, ...u16(head.length), ...u16(~head.length & 0xffff), ...head]
    const gzipHeader = gzip ? [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff] : []
    return concat([gzipHeader, stored, deflatedZeros()])
  }

  it('a .nii.gz whose header says 1 voxel is read without inflating the 32 MB behind it', () => {
    const header = fixture('nifti/anatomical.nii').slice(0, 352)
    const view = new DataView(header.buffer)
    // Big-endian NIfTI-1: dim = [3, 1, 1, 1], int16.
    for (const [i, v] of [3, 1, 1, 1].entries()) view.setInt16(40 + i * 2, v, false)
    const gz = headThenZeros(header, true)
    // Cut inside the zeros: a full inflate would fail ("unexpected EOF"); a bounded one never gets there.
    const cut = gz.subarray(0, Math.floor(gz.length * 0.9))
    expect(() => gunzipSync(cut)).toThrow()
    const data = convertFormat(cut)
    expect(data.kind === 'nifti' && [data.dims, data.voxels.length]).toEqual([[1, 1, 1, 1], 1])
  })

  it('a .nii.gz whose header promises more than the limit is refused before inflating', () => {
    const header = fixture('nifti/anatomical.nii').slice(0, 352)
    const view = new DataView(header.buffer)
    for (const [i, v] of [3, 30000, 30000, 30000].entries()) view.setInt16(40 + i * 2, v, false)
    const e = formatError(() => convertFormat(gzipSync(header)), 'too-large')
    expect(e.message).toMatch(/^NIfTI: the \.nii\.gz \(30000x30000x30000x1 int16\) would decode to/)
  })

  it('a deflated DICOM data set that inflates past its declared pixel data stops there', () => {
    // The data set: a 2×2 image, then (after its 8 bytes of pixel data) 32 MB of zeros the header never declared.
    const dataSet = Uint8Array.from([
      ...imageHeader(2, 2),
      ...long(0x7fe0, 0x0010, 'OW', 8),
      ...new Array(8).fill(1),
    ])
    const deflated = headThenZeros(dataSet)
    const bytes = part10([...deflated], '1.2.840.10008.1.2.1.99')
    const e = formatError(() => convertFormat(bytes), 'corrupt')
    expect(e.message).toMatch(
      /^DICOM: the deflated data set inflates past \d+ bytes, more than its header declares/,
    )
    // The same data set without the padding reads fine.
    const good = convertFormat(part10([...deflateSync(dataSet)], '1.2.840.10008.1.2.1.99'))
    expect(good.kind === 'dicom' && [good.rows, good.columns]).toEqual([2, 2])
  })

  it('a deflated data set that never shows its pixel data stops at the size limit', () => {
    setMaxDecodedBytes(2 ** 20)
    const deflated = headThenZeros(Uint8Array.from(long(0x0009, 0x1010, 'OB', 0x7ffffff0)))
    const e = formatError(() => convertFormat(part10([...deflated], '1.2.840.10008.1.2.1.99')), 'too-large')
    expect(e.message).toContain(`${2 ** 20}-byte limit`)
  })
})

describe('hostile image headers', () => {
  it('a PNG declaring 100000 × 100000 pixels is too large for a viewer to decode', () => {
    const png = fixture('image/ct_small.png').slice()
    const view = new DataView(png.buffer)
    view.setUint32(16, 100_000)
    view.setUint32(20, 100_000)
    expect(formatError(() => convertFormat(png), 'too-large').message).toMatch(
      /^Image: the 100000x100000 PNG/,
    )
  })
})
