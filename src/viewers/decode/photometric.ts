import type { PixelArray } from './DecodedFrame.js'

/** Planar configuration 1 (RRR…GGG…BBB…) to interleaved RGB (RGBRGB…), into a new array of the same type. */
export function planarToInterleaved(pixels: PixelArray, pixelCount: number): PixelArray {
  const out = new (pixels.constructor as new (n: number) => PixelArray)(pixelCount * 3)
  const g = pixelCount
  const b = 2 * pixelCount
  for (let i = 0, j = 0; i < pixelCount; i++, j += 3) {
    out[j] = pixels[i]
    out[j + 1] = pixels[g + i]
    out[j + 2] = pixels[b + i]
  }
  return out
}

/**
 * YBR_FULL (full-range ITU-R BT.601 Y, Cb, Cr; PS3.3 C.7.6.3.1.2) to RGB in place, rounded and clamped.
 * `bitsStored` sets the chroma offset (128 for 8 bits).
 */
export function ybrFullToRgb(pixels: PixelArray, bitsStored: number): void {
  const half = 2 ** (bitsStored - 1)
  const max = 2 ** bitsStored - 1
  const n = pixels.length
  for (let i = 0; i < n; i += 3) {
    const y = pixels[i]
    const cb = pixels[i + 1] - half
    const cr = pixels[i + 2] - half
    const r = Math.floor(y + 1.402 * cr + 0.5)
    const g = Math.floor(y - 0.344136 * cb - 0.714136 * cr + 0.5)
    const b = Math.floor(y + 1.772 * cb + 0.5)
    pixels[i] = r < 0 ? 0 : Math.min(r, max)
    pixels[i + 1] = g < 0 ? 0 : Math.min(g, max)
    pixels[i + 2] = b < 0 ? 0 : Math.min(b, max)
  }
}

/**
 * Native YBR_FULL_422 (each pair of pixels stored as Y1 Y2 Cb Cr) to YBR_FULL with 3 samples per pixel,
 * the pair sharing its chroma.
 */
export function ybr422ToFull(pixels: PixelArray, pixelCount: number): PixelArray {
  const out = new (pixels.constructor as new (n: number) => PixelArray)(pixelCount * 3)
  for (let p = 0, i = 0; p < pixelCount; p += 2, i += 4) {
    const cb = pixels[i + 2]
    const cr = pixels[i + 3]
    const o = p * 3
    out[o] = pixels[i]
    out[o + 1] = cb
    out[o + 2] = cr
    if (p + 1 < pixelCount) {
      out[o + 3] = pixels[i + 1]
      out[o + 4] = cb
      out[o + 5] = cr
    }
  }
  return out
}
