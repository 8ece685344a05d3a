import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

const load = once(() =>
  instantiate({
    file: 'openjpeg_decode.wasm',
    factory: () => import('./vendor/openjpeg_decode.js'),
    url: () => new URL('./vendor/openjpeg_decode.wasm', import.meta.url),
  }),
)

/**
 * JPEG 2000 (lossless and lossy) through OpenJPEG. The codec inverts the RCT/ICT component transform itself
 * (YBR_RCT/YBR_ICT come out RGB); YBR_FULL stored without one is left for decodeDicomFrame to convert.
 */
export const jpeg2000: Codec = {
  prepare: load,
  async decodeFrame(encoded) {
    const m = await load()
    const decoder = new (m.J2KDecoder as new () => EmscriptenDecoder)()
    return runDecoder(decoder, encoded, false)
  },
}
