/** What a compressed frame's own header declares, read before any codec allocates for it. */
export interface CodestreamHeader {
  width: number
  height: number
  components: number
  /** Sample precision in bits. */
  precision: number
}

/**
 * The frame header of a JPEG-family codestream (SOFn of JPEG baseline/extended/lossless, SOF55 of JPEG-LS) or
 * the SIZ segment of a JPEG 2000 / HTJ2K codestream; undefined when none is found (a JP2 file, other data).
 */
export function codestreamHeader(encoded: Uint8Array): CodestreamHeader | undefined {
  if (encoded[0] !== 0xff) return undefined
  if (encoded[1] === 0x4f) return sizSegment(encoded)
  if (encoded[1] === 0xd8) return jpegFrameHeader(encoded)
  return undefined
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1]
}

function u32(b: Uint8Array, at: number): number {
  return u16(b, at) * 0x10000 + u16(b, at + 2)
}

function jpegFrameHeader(encoded: Uint8Array): CodestreamHeader | undefined {
  let i = 2
  while (i + 9 < encoded.length) {
    if (encoded[i] !== 0xff) {
      i++
      continue
    }
    const marker = encoded[i + 1]
    const frame =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7
    if (frame) {
      return {
        precision: encoded[i + 4],
        height: u16(encoded, i + 5),
        width: u16(encoded, i + 7),
        components: encoded[i + 9],
      }
    }
    // Fill bytes, SOI and restart markers have no length; every other marker segment is skipped whole.
    if (marker === 0xff || marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i++
      continue
    }
    i += 2 + u16(encoded, i + 2)
  }
  return undefined
}

/** SIZ (FF51) right after SOC (FF4F): image and offset sizes, component count, first component's precision. */
function sizSegment(encoded: Uint8Array): CodestreamHeader | undefined {
  if (encoded.length < 2 + 4 + 38 + 3 || encoded[2] !== 0xff || encoded[3] !== 0x51) return undefined
  const at = 4 + 2 + 2 // marker, Lsiz, Rsiz
  return {
    width: u32(encoded, at) - u32(encoded, at + 8),
    height: u32(encoded, at + 4) - u32(encoded, at + 12),
    components: u16(encoded, at + 32),
    precision: (encoded[at + 34] & 0x7f) + 1,
  }
}
