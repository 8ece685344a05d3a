import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

const load = once(() =>
  instantiate(
    () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
    '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
    () => new URL('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm', import.meta.url),
  ),
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
