import type { Codec } from './Codec.js'
import { type EmscriptenDecoder, instantiate, once, runDecoder } from './wasmCodec.js'

const load = once(() =>
  instantiate(
    () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
    '@cornerstonejs/codec-openjpeg/decodewasm',
    () => new URL('@cornerstonejs/codec-openjpeg/decodewasm', import.meta.url),
  ),
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
