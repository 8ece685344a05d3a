import type { DecodedFrame } from '../../../src/viewers/decode/DecodedFrame.js'

/**
 * Our own reference for what a viewer must paint: stored value → modality (slope/intercept) → linear VOI as
 * DICOM PS3.3 C.11.2.1.2 defines it → 8-bit, inverted for MONOCHROME1. Colour frames show as decoded.
 * Returns RGB triples, row-major.
 */
export function expectedRgb(
  frame: DecodedFrame,
  windowCenter: number,
  windowWidth: number,
  invert = frame.invert,
) {
  const n = frame.rows * frame.columns
  const out = new Uint8ClampedArray(n * 3)
  if (frame.samplesPerPixel === 3) {
    const shift = Math.max(0, frame.bitsStored - 8)
    for (let i = 0; i < n * 3; i++) out[i] = frame.pixelData[i] >> shift
    return out
  }
  const c = windowCenter
  const w = windowWidth
  for (let i = 0; i < n; i++) {
    const x = frame.pixelData[i] * frame.slope + frame.intercept
    let y: number
    if (x <= c - 0.5 - (w - 1) / 2) y = 0
    else if (x > c - 0.5 + (w - 1) / 2) y = 255
    else y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255
    if (invert) y = 255 - y
    out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = y
  }
  return out
}

/** Largest channel difference between a canvas region (RGBA) and expected RGB, and how many pixels differ by more than `tolerance`. */
export function compareRgb(rgba: Uint8ClampedArray, rgb: Uint8ClampedArray, tolerance: number) {
  let maxDiff = 0
  let over = 0
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    const d = Math.max(
      Math.abs(rgba[i] - rgb[j]),
      Math.abs(rgba[i + 1] - rgb[j + 1]),
      Math.abs(rgba[i + 2] - rgb[j + 2]),
    )
    if (d > maxDiff) maxDiff = d
    if (d > tolerance) over++
  }
  return { maxDiff, over }
}

/**
 * How many pixels of a colour-mapped canvas (RGBA) are not the colour map's entry for the expected grey level
 * (from {@link expectedRgb}): each pixel may match the entries one level either side (rounding differs).
 */
export function colormapMismatches(
  rgba: Uint8ClampedArray,
  grey: Uint8ClampedArray,
  table: Uint8Array,
): number {
  let over = 0
  for (let i = 0, j = 0; j < grey.length; i += 4, j += 3) {
    const y = grey[j]
    let ok = false
    for (let k = Math.max(0, y - 1); k <= Math.min(255, y + 1) && !ok; k++) {
      ok =
        Math.abs(rgba[i] - table[k * 3]) <= 2 &&
        Math.abs(rgba[i + 1] - table[k * 3 + 1]) <= 2 &&
        Math.abs(rgba[i + 2] - table[k * 3 + 2]) <= 2
    }
    if (!ok) over++
  }
  return over
}
