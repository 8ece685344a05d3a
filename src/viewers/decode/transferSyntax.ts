import { type CodecLoader, lazyCodec } from './codecs/loadCodec.js'

/** How a transfer syntax stores pixel data. */
export type PixelEncoding =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k'

/** One row of {@link SYNTAXES}: everything the decoders (and the in-memory server) know about a transfer syntax. */
export interface TransferSyntaxInfo {
  name: string
  encoding: PixelEncoding
  bigEndian: boolean
  /** The syntax can be lossy (the codec decides; we report it on the frame). */
  lossy: boolean
  /** For encapsulated syntaxes other than RLE: the codec, imported on first use. */
  codec?: CodecLoader
}

// Codec chunks, each imported once whichever syntax asks first. The literal import() paths let bundlers split them.
const jpegBaseline = lazyCodec(() => import('./codecs/jpegBaseline.js').then((m) => m.jpegBaseline))
// libjpeg-turbo-8bit handles 8-bit extended (process 2); 12-bit (process 4) needs our own decoder.
const jpegExtended12 = lazyCodec(() => import('./codecs/jpegExtended12.js').then((m) => m.jpegExtended12))
const jpegExtended: CodecLoader = (precision) => (precision > 8 ? jpegExtended12() : jpegBaseline())
const jpegLossless = lazyCodec(() => import('./codecs/jpegLossless.js').then((m) => m.jpegLossless))
const jpegLs = lazyCodec(() => import('./codecs/jpegLs.js').then((m) => m.jpegLs))
const jpeg2000 = lazyCodec(() => import('./codecs/jpeg2000.js').then((m) => m.jpeg2000))
const htj2k = lazyCodec(() => import('./codecs/htj2k.js').then((m) => m.htj2k))

const native = (name: string, bigEndian = false): TransferSyntaxInfo => ({
  name,
  encoding: 'native',
  bigEndian,
  lossy: false,
})
const encapsulated = (
  name: string,
  encoding: PixelEncoding,
  lossy: boolean,
  codec?: CodecLoader,
): TransferSyntaxInfo => ({ name, encoding, bigEndian: false, lossy, codec })

/**
 * Every transfer syntax this library decodes, one row each (docs/recipes/add-a-transfer-syntax.md). The one
 * place that says which syntaxes are native, which are RLE, and which codec reads the others.
 */
const SYNTAXES: Record<string, TransferSyntaxInfo> = {
  '1.2.840.10008.1.2': native('Implicit VR Little Endian'),
  '1.2.840.10008.1.2.1': native('Explicit VR Little Endian'),
  // convertFormat has already inflated the deflated dataset, so pixel data reads as Explicit VR LE.
  '1.2.840.10008.1.2.1.99': native('Deflated Explicit VR Little Endian'),
  '1.2.840.10008.1.2.2': native('Explicit VR Big Endian', true),
  '1.2.840.10008.1.2.5': encapsulated('RLE Lossless', 'rle', false),
  '1.2.840.10008.1.2.4.50': encapsulated('JPEG Baseline (Process 1)', 'jpeg-baseline', true, jpegBaseline),
  '1.2.840.10008.1.2.4.51': encapsulated(
    'JPEG Extended (Process 2 & 4)',
    'jpeg-extended',
    true,
    jpegExtended,
  ),
  '1.2.840.10008.1.2.4.57': encapsulated('JPEG Lossless (Process 14)', 'jpeg-lossless', false, jpegLossless),
  '1.2.840.10008.1.2.4.70': encapsulated(
    'JPEG Lossless SV1 (Process 14)',
    'jpeg-lossless',
    false,
    jpegLossless,
  ),
  '1.2.840.10008.1.2.4.80': encapsulated('JPEG-LS Lossless', 'jpeg-ls', false, jpegLs),
  '1.2.840.10008.1.2.4.81': encapsulated('JPEG-LS Near-Lossless', 'jpeg-ls', true, jpegLs),
  '1.2.840.10008.1.2.4.90': encapsulated('JPEG 2000 Lossless', 'jpeg2000', false, jpeg2000),
  '1.2.840.10008.1.2.4.91': encapsulated('JPEG 2000', 'jpeg2000', true, jpeg2000),
  '1.2.840.10008.1.2.4.201': encapsulated('HTJ2K Lossless', 'htj2k', false, htj2k),
  '1.2.840.10008.1.2.4.202': encapsulated('HTJ2K Lossless RPCL', 'htj2k', false, htj2k),
  '1.2.840.10008.1.2.4.203': encapsulated('HTJ2K', 'htj2k', true, htj2k),
  // Private HTJ2K UIDs written by early cornerstone3D / OHIF exports.
  '3.2.840.10008.1.2.4.96': encapsulated('HTJ2K (private)', 'htj2k', true, htj2k),
}

/** Looks up a transfer syntax; `undefined` for syntaxes this library cannot decode. */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo | undefined {
  return SYNTAXES[uid.replace(/\0/g, '').trim()]
}
