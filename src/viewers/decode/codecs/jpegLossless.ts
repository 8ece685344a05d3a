import { Decoder } from 'jpeg-lossless-decoder-js'
import { type Codec, codecError } from './Codec.js'

/**
 * JPEG Lossless, Non-Hierarchical (Process 14), any predictor selection value, through jpeg-lossless-decoder-js
 * (pure JavaScript). Samples come out as unsigned P-bit values; the caller sign-extends by Bits Stored.
 */
// A Decoder allocates ~130,000 table entries when constructed, more than decoding a small frame costs, so one
// is kept and reused (decode is synchronous). Every table a codestream uses is redefined by its own DHT; the
// scan state that a codestream without DRI would not overwrite is reset here.
let kept: Decoder | undefined
function reusable(): Decoder {
  kept ??= new Decoder()
  kept.restartInterval = 0
  kept.restarting = false
  kept.marker = 0
  kept.markerIndex = 0
  return kept
}

export const jpegLossless: Codec = {
  prepare: () => Promise.resolve(),
  async decodeFrame(encoded, { bitsAllocated }) {
    const decoder = reusable()
    const bytesPerSample = bitsAllocated > 8 ? 2 : 1
    let out: Uint8Array | Uint16Array
    try {
      out = decoder.decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.length, bytesPerSample)
    } catch (e) {
      kept = undefined // a failed decode may leave state behind: start the next one fresh
      throw codecError(e, encoded.length)
    }
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    return {
      bytes,
      width: decoder.xDim,
      height: decoder.yDim,
      bytesPerSample,
      components: decoder.numComp,
      colorConverted: false,
      planar: false,
    }
  },
}
