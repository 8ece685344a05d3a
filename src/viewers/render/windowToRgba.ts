/**
 * Grey values through a linear window (DICOM PS3.3 C.11.2.1.2: centre `c`, width `w`) into RGBA bytes,
 * e.g. a canvas ImageData's `data`; optionally inverted and mapped through a colour map (256 RGB triples,
 * see colormapTable).
 */
export function windowToRgba(
  values: ArrayLike<number>,
  center: number,
  width: number,
  out: Uint8ClampedArray,
  options: { invert?: boolean; lut?: Uint8Array } = {},
): void {
  const w = Math.max(1, width)
  const low = center - 0.5 - (w - 1) / 2
  const high = center - 0.5 + (w - 1) / 2
  const scale = 255 / Math.max(1e-12, w - 1)
  const offset = center - 0.5
  const { invert = false, lut } = options
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const x = values[i]
    let y = x <= low ? 0 : x > high ? 255 : (x - offset) * scale + 127.5
    if (invert) y = 255 - y
    if (lut) {
      const k = Math.round(y) * 3
      out[o] = lut[k]
      out[o + 1] = lut[k + 1]
      out[o + 2] = lut[k + 2]
    } else {
      out[o] = y
      out[o + 1] = y
      out[o + 2] = y
    }
    out[o + 3] = 255
  }
}
