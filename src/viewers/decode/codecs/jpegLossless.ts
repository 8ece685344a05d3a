import { Decoder } from 'jpeg-lossless-decoder-js'
import type { Codec } from './CodecOutput.js'

/**
 * JPEG Lossless, Non-Hierarchical (Process 14), any predictor selection value, through jpeg-lossless-decoder-js
 * (pure JavaScript). Samples come out as unsigned P-bit values; the caller sign-extends by Bits Stored.
 */
export const jpegLossless: Codec = {
  prepare: () => Promise.resolve(),
  async decodeFrame(encoded, { bitsAllocated }) {
    const decoder = new Decoder()
    const bytesPerSample = bitsAllocated > 8 ? 2 : 1
    const out = decoder.decode(
      encoded.buffer as ArrayBuffer,
      encoded.byteOffset,
      encoded.length,
      bytesPerSample,
    )
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
