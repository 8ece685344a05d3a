/** How a transfer syntax stores pixel data, and which decoder handles it. */
export type PixelEncoding =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k'

export interface TransferSyntaxInfo {
  name: string
  encoding: PixelEncoding
  bigEndian: boolean
  /** The syntax can be lossy (the codec decides; we report it on the frame). */
  lossy: boolean
}

const native = (name: string, bigEndian = false): TransferSyntaxInfo => ({
  name,
  encoding: 'native',
  bigEndian,
  lossy: false,
})
const encapsulated = (name: string, encoding: PixelEncoding, lossy: boolean): TransferSyntaxInfo => ({
  name,
  encoding,
  bigEndian: false,
  lossy,
})

const SYNTAXES: Record<string, TransferSyntaxInfo> = {
  '1.2.840.10008.1.2': native('Implicit VR Little Endian'),
  '1.2.840.10008.1.2.1': native('Explicit VR Little Endian'),
  // convertFormat has already inflated the deflated dataset, so pixel data reads as Explicit VR LE.
  '1.2.840.10008.1.2.1.99': native('Deflated Explicit VR Little Endian'),
  '1.2.840.10008.1.2.2': native('Explicit VR Big Endian', true),
  '1.2.840.10008.1.2.5': encapsulated('RLE Lossless', 'rle', false),
  '1.2.840.10008.1.2.4.50': encapsulated('JPEG Baseline (Process 1)', 'jpeg-baseline', true),
  '1.2.840.10008.1.2.4.51': encapsulated('JPEG Extended (Process 2 & 4)', 'jpeg-extended', true),
  '1.2.840.10008.1.2.4.57': encapsulated('JPEG Lossless (Process 14)', 'jpeg-lossless', false),
  '1.2.840.10008.1.2.4.70': encapsulated('JPEG Lossless SV1 (Process 14)', 'jpeg-lossless', false),
  '1.2.840.10008.1.2.4.80': encapsulated('JPEG-LS Lossless', 'jpeg-ls', false),
  '1.2.840.10008.1.2.4.81': encapsulated('JPEG-LS Near-Lossless', 'jpeg-ls', true),
  '1.2.840.10008.1.2.4.90': encapsulated('JPEG 2000 Lossless', 'jpeg2000', false),
  '1.2.840.10008.1.2.4.91': encapsulated('JPEG 2000', 'jpeg2000', true),
  '1.2.840.10008.1.2.4.201': encapsulated('HTJ2K Lossless', 'htj2k', false),
  '1.2.840.10008.1.2.4.202': encapsulated('HTJ2K Lossless RPCL', 'htj2k', false),
  '1.2.840.10008.1.2.4.203': encapsulated('HTJ2K', 'htj2k', true),
  // Private HTJ2K UIDs written by early cornerstone3D / OHIF exports.
  '3.2.840.10008.1.2.4.96': encapsulated('HTJ2K (private)', 'htj2k', true),
}

/** Looks up a transfer syntax; `undefined` for syntaxes this library cannot decode. */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo | undefined {
  return SYNTAXES[uid.replace(/\0/g, '').trim()]
}
