import { FormatError } from '../../../api/errors.js'
import type { Codec } from './CodecOutput.js'

/**
 * JPEG Extended with 12-bit samples (process 4). None of the field's codec packages decodes it
 * (libjpeg-turbo-8bit is 8-bit only; jpeg-lossless-decoder-js handles only lossless), so this says so.
 */
export const jpegExtended12: Codec = {
  prepare: () => Promise.resolve(),
  decodeFrame() {
    return Promise.reject(
      new FormatError(
        'JPEG Extended 12-bit (1.2.840.10008.1.2.4.51) is not supported: no available codec decodes 12-bit DCT JPEG; ' +
          'convert the file to a lossless syntax (e.g. `dcmdjpeg` then `dcmcjpls`) to view it',
      ),
    )
  },
}
