import type { DecodedFrame, PixelArray } from '../decode/DecodedFrame.js'
import { lookup } from '../decode/lookupTable.js'
import type { CornerstoneImage } from './Cornerstone.js'

// cornerstone-core builds a LUT with one entry per stored value in [min, max]; beyond this many levels the
// values are quantised (and slope/intercept adjusted) so the LUT stays small and fast to rebuild.
const MAX_LEVELS = 65536

export interface PixelSpacing {
  row: number
  column: number
}

/**
 * A decoded frame as a cornerstone-core image. Grey frames keep their stored values when they fit in 16 bits;
 * a Modality LUT Sequence is applied here (cornerstone then sees slope 1, intercept 0); wider ranges (32-bit
 * dose grids) are quantised to 65 536 levels with slope/intercept rescaled so modality values are kept.
 * Colour frames become RGBA with an identity window, as cornerstone's colour renderer reads 4 values a pixel.
 */
export function frameToImage(imageId: string, frame: DecodedFrame, spacing: PixelSpacing): CornerstoneImage {
  const base = {
    imageId,
    rows: frame.rows,
    columns: frame.columns,
    height: frame.rows,
    width: frame.columns,
    rowPixelSpacing: spacing.row,
    columnPixelSpacing: spacing.column,
    rgba: false,
  }
  if (frame.samplesPerPixel === 3) {
    const rgba = toRgba(frame.pixelData)
    const top = 2 ** Math.min(frame.bitsStored, 16) - 1
    return {
      ...base,
      color: true,
      invert: false,
      minPixelValue: 0,
      maxPixelValue: top,
      slope: 1,
      intercept: 0,
      // ((v - c) / w + 0.5) * 255 with w = top, c = top / 2 maps 0..top onto 0..255 exactly.
      windowCenter: top / 2,
      windowWidth: top,
      getPixelData: () => rgba,
      sizeInBytes: rgba.byteLength,
    }
  }

  let pixels: PixelArray = frame.pixelData
  let { slope, intercept, minPixelValue, maxPixelValue } = frame
  if (frame.modalityLut) {
    const lut = frame.modalityLut
    const mapped = new Int32Array(pixels.length)
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (let i = 0; i < pixels.length; i++) {
      const v = lookup(lut, pixels[i])
      mapped[i] = v
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    pixels = mapped
    slope = 1
    intercept = 0
    minPixelValue = lo
    maxPixelValue = hi
  }
  if (maxPixelValue - minPixelValue >= MAX_LEVELS) {
    const range = maxPixelValue - minPixelValue
    const step = range / (MAX_LEVELS - 1)
    const quantised = new Uint16Array(pixels.length)
    for (let i = 0; i < pixels.length; i++) quantised[i] = Math.round((pixels[i] - minPixelValue) / step)
    intercept = minPixelValue * slope + intercept
    slope *= step
    pixels = quantised
    minPixelValue = 0
    maxPixelValue = MAX_LEVELS - 1
  }
  const stored = pixels
  return {
    ...base,
    color: false,
    invert: frame.invert,
    minPixelValue,
    maxPixelValue,
    slope,
    intercept,
    windowCenter: frame.windowCenter,
    windowWidth: frame.windowWidth,
    voiLUT: frame.voiLut
      ? {
          firstValueMapped: frame.voiLut.firstMapped,
          numBitsPerEntry: frame.voiLut.bitsPerEntry,
          lut: Array.from(frame.voiLut.data),
        }
      : undefined,
    getPixelData: () => stored,
    sizeInBytes: stored.byteLength,
  }
}

function toRgba(rgb: PixelArray): Uint8Array | Uint16Array {
  const n = rgb.length / 3
  const out = rgb.BYTES_PER_ELEMENT === 1 ? new Uint8Array(n * 4) : new Uint16Array(n * 4)
  const opaque = out instanceof Uint8Array ? 255 : 65535
  for (let i = 0, j = 0, k = 0; i < n; i++, j += 3, k += 4) {
    out[k] = rgb[j]
    out[k + 1] = rgb[j + 1]
    out[k + 2] = rgb[j + 2]
    out[k + 3] = opaque
  }
  return out
}
