import { hasAscii } from './bytes.js'

/** Byte order and version of a NIfTI header, from sizeof_hdr and the magic string. */
export interface NiftiSignature {
  version: 1 | 2
  littleEndian: boolean
  /** True for `ni1`/`ni2`: header only, voxels in a separate `.img` file. */
  pair: boolean
}

/** Recognises a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header at offset 0, in either byte order. */
export function niftiSignature(bytes: Uint8Array): NiftiSignature | undefined {
  if (bytes.length < 348) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4)
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian)
    if (size === 348 && (hasAscii(bytes, 344, 'n+1\0') || hasAscii(bytes, 344, 'ni1\0'))) {
      return { version: 1, littleEndian, pair: bytes[345] === 0x69 }
    }
    if (size === 540 && (hasAscii(bytes, 4, 'n+2\0') || hasAscii(bytes, 4, 'ni2\0'))) {
      return { version: 2, littleEndian, pair: bytes[5] === 0x69 }
    }
  }
  return undefined
}
