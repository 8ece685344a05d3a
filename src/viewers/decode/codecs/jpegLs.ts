import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

interface CharlsDecoder extends EmscriptenDecoder {
  getInterleaveMode(): number
}

const load = once(() =>
  instantiate({
    file: 'charls_decode.wasm',
    factory: () => import('./vendor/charls_decode.js'),
    url: () => new URL('./vendor/charls_decode.wasm', import.meta.url),
  }),
)

/** JPEG-LS lossless and near-lossless through CharLS (@cornerstonejs/codec-charls). */
export const jpegLs: Codec = {
  prepare: load,
  async decodeFrame(encoded) {
    const m = await load()
    const decoder = new (m.JpegLSDecoder as new () => CharlsDecoder)()
    // Interleave mode 0 (none) leaves each component in its own plane.
    return runDecoder(decoder, encoded, false, (d) => d.getInterleaveMode() === 0)
  },
}
