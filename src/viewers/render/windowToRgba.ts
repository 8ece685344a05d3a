/**
 * Grey values through a linear window (DICOM PS3.3 C.11.2.1.2: centre `c`, width `w`) into RGBA bytes,
 * e.g. a canvas ImageData's `data`.
 */
export function windowToRgba(
  values: ArrayLike<number>,
  center: number,
  width: number,
  out: Uint8ClampedArray,
): void {
  const w = Math.max(1, width)
  const low = center - 0.5 - (w - 1) / 2
  const high = center - 0.5 + (w - 1) / 2
  const scale = 255 / Math.max(1e-12, w - 1)
  const offset = center - 0.5
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const x = values[i]
    const y = x <= low ? 0 : x > high ? 255 : (x - offset) * scale + 127.5
    out[o] = y
    out[o + 1] = y
    out[o + 2] = y
    out[o + 3] = 255
  }
}
