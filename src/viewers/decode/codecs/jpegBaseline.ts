import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

const load = once(() =>
  instantiate({
    file: 'libjpegturbo_decode.wasm',
    factory: () => import('./vendor/libjpegturbo_decode.js'),
    url: () => new URL('./vendor/libjpegturbo_decode.wasm', import.meta.url),
  }),
)

/** JPEG Baseline (8-bit) through libjpeg-turbo; 3-component images come out as RGB. */
export const jpegBaseline: Codec = {
  prepare: load,
  async decodeFrame(encoded) {
    const m = await load()
    const decoder = new (m.JPEGDecoder as new () => EmscriptenDecoder)()
    return runDecoder(decoder, encoded, true)
  },
}
