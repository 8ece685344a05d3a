import { FormatError } from '../../api/errors.js'

/**
 * Decodes one DICOM RLE Lossless frame (PS3.5 Annex G) into little-endian, pixel-interleaved bytes.
 * The frame starts with a 64-byte header (segment count, then 15 offsets); each segment is PackBits and holds
 * one byte plane: for each sample, most significant byte first.
 *
 * @returns `pixelCount × samplesPerPixel × bytesPerSample` bytes, ready to be read as stored values.
 */
export function decodeRle(
  frame: Uint8Array,
  pixelCount: number,
  samplesPerPixel: number,
  bytesPerSample: number,
  frameIndex = 0,
): Uint8Array {
  const where = `DICOM frame ${frameIndex}: RLE`
  if (frame.length < 64)
    throw new FormatError(`${where} header needs 64 bytes, the frame has ${frame.length}`, {
      reason: 'corrupt',
    })
  const header = new DataView(frame.buffer, frame.byteOffset, 64)
  const segments = header.getUint32(0, true)
  const expected = samplesPerPixel * bytesPerSample
  if (segments !== expected) {
    throw new FormatError(
      `${where} frame has ${segments} segments, ${expected} expected for its pixel format`,
      { reason: 'corrupt' },
    )
  }
  const stride = expected
  // PackBits expands at most 64-fold (a 2-byte run gives 128 bytes): a header asking for more than the frame
  // can hold is forged, and refused before the output is allocated.
  if (pixelCount * segments > (frame.length - 64) * 64) {
    throw new FormatError(
      `${where} frame of ${frame.length} bytes cannot hold ${segments} segments of ${pixelCount} bytes`,
      { reason: 'corrupt' },
    )
  }
  const out = new Uint8Array(pixelCount * stride)
  for (let s = 0; s < segments; s++) {
    const start = header.getUint32(4 + 4 * s, true)
    const end = s + 1 < segments ? header.getUint32(8 + 4 * s, true) : frame.length
    if (start < 64 || end > frame.length || end < start) {
      throw new FormatError(
        `${where} segment ${s} spans bytes ${start}–${end} outside the ${frame.length}-byte frame`,
        { reason: 'corrupt' },
      )
    }
    const sample = Math.floor(s / bytesPerSample)
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample) // MSB first → little-endian position
    const written = unpackBits(
      frame,
      start,
      end,
      out,
      sample * bytesPerSample + byteInSample,
      stride,
      pixelCount,
    )
    if (written < pixelCount) {
      throw new FormatError(`${where} segment ${s} decodes to ${written} bytes, ${pixelCount} expected`, {
        reason: 'corrupt',
      })
    }
  }
  return out
}

/** PackBits into every `stride`-th byte of `out` from `first`; returns how many bytes it wrote (at most `limit`). */
function unpackBits(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  first: number,
  stride: number,
  limit: number,
): number {
  let i = start
  let pos = first
  let written = 0
  while (i < end && written < limit) {
    const n = src[i++]
    if (n < 128) {
      // Literal run of n + 1 bytes.
      let count = Math.min(n + 1, end - i, limit - written)
      written += count
      while (count-- > 0) {
        out[pos] = src[i++]
        pos += stride
      }
    } else if (n > 128) {
      // Replicate the next byte 257 - n times.
      if (i >= end) break
      const v = src[i++]
      let count = Math.min(257 - n, limit - written)
      written += count
      while (count-- > 0) {
        out[pos] = v
        pos += stride
      }
    }
    // n === 128 (-128): no operation.
  }
  return written
}
