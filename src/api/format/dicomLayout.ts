import { hasAscii, readUint } from './bytes.js'

/**
 * How a DICOM stream starts:
 * - `part10`: 128-byte preamble + `DICM` + file meta (a DICOM part 10 file);
 * - `meta`: file meta group (0002) without preamble;
 * - `explicit` / `implicit`: a bare data set in Explicit / Implicit VR Little Endian, no meta at all
 *   (what `dcmconv -F` writes, and what DIMSE peers exchange).
 */
export type DicomLayout = 'part10' | 'meta' | 'explicit' | 'implicit'

/** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length. */
export const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
])
const SHORT_VRS = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'SL',
  'SS',
  'ST',
  'TM',
  'UI',
  'UL',
  'US',
])
const UNDEFINED_LENGTH = 0xffffffff
/** Elements checked before a bare data set is believed. */
const ELEMENTS_TO_CHECK = 4

/** Recognises the start of a DICOM stream, or returns undefined when it does not look like one. */
export function dicomLayout(bytes: Uint8Array): DicomLayout | undefined {
  if (hasAscii(bytes, 128, 'DICM')) return 'part10'
  if (bytes.length < 8) return undefined
  const group = bytes[0] | (bytes[1] << 8)
  // (0002,0000) File Meta Information Group Length, UL, without the preamble.
  if (group === 0x0002 && bytes[2] === 0 && bytes[3] === 0 && hasAscii(bytes, 4, 'UL')) return 'meta'
  // A bare data set starts with a low element of group 0008 (Specific Character Set, Image Type, ...).
  if (group !== 0x0008 || bytes[3] !== 0) return undefined
  if (walk(bytes, true)) return 'explicit'
  if (walk(bytes, false)) return 'implicit'
  return undefined
}

/** Reads the first few element headers; true when they are well formed, ascending and fit the data. */
function walk(bytes: Uint8Array, explicit: boolean): boolean {
  let position = 0
  let previous = -1
  for (let n = 0; n < ELEMENTS_TO_CHECK && position + 8 <= bytes.length; n++) {
    const group = bytes[position] | (bytes[position + 1] << 8)
    const element = bytes[position + 2] | (bytes[position + 3] << 8)
    const tag = group * 0x10000 + element
    if (group < 0x0008 || tag <= previous) return false
    previous = tag
    // Implicit: a 4-byte length after the tag; explicit: a 2-byte length after the VR, or 2 reserved
    // bytes and a 4-byte length for the long VRs.
    let header = 8
    let lengthSize = 4
    if (explicit) {
      const vr = String.fromCharCode(bytes[position + 4], bytes[position + 5])
      if (LONG_VRS.has(vr)) {
        if (position + 12 > bytes.length) return n > 0
        header = 12
      } else if (SHORT_VRS.has(vr)) {
        lengthSize = 2
      } else {
        return false
      }
    }
    const length = readUint(bytes, position + header - lengthSize, lengthSize, true)
    // Sequences of undefined length: the walk cannot skip them cheaply, and what came before was fine.
    if (length === UNDEFINED_LENGTH) return true
    if (n === 0 && position + header + length > bytes.length) return false
    position += header + length
  }
  return previous >= 0
}
