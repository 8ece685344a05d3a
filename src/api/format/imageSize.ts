import { FormatError } from '../errors.js'
import { hasAscii, hasBytes, readUint } from './bytes.js'
import { checkDecodedSize } from './decodedSizeLimit.js'

/** The still-image formats whose size can be read from the header. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff'

export const IMAGE_MIMETYPES: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  tiff: 'image/tiff',
}

/** Recognises a still image by its signature. */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (hasBytes(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (hasBytes(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a')) return 'gif'
  if (hasAscii(bytes, 0, 'BM') && bytes.length >= 26 && isBmpHeaderSize(u32le(bytes, 14))) return 'bmp'
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'webp'
  if (hasBytes(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff'
  return undefined
}

// BITMAPCOREHEADER, OS/2 v2, BITMAPINFOHEADER and its v2..v5 successors.
function isBmpHeaderSize(size: number): boolean {
  return (
    size === 12 ||
    size === 16 ||
    size === 40 ||
    size === 52 ||
    size === 56 ||
    size === 64 ||
    size === 108 ||
    size === 124
  )
}

/**
 * Width and height read from the header of a PNG, JPEG, GIF, BMP, WebP or TIFF image.
 * Throws {@link FormatError} when the header is missing, truncated or inconsistent.
 */
export function readImageSize(bytes: Uint8Array): { format: ImageFormat; width: number; height: number } {
  const format = imageFormat(bytes)
  if (format === undefined) {
    throw new FormatError(
      'Image: the content is not a PNG, JPEG, GIF, BMP, WebP or TIFF image (unknown signature).',
      { reason: 'unsupported' },
    )
  }
  const size = SIZE_READERS[format](bytes)
  if (!(size.width > 0 && size.height > 0)) {
    throw new FormatError(
      `Image: the ${format.toUpperCase()} header gives an empty size ${size.width}x${size.height}.`,
      { reason: 'corrupt' },
    )
  }
  // What a viewer will decode it to (RGBA): refused here rather than by a browser running out of memory.
  checkDecodedSize(
    size.width * size.height * 4,
    `Image: the ${size.width}x${size.height} ${format.toUpperCase()}`,
  )
  return { format, ...size }
}

type Size = { width: number; height: number }

const SIZE_READERS: Record<ImageFormat, (bytes: Uint8Array) => Size> = {
  png(bytes) {
    need(bytes, 24, 'PNG', 'IHDR chunk')
    if (!hasAscii(bytes, 12, 'IHDR'))
      throw new FormatError('Image: PNG does not start with an IHDR chunk.', { reason: 'corrupt' })
    return { width: u32be(bytes, 16), height: u32be(bytes, 20) }
  },
  jpeg(bytes) {
    let position = 2
    for (;;) {
      // Markers may be preceded by any number of 0xFF fill bytes.
      while (position < bytes.length && bytes[position] === 0xff) position++
      need(bytes, position + 1, 'JPEG', 'a frame header (SOFn)')
      const marker = bytes[position]
      position++
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue
      if (marker === 0xd9 || marker === 0xda) {
        throw new FormatError('Image: JPEG has no frame header (SOFn) before its scan data.', {
          reason: 'corrupt',
        })
      }
      need(bytes, position + 2, 'JPEG', `the length of marker 0xFF${hex2(marker)}`)
      const length = u16be(bytes, position)
      if (length < 2)
        throw new FormatError(`Image: JPEG marker 0xFF${hex2(marker)} has an invalid length ${length}.`, {
          reason: 'corrupt',
        })
      const isFrame =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
      if (isFrame) {
        need(bytes, position + 7, 'JPEG', 'the frame header (SOFn)')
        return { height: u16be(bytes, position + 3), width: u16be(bytes, position + 5) }
      }
      position += length
    }
  },
  gif(bytes) {
    need(bytes, 10, 'GIF', 'logical screen descriptor')
    return { width: u16le(bytes, 6), height: u16le(bytes, 8) }
  },
  bmp(bytes) {
    if (u32le(bytes, 14) === 12) return { width: u16le(bytes, 18), height: u16le(bytes, 20) }
    // A negative height means rows are stored top-down.
    return { width: i32le(bytes, 18), height: Math.abs(i32le(bytes, 22)) }
  },
  webp(bytes) {
    need(bytes, 30, 'WebP', 'the first chunk')
    if (hasAscii(bytes, 12, 'VP8 ')) {
      if (!hasBytes(bytes, 23, [0x9d, 0x01, 0x2a]))
        throw new FormatError('Image: WebP VP8 frame has no start code.', { reason: 'corrupt' })
      return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff }
    }
    if (hasAscii(bytes, 12, 'VP8L')) {
      if (bytes[20] !== 0x2f)
        throw new FormatError('Image: WebP VP8L chunk has no signature byte.', { reason: 'corrupt' })
      const bits = u32le(bytes, 21)
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
    }
    if (hasAscii(bytes, 12, 'VP8X')) {
      return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 }
    }
    throw new FormatError('Image: WebP has no VP8, VP8L or VP8X chunk where one is expected.', {
      reason: 'corrupt',
    })
  },
  tiff(bytes) {
    const little = bytes[0] === 0x49
    const u16 = little ? u16le : u16be
    const u32 = little ? u32le : u32be
    need(bytes, 8, 'TIFF', 'header')
    const ifd = u32(bytes, 4)
    need(bytes, ifd + 2, 'TIFF', 'first image file directory')
    const count = u16(bytes, ifd)
    need(bytes, ifd + 2 + count * 12, 'TIFF', 'first image file directory')
    let width = 0
    let height = 0
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12
      const tag = u16(bytes, entry)
      if (tag !== 256 && tag !== 257) continue
      // SHORT (3) or LONG (4), stored in the entry itself.
      const type = u16(bytes, entry + 2)
      const value = type === 3 ? u16(bytes, entry + 8) : type === 4 ? u32(bytes, entry + 8) : 0
      if (tag === 256) width = value
      else height = value
    }
    return { width, height }
  },
}

function need(bytes: Uint8Array, end: number, format: string, what: string): void {
  if (end > bytes.length) {
    throw new FormatError(`Image: ${format} is truncated at byte ${bytes.length} while reading ${what}.`, {
      reason: 'corrupt',
    })
  }
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0')
const u16be = (b: Uint8Array, o: number) => readUint(b, o, 2, false)
const u16le = (b: Uint8Array, o: number) => readUint(b, o, 2, true)
const u24le = (b: Uint8Array, o: number) => readUint(b, o, 3, true)
const u32be = (b: Uint8Array, o: number) => readUint(b, o, 4, false)
const u32le = (b: Uint8Array, o: number) => readUint(b, o, 4, true)
const i32le = (b: Uint8Array, o: number) => u32le(b, o) | 0
