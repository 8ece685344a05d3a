import { hasAscii, hasBytes, readUint, toUint8Array } from './bytes.js'
import { Inflater } from './Inflater.js'
import { IMAGE_MIMETYPES, imageFormat } from './imageSize.js'
import { niftiSignature } from './niftiHeader.js'

export const EMPTY_MIMETYPE = 'application/x-empty'
export const UNKNOWN_MIMETYPE = 'application/octet-stream'
export const DICOM_MIMETYPE = 'application/dicom'
export const NIFTI_MIMETYPE = 'application/nifti'
export const GZIP_MIMETYPE = 'application/gzip'
export const JSON_MIMETYPE = 'application/json'

/** What detection learnt, kept so that conversion does not repeat the work. */
export interface Sniffed {
  mimetype: string
  /** False when the type says little (unknown bytes, a gzip that is not NIfTI): a declared mimetype then wins. */
  specific: boolean
  dicomLayout?: DicomLayout
  /** The gzip stream already partly inflated to peek at its head. */
  gzip?: Inflater
  /** The parsed value, when the content was recognised as JSON. */
  json?: { value: unknown }
}

/**
 * The mimetype of `bytes` from their content: DICOM (with or without preamble and file meta), NIfTI-1/-2
 * (`application/nifti`, or `application/gzip` for a `.nii.gz`), PNG, JPEG, GIF, BMP, WebP, TIFF, MP4,
 * QuickTime, WebM, Matroska, AVI and JSON. `application/x-empty` for no bytes, `application/octet-stream`
 * when nothing matches. Never throws.
 *
 * @example
 * detectMimetype(await file.bytes()) // 'application/dicom'
 */
export function detectMimetype(bytes: Uint8Array | ArrayBuffer): string {
  return sniff(toUint8Array(bytes)).mimetype
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { mimetype: EMPTY_MIMETYPE, specific: true }
  // DICM at 128 first: dual-personality files carry a TIFF header in their preamble.
  if (hasAscii(bytes, 128, 'DICM')) return { mimetype: DICOM_MIMETYPE, specific: true, dicomLayout: 'part10' }
  if (hasBytes(bytes, 0, [0x1f, 0x8b, 0x08])) return sniffGzip(bytes)
  if (niftiSignature(bytes)) return { mimetype: NIFTI_MIMETYPE, specific: true }
  const image = imageFormat(bytes)
  if (image) return { mimetype: IMAGE_MIMETYPES[image], specific: true }
  const video = videoMimetype(bytes)
  if (video) return { mimetype: video, specific: true }
  const layout = dicomLayout(bytes)
  if (layout) return { mimetype: DICOM_MIMETYPE, specific: true, dicomLayout: layout }
  const json = sniffJson(bytes)
  if (json) return { mimetype: JSON_MIMETYPE, specific: true, json }
  return { mimetype: UNKNOWN_MIMETYPE, specific: false }
}

function sniffGzip(bytes: Uint8Array): Sniffed {
  const gzip = Inflater.gzip(bytes)
  let isNifti = false
  try {
    // 540 bytes cover a NIfTI-2 header; a NIfTI-1 header needs 348.
    isNifti = niftiSignature(gzip.head(540)) !== undefined
  } catch {
    // Corrupt gzip: still gzip; conversion will report what is wrong with it.
  }
  return { mimetype: GZIP_MIMETYPE, specific: isNifti, gzip }
}

// ISO base media brands that are images or audio, not video.
const NOT_VIDEO_BRANDS = new Set([
  'avif',
  'avis',
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'mif1',
  'msf1',
  'M4A ',
  'M4B ',
  'M4P ',
])

function videoMimetype(bytes: Uint8Array): string | undefined {
  if (hasAscii(bytes, 4, 'ftyp') && bytes.length >= 12) {
    const boxSize = readUint(bytes, 0, 4, false)
    const end = Math.min(bytes.length, Math.max(16, boxSize))
    const brands: string[] = []
    for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4)
      brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)))
    if (NOT_VIDEO_BRANDS.has(brands[0])) return undefined
    if (brands.includes('qt  ')) return 'video/quicktime'
    if (brands[0].startsWith('3g2')) return 'video/3gpp2'
    if (brands[0].startsWith('3gp')) return 'video/3gpp'
    return 'video/mp4'
  }
  // Old QuickTime files start with a movie or media box and no ftyp.
  if (hasAscii(bytes, 4, 'moov') || hasAscii(bytes, 4, 'mdat') || hasAscii(bytes, 4, 'wide'))
    return 'video/quicktime'
  if (hasBytes(bytes, 0, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML header: the DocType element (0x4282) says webm or matroska within the first bytes.
    const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 64)))
    if (head.includes('webm')) return 'video/webm'
    if (head.includes('matroska')) return 'video/x-matroska'
    return undefined
  }
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'AVI ')) return 'video/x-msvideo'
  return undefined
}

function sniffJson(bytes: Uint8Array): { value: unknown } | undefined {
  let i = 0
  // UTF-8 byte order mark, then whitespace.
  if (hasBytes(bytes, 0, [0xef, 0xbb, 0xbf])) i = 3
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++
  if (bytes[i] !== 0x7b && bytes[i] !== 0x5b) return undefined
  try {
    return { value: JSON.parse(decodeText(bytes)) }
  } catch {
    return undefined
  }
}

/**
 * How a DICOM stream starts:
 * - `part10`: 128-byte preamble + `DICM` + file meta (a DICOM part 10 file);
 * - `meta`: file meta group (0002) without preamble;
 * - `explicit` / `implicit`: a bare data set in Explicit / Implicit VR Little Endian, no meta at all
 *   (what `dcmconv -F` writes, and what DIMSE peers exchange).
 */
export type DicomLayout = 'part10' | 'meta' | 'explicit' | 'implicit'

/** Recognises the start of a DICOM stream, or returns undefined when it does not look like one. */
export function dicomLayout(bytes: Uint8Array): DicomLayout | undefined {
  if (hasAscii(bytes, 128, 'DICM')) return 'part10'
  if (bytes.length < 8) return undefined
  const group = bytes[0] | (bytes[1] << 8)
  // (0002,0000) File Meta Information Group Length, UL, without the preamble.
  if (group === 0x0002 && bytes[2] === 0 && bytes[3] === 0 && hasAscii(bytes, 4, 'UL')) return 'meta'
  // A bare data set starts with a low element of group 0008 (Specific Character Set, Image Type, ...).
  if (group !== 0x0008 || bytes[3] !== 0) return undefined
  if (looksLikeDataSet(bytes, true)) return 'explicit'
  if (looksLikeDataSet(bytes, false)) return 'implicit'
  return undefined
}

// Explicit VRs: true for those with 2 reserved bytes and a 32-bit length, false for a 16-bit length.
const VRS: Record<string, boolean> = Object.fromEntries([
  ...'OB OD OF OL OV OW SQ SV UC UN UR UT UV'.split(' ').map((vr) => [vr, true]),
  ...'AE AS AT CS DA DS DT FD FL IS LO LT PN SH SL SS ST TM UI UL US'.split(' ').map((vr) => [vr, false]),
])

/**
 * A sniff, not a parse: the first four element headers are well formed, ascending and fit the data (the
 * parse itself is dicom-parser's).
 */
function looksLikeDataSet(bytes: Uint8Array, explicit: boolean): boolean {
  let position = 0
  let previous = -1
  for (let n = 0; n < 4 && position + 8 <= bytes.length; n++) {
    const group = bytes[position] | (bytes[position + 1] << 8)
    const tag = group * 0x10000 + (bytes[position + 2] | (bytes[position + 3] << 8))
    if (group < 0x0008 || tag <= previous) return false
    previous = tag
    // Implicit: a 4-byte length after the tag; explicit: a 2-byte length after the VR, or 2 reserved bytes
    // and a 4-byte length for the long VRs.
    let header = 8
    let lengthSize = 4
    if (explicit) {
      const long = VRS[String.fromCharCode(bytes[position + 4], bytes[position + 5])]
      if (long === undefined) return false
      if (long) {
        if (position + 12 > bytes.length) return n > 0
        header = 12
      } else {
        lengthSize = 2
      }
    }
    const length = readUint(bytes, position + header - lengthSize, lengthSize, true)
    // A sequence of undefined length cannot be skipped cheaply, and what came before was fine.
    if (length === 0xffffffff) return true
    if (n === 0 && position + header + length > bytes.length) return false
    position += header + length
  }
  return previous >= 0
}

let decoder: TextDecoder | undefined
/** UTF-8 text (the BOM dropped), replacement characters for invalid sequences. */
export function decodeText(bytes: Uint8Array): string {
  decoder ??= new TextDecoder()
  return decoder.decode(bytes)
}
