import type { Codec } from './Codec.js'
import { decodeDctJpeg } from './dctJpeg.js'

/**
 * JPEG Extended with 12-bit samples (process 4). No codec package of the field decodes it (libjpeg-turbo-8bit
 * is 8-bit only; jpeg-lossless-decoder-js is lossless only), so it uses our own sequential-DCT decoder.
 * 3-component images come out as coded (YCbCr); decodeDicomFrame converts them to RGB.
 */
export const jpegExtended12: Codec = {
  prepare: () => Promise.resolve(),
  decodeFrame: async (encoded) => decodeDctJpeg(encoded),
}
