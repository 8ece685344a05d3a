import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

const load = once(() =>
  instantiate({
    file: 'openjph_decode.wasm',
    factory: () => import('./vendor/openjph_decode.js'),
    url: () => new URL('./vendor/openjph_decode.wasm', import.meta.url),
  }),
)

/** High-Throughput JPEG 2000 through OpenJPH; as for JPEG 2000, the codec inverts RCT/ICT itself. */
export const htj2k: Codec = {
  prepare: load,
  async decodeFrame(encoded) {
    const m = await load()
    const decoder = new (m.HTJ2KDecoder as new () => EmscriptenDecoder)()
    return runDecoder(decoder, encoded, false)
  },
}
