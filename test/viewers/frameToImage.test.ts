import { describe, expect, it } from 'vitest'
import type { DecodedFrame } from '../../src/viewers/decode/DecodedFrame.js'
import { frameToImage } from '../../src/viewers/dicom/frameToImage.js'

function frame(overrides: Partial<DecodedFrame>): DecodedFrame {
  return {
    rows: 1,
    columns: 4,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    sourcePhotometricInterpretation: 'MONOCHROME2',
    pixelData: Int16Array.of(-5, 0, 5, 10),
    bitsAllocated: 16,
    bitsStored: 16,
    pixelRepresentation: 1,
    slope: 2,
    intercept: -1,
    modalityLut: undefined,
    windowCenter: 3,
    windowWidth: 20,
    voiLut: undefined,
    minPixelValue: -5,
    maxPixelValue: 10,
    invert: false,
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    lossy: false,
    ...overrides,
  }
}

const spacing = { row: 0.5, column: 0.25 }

/** Modality value cornerstone will compute for pixel i: stored * slope + intercept. */
function modality(image: ReturnType<typeof frameToImage>, i: number): number {
  return image.getPixelData()[i] * image.slope + image.intercept
}

describe('frameToImage', () => {
  it('keeps 16-bit grey stored values, rescale, window, spacing and MONOCHROME1 inversion', () => {
    const image = frameToImage('datamint:0/0', frame({ invert: true }), spacing)
    expect(image).toMatchObject({
      imageId: 'datamint:0/0',
      rows: 1,
      columns: 4,
      width: 4,
      height: 1,
      color: false,
      invert: true,
      minPixelValue: -5,
      maxPixelValue: 10,
      slope: 2,
      intercept: -1,
      windowCenter: 3,
      windowWidth: 20,
      rowPixelSpacing: 0.5,
      columnPixelSpacing: 0.25,
      sizeInBytes: 8,
    })
    expect(Array.from(image.getPixelData())).toEqual([-5, 0, 5, 10])
  })

  it('quantises a 32-bit range wider than 65 536 levels, keeping modality values within one step', () => {
    const stored = Uint32Array.of(0, 123_457, 999_999, 4_000_000)
    const image = frameToImage(
      'datamint:0/1',
      frame({ pixelData: stored, slope: 1e-3, intercept: 0, minPixelValue: 0, maxPixelValue: 4_000_000 }),
      spacing,
    )
    expect(image.getPixelData()).toBeInstanceOf(Uint16Array)
    expect([image.minPixelValue, image.maxPixelValue]).toEqual([0, 65535])
    const step = (4_000_000 / 65535) * 1e-3
    for (let i = 0; i < stored.length; i++) {
      expect(Math.abs(modality(image, i) - stored[i] * 1e-3)).toBeLessThanOrEqual(step / 2 + 1e-9)
    }
    expect(modality(image, 0)).toBe(0)
    expect(modality(image, 3)).toBeCloseTo(4000, 9)
  })

  it('applies a Modality LUT Sequence itself (cornerstone then sees slope 1, intercept 0)', () => {
    const image = frameToImage(
      'datamint:0/2',
      frame({
        pixelData: Uint16Array.of(0, 1, 2, 9),
        minPixelValue: 0,
        maxPixelValue: 9,
        modalityLut: { firstMapped: 1, bitsPerEntry: 16, data: Uint16Array.of(100, 300, 700), type: 'OD' },
      }),
      spacing,
    )
    // below the first mapped value → first entry; beyond the table → last entry
    expect(Array.from(image.getPixelData())).toEqual([100, 100, 300, 700])
    expect([image.slope, image.intercept, image.minPixelValue, image.maxPixelValue]).toEqual([1, 0, 100, 700])
  })

  it('passes a VOI LUT Sequence in cornerstone’s shape', () => {
    const image = frameToImage(
      'datamint:0/3',
      frame({
        voiLut: { firstMapped: -5, bitsPerEntry: 8, data: Uint16Array.of(0, 128, 255), explanation: 'soft' },
      }),
      spacing,
    )
    expect(image.voiLUT).toEqual({ firstValueMapped: -5, numBitsPerEntry: 8, lut: [0, 128, 255] })
  })

  it('turns interleaved RGB into opaque RGBA with an identity window', () => {
    const image = frameToImage(
      'datamint:0/4',
      frame({
        columns: 2,
        samplesPerPixel: 3,
        photometricInterpretation: 'RGB',
        pixelData: Uint8Array.of(1, 2, 3, 250, 251, 252),
        bitsAllocated: 8,
        bitsStored: 8,
        pixelRepresentation: 0,
        minPixelValue: 1,
        maxPixelValue: 252,
      }),
      spacing,
    )
    expect(Array.from(image.getPixelData())).toEqual([1, 2, 3, 255, 250, 251, 252, 255])
    expect(image).toMatchObject({
      color: true,
      rgba: false,
      minPixelValue: 0,
      maxPixelValue: 255,
      sizeInBytes: 8,
    })
    // cornerstone's linear VOI ((v - c) / w + 0.5) * 255 is the identity for this window
    for (const v of [0, 1, 128, 254, 255]) {
      expect(((v - image.windowCenter) / image.windowWidth + 0.5) * 255).toBeCloseTo(v, 9)
    }
  })
})
