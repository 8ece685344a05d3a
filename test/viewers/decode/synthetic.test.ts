// Images no Debian tool writes, built from real fixtures' pixels with a small DICOM writer.
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { buildImage, ds, is, lo, ow, sq, us } from './buildDicom.js'
import { loadDicom } from './fixtures.js'

let mr: Int16Array // 64×64, values 127..2145
let rgb: Uint8Array // 100×100 RGB, interleaved

beforeAll(async () => {
  mr = (await decodeDicomFrame(loadDicom('test/fixtures/dicom/MR_small.dcm'))).pixelData as Int16Array
  rgb = (await decodeDicomFrame(loadDicom('test/fixtures/dicom/SC_rgb_rle_2frame.dcm')))
    .pixelData as Uint8Array
})

/** Deterministic "garbage" for the unused high bits. */
const noise = (i: number) => (i * 2654435761) >>> 28

describe('bits stored below bits allocated', () => {
  it('masks unused high bits of unsigned 12-bit values', async () => {
    const stored = Uint16Array.from(mr, (v, i) => v | (noise(i) << 12))
    const f = await decodeDicomFrame(
      buildImage({ rows: 64, columns: 64, pixels: stored, bitsAllocated: 16, bitsStored: 12 }),
    )
    expect(f.pixelData).toBeInstanceOf(Uint16Array)
    expect(Array.from(f.pixelData)).toEqual(Array.from(mr))
    expect([f.minPixelValue, f.maxPixelValue]).toEqual([127, 2145])
  })

  it('sign-extends signed 12-bit values', async () => {
    const values = Int16Array.from(mr, (v) => v - 2048) // −1921..97
    const stored = Uint16Array.from(values, (v, i) => (v & 0xfff) | (noise(i) << 12))
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: stored,
        bitsAllocated: 16,
        bitsStored: 12,
        pixelRepresentation: 1,
      }),
    )
    expect(f.pixelData).toBeInstanceOf(Int16Array)
    expect(Array.from(f.pixelData)).toEqual(Array.from(values))
    expect(f.minPixelValue).toBe(127 - 2048)
  })

  it('shifts down when the high bit is below the top (bits 2..13)', async () => {
    const stored = Uint16Array.from(mr, (v, i) => (v << 2) | (noise(i) & 3) | ((noise(i + 7) & 3) << 14))
    const f = await decodeDicomFrame(
      buildImage({ rows: 64, columns: 64, pixels: stored, bitsAllocated: 16, bitsStored: 12, highBit: 13 }),
    )
    expect(Array.from(f.pixelData)).toEqual(Array.from(mr))
  })

  it('reads signed 8-bit as Int8Array', async () => {
    const values = Int8Array.from(mr, (v) => (v >> 4) - 70)
    const f = await decodeDicomFrame(
      buildImage({ rows: 64, columns: 64, pixels: values, bitsAllocated: 8, pixelRepresentation: 1 }),
    )
    expect(f.pixelData).toBeInstanceOf(Int8Array)
    expect(Array.from(f.pixelData)).toEqual(Array.from(values))
  })
})

describe('bits allocated 1', () => {
  it('unpacks 3 frames of 7×5 whose frames start inside a byte', async () => {
    const count = 35
    const bits = Array.from({ length: 3 * count }, (_, i) => (mr[i * 37] > 1000 ? 1 : 0))
    const packed = new Uint8Array(Math.ceil(bits.length / 8) + 1)
    bits.forEach((b, i) => {
      packed[i >> 3] |= b << (i & 7)
    })
    const dicom = buildImage({ rows: 5, columns: 7, pixels: packed, bitsAllocated: 1, frames: 3 })
    for (let f = 0; f < 3; f++) {
      const frame = await decodeDicomFrame(dicom, f)
      expect(frame.pixelData).toBeInstanceOf(Uint8Array)
      expect(Array.from(frame.pixelData)).toEqual(bits.slice(f * count, (f + 1) * count))
    }
  })
})

describe('MONOCHROME1', () => {
  it('keeps stored values and flags inversion', async () => {
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: mr,
        bitsAllocated: 16,
        pixelRepresentation: 1,
        photometric: 'MONOCHROME1',
      }),
    )
    expect(f.photometricInterpretation).toBe('MONOCHROME1')
    expect(f.invert).toBe(true)
    expect(Array.from(f.pixelData)).toEqual(Array.from(mr))
  })
})

describe('PALETTE COLOR', () => {
  const indices = () => Uint8Array.from(mr, (v) => v >> 4) // 7..134
  const red = Uint16Array.from({ length: 256 }, (_, i) => i * 256)
  const green = Uint16Array.from({ length: 256 }, (_, i) => 65535 - i * 256)
  const blue = Uint16Array.from({ length: 256 }, (_, i) => (i * 37 * 16) & 0xffff)
  const palette = (first: number, bits: number, r: Uint16Array, g: Uint16Array, b: Uint16Array) => [
    us(0x00281101, r.length, first, bits),
    us(0x00281102, g.length, first, bits),
    us(0x00281103, b.length, first, bits),
    ow(0x00281201, r),
    ow(0x00281202, g),
    ow(0x00281203, b),
  ]

  it('maps indices through 16-bit LUTs to Uint16 RGB', async () => {
    const idx = indices()
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: idx,
        bitsAllocated: 8,
        photometric: 'PALETTE COLOR',
        extra: palette(0, 16, red, green, blue),
      }),
    )
    expect(f.photometricInterpretation).toBe('RGB')
    expect(f.samplesPerPixel).toBe(3)
    expect(f.pixelData).toBeInstanceOf(Uint16Array)
    expect([f.bitsAllocated, f.bitsStored, f.pixelRepresentation]).toEqual([16, 16, 0])
    for (const i of [0, 100, 2000, 4095]) {
      expect([f.pixelData[3 * i], f.pixelData[3 * i + 1], f.pixelData[3 * i + 2]]).toEqual([
        red[idx[i]],
        green[idx[i]],
        blue[idx[i]],
      ])
    }
  })

  it('clamps indices outside the table (first mapped 50) and reads 8-bit LUTs as Uint8 RGB', async () => {
    const idx = indices()
    const small = (f: (i: number) => number) => Uint16Array.from({ length: 60 }, (_, i) => f(i))
    const r = small((i) => i * 4)
    const g = small((i) => 255 - i)
    const b = small((i) => (i * 7) & 255)
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: idx,
        bitsAllocated: 8,
        photometric: 'PALETTE COLOR',
        extra: palette(50, 8, r, g, b),
      }),
    )
    expect(f.pixelData).toBeInstanceOf(Uint8Array)
    for (let i = 0; i < idx.length; i += 97) {
      const k = Math.min(59, Math.max(0, idx[i] - 50))
      expect([f.pixelData[3 * i], f.pixelData[3 * i + 1], f.pixelData[3 * i + 2]]).toEqual([r[k], g[k], b[k]])
    }
  })

  it('expands segmented LUTs: discrete, linear and indirect segments', async () => {
    // Red: value 0, then a linear ramp to 65280 over 255 entries. Green: 256 discrete values.
    // Blue: an indirect segment replaying red's two segments.
    const redSeg = new Uint16Array([0, 1, 0, 1, 255, 65280])
    const greenSeg = new Uint16Array([0, 256, ...green])
    const blueSeg = new Uint16Array([0, 1, 0, 1, 255, 65280, 2, 2, 0, 0])
    // Blue's table starts with its own two segments (to expand), then the indirect copy of words 0.. of itself.
    const idx = indices()
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: idx,
        bitsAllocated: 8,
        photometric: 'PALETTE COLOR',
        extra: [
          us(0x00281101, 256, 0, 16),
          us(0x00281102, 256, 0, 16),
          us(0x00281103, 256, 0, 16),
          ow(0x00281221, redSeg),
          ow(0x00281222, greenSeg),
          ow(0x00281223, blueSeg),
        ],
      }),
    )
    const ramp = (i: number) => (i === 0 ? 0 : Math.round((65280 * i) / 255))
    for (let i = 0; i < idx.length; i += 89) {
      const k = idx[i]
      expect([f.pixelData[3 * i], f.pixelData[3 * i + 1], f.pixelData[3 * i + 2]]).toEqual([
        ramp(k),
        green[k],
        ramp(k),
      ])
    }
  })
})

describe('native YBR', () => {
  const toYbr = (r: number, g: number, b: number) => [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ]
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)))

  it('YBR_FULL comes out as RGB within rounding of the source colours', async () => {
    const ybr = new Uint8Array(rgb.length)
    for (let i = 0; i < rgb.length; i += 3) {
      const [y, cb, cr] = toYbr(rgb[i], rgb[i + 1], rgb[i + 2])
      ybr.set([clamp(y), clamp(cb), clamp(cr)], i)
    }
    const f = await decodeDicomFrame(
      buildImage({
        rows: 100,
        columns: 100,
        pixels: ybr,
        bitsAllocated: 8,
        samplesPerPixel: 3,
        photometric: 'YBR_FULL',
      }),
    )
    expect(f.photometricInterpretation).toBe('RGB')
    expect(f.sourcePhotometricInterpretation).toBe('YBR_FULL')
    let max = 0
    for (let i = 0; i < rgb.length; i++) max = Math.max(max, Math.abs(f.pixelData[i] - rgb[i]))
    expect(max).toBeLessThanOrEqual(2)
  })

  it('YBR_FULL_422 (Y1 Y2 Cb Cr per pair) shares chroma across each pair', async () => {
    const packed = new Uint8Array((rgb.length / 3) * 2)
    const expected = new Uint8Array(rgb.length)
    for (let p = 0; p < rgb.length / 3; p += 2) {
      const a = toYbr(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2])
      const b = toYbr(rgb[3 * p + 3], rgb[3 * p + 4], rgb[3 * p + 5])
      const cb = clamp((a[1] + b[1]) / 2)
      const cr = clamp((a[2] + b[2]) / 2)
      packed.set([clamp(a[0]), clamp(b[0]), cb, cr], p * 2)
      for (const [k, y] of [clamp(a[0]), clamp(b[0])].entries()) {
        // PS3.3 C.7.6.3.1.2 inverse, computed here independently of the decoder.
        expected[3 * (p + k)] = clamp(y + 1.402 * (cr - 128))
        expected[3 * (p + k) + 1] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128))
        expected[3 * (p + k) + 2] = clamp(y + 1.772 * (cb - 128))
      }
    }
    const f = await decodeDicomFrame(
      buildImage(
        {
          rows: 100,
          columns: 100,
          pixels: packed,
          bitsAllocated: 8,
          samplesPerPixel: 3,
          photometric: 'YBR_FULL_422',
        },
        'unchecked',
      ),
    )
    expect(f.photometricInterpretation).toBe('RGB')
    let max = 0
    for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(f.pixelData[i] - expected[i]))
    expect(max).toBeLessThanOrEqual(1)
  })

  it('16-bit RGB with planar configuration 1 is interleaved', async () => {
    const n = 64 * 64
    const planes = new Uint16Array(3 * n)
    for (let i = 0; i < n; i++) {
      planes[i] = mr[i]
      planes[n + i] = mr[i] * 2
      planes[2 * n + i] = 4095 - mr[i]
    }
    const f = await decodeDicomFrame(
      buildImage({
        rows: 64,
        columns: 64,
        pixels: planes,
        bitsAllocated: 16,
        samplesPerPixel: 3,
        planarConfiguration: 1,
      }),
    )
    expect(f.pixelData).toBeInstanceOf(Uint16Array)
    for (const i of [0, 5, 4095]) {
      expect([f.pixelData[3 * i], f.pixelData[3 * i + 1], f.pixelData[3 * i + 2]]).toEqual([
        mr[i],
        mr[i] * 2,
        4095 - mr[i],
      ])
    }
  })
})

describe('modality and VOI', () => {
  const base = (extra: Parameters<typeof buildImage>[0]['extra']) =>
    buildImage({ rows: 64, columns: 64, pixels: mr, bitsAllocated: 16, pixelRepresentation: 1, extra })

  it('uses Rescale Slope/Intercept and a window from the rescaled range', async () => {
    const f = await decodeDicomFrame(base([ds(0x00281053, '2'), ds(0x00281052, '-1024')]))
    expect([f.slope, f.intercept]).toEqual([2, -1024])
    // min 127 → -770, max 2145 → 3266
    expect(f.windowWidth).toBe(3266 - -770)
    expect(f.windowCenter).toBe(-770 + (3266 + 770) / 2)
  })

  it('takes the first of several windows', async () => {
    const f = await decodeDicomFrame(base([ds(0x00281050, '40\\80'), ds(0x00281051, '400\\2000')]))
    expect([f.windowCenter, f.windowWidth]).toEqual([40, 400])
  })

  it('exposes a Modality LUT Sequence and windows over its output', async () => {
    const data = Uint16Array.from({ length: 4096 }, (_, i) => i * 2 + 5)
    const f = await decodeDicomFrame(
      base([sq(0x00283000, [[us(0x00283002, 4096, 0, 16), lo(0x00283004, 'HU'), ow(0x00283006, data)]])]),
    )
    expect(f.modalityLut?.type).toBe('HU')
    expect(f.modalityLut?.data[100]).toBe(205)
    expect([f.slope, f.intercept]).toEqual([1, 0])
    expect(f.windowWidth).toBe(2145 * 2 + 5 - (127 * 2 + 5))
  })

  it('windows over the VOI LUT Sequence input range when there is no Window Center', async () => {
    const data = Uint16Array.from({ length: 2000 }, (_, i) => i >> 1)
    const f = await decodeDicomFrame(
      base([sq(0x00283010, [[us(0x00283002, 2000, 100, 12), ow(0x00283006, data)]]), is(0x00200013, '1')]),
    )
    expect(f.voiLut?.data.length).toBe(2000)
    expect([f.windowCenter, f.windowWidth]).toEqual([1100, 2000])
  })
})
