import type { PixelEncoding } from '../transferSyntax.js'
import type { Codec } from './Codec.js'

export type CompressedEncoding = Exclude<PixelEncoding, 'native' | 'rle'>

/**
 * Imports the codec for an encoding the first time it is needed: each is its own chunk, so the viewers
 * entry loads none of the codec packages until a file of that transfer syntax is opened.
 */
export function loadCodec(encoding: CompressedEncoding, precision: number): Promise<Codec> {
  // Kept after the first load: a repeated import() still costs a module resolution (and a loader-thread
  // round trip under Node loader hooks), which is more than decoding a small frame.
  const key = encoding === 'jpeg-extended' && precision > 8 ? 'jpeg-extended-12' : encoding
  let codec = loaded.get(key)
  if (!codec) {
    codec = importCodec(encoding, precision)
    codec.catch(() => loaded.delete(key))
    loaded.set(key, codec)
  }
  return codec
}

const loaded = new Map<string, Promise<Codec>>()

function importCodec(encoding: CompressedEncoding, precision: number): Promise<Codec> {
  switch (encoding) {
    case 'jpeg-baseline':
      return import('./jpegBaseline.js').then((m) => m.jpegBaseline)
    case 'jpeg-extended':
      // libjpeg-turbo-8bit handles 8-bit extended (process 2); 12-bit (process 4) needs our own decoder.
      return precision > 8
        ? import('./jpegExtended12.js').then((m) => m.jpegExtended12)
        : import('./jpegBaseline.js').then((m) => m.jpegBaseline)
    case 'jpeg-lossless':
      return import('./jpegLossless.js').then((m) => m.jpegLossless)
    case 'jpeg-ls':
      return import('./jpegLs.js').then((m) => m.jpegLs)
    case 'jpeg2000':
      return import('./jpeg2000.js').then((m) => m.jpeg2000)
    case 'htj2k':
      return import('./htj2k.js').then((m) => m.htj2k)
  }
}

/** Sample precision in a JPEG codestream's SOF header (8 when none is found). */
export function jpegPrecision(encoded: Uint8Array): number {
  let i = 2
  while (i + 4 < encoded.length) {
    if (encoded[i] !== 0xff) {
      i++
      continue
    }
    const marker = encoded[i + 1]
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return encoded[i + 4] ?? 8
    }
    if (marker === 0xff || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      i++
      continue
    }
    i += 2 + ((encoded[i + 2] << 8) | encoded[i + 3])
  }
  return 8
}
