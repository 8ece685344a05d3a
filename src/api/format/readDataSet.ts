import type { ByteArrayParser, ByteStream, DataSet, Element } from 'dicom-parser'
import dicomParser from 'dicom-parser'

/**
 * A faster equivalent of `dicomParser.parseDicom` for little-endian data sets, the common case.
 *
 * dicom-parser spends most of its time on per-element bookkeeping (hex tag strings, VR strings). This
 * walker reads plain elements itself, with cached tag and VR strings, and hands every element that
 * needs real parsing (sequences, undefined lengths, encapsulated pixel data) to dicom-parser's own
 * element readers, so the resulting DataSet is the one dicom-parser builds: same classes, same element
 * objects. It returns undefined for anything else (big-endian, deflated, malformed or truncated
 * input), and the caller then runs dicom-parser itself, which reports the problem its usual way.
 *
 * @param rawSyntax the transfer syntax of a bare data set (no preamble, no meta), as dicom-parser's
 *   `TransferSyntaxUID` option.
 */
export function readDataSet(bytes: Uint8Array, rawSyntax: string | undefined): DataSet | undefined {
  try {
    return read(bytes, rawSyntax)
  } catch {
    return undefined
  }
}

const IMPLICIT_VR_LE = '1.2.840.10008.1.2'
const EXPLICIT_VR_BE = '1.2.840.10008.1.2.2'
const DEFLATED = '1.2.840.10008.1.2.1.99'
const UNDEFINED_LENGTH = 0xffffffff
const parser: ByteArrayParser = dicomParser.littleEndianByteArrayParser
const DataSetClass = (
  dicomParser as unknown as { DataSet: new (p: ByteArrayParser, b: Uint8Array, e: object) => DataSet }
).DataSet
const ByteStreamClass = dicomParser.ByteStream as unknown as new (
  p: ByteArrayParser,
  b: Uint8Array,
  at?: number,
) => ByteStream

function read(bytes: Uint8Array, rawSyntax: string | undefined): DataSet | undefined {
  let position = 0
  let meta: Record<string, Element>
  let syntax: string
  if (rawSyntax) {
    meta = { x00020010: { tag: 'x00020010', vr: 'UI', Value: rawSyntax } as unknown as Element }
    syntax = rawSyntax
  } else {
    // Part 10: the meta group (0002) in Explicit VR Little Endian after the preamble and 'DICM'.
    meta = {}
    position = 132
    while (position < bytes.length) {
      if (position + 8 > bytes.length) return undefined
      if ((bytes[position] | (bytes[position + 1] << 8)) > 0x0002) break
      const element = readExplicit(bytes, position)
      if (element === undefined || isComplex(element)) return undefined
      element.parser = parser
      meta[element.tag] = element
      position = element.dataOffset + element.length
      if (position > bytes.length) return undefined
    }
    const tsElement = meta.x00020010
    if (tsElement === undefined) return undefined
    syntax = dicomParser.readFixedString(bytes, tsElement.dataOffset, tsElement.length)
  }
  if (syntax === EXPLICIT_VR_BE || syntax === DEFLATED) return undefined

  const elements: Record<string, Element> = {}
  const stream = new ByteStreamClass(parser, bytes, position)
  const explicit = syntax !== IMPLICIT_VR_LE
  while (position < bytes.length) {
    if (position + 8 > bytes.length) return undefined
    let element = explicit ? readExplicit(bytes, position) : readImplicit(bytes, position)
    if (element === undefined) return undefined
    if (isComplex(element) || (!explicit && mayBeSequence(bytes, element.dataOffset))) {
      // dicom-parser's own reader for anything with structure inside.
      stream.position = position
      element = explicit
        ? dicomParser.readDicomElementExplicit(stream, stream.warnings)
        : dicomParser.readDicomElementImplicit(stream)
      position = stream.position
    } else {
      position = element.dataOffset + element.length
    }
    if (position > bytes.length) return undefined
    elements[element.tag] = element
  }
  // As dicom-parser merges them: the meta elements after the data set's.
  for (const tag in meta) elements[tag] = meta[tag]
  const dataSet = new DataSetClass(parser, bytes, elements)
  dataSet.warnings = stream.warnings
  return dataSet
}

function isComplex(element: Element): boolean {
  return element.length === UNDEFINED_LENGTH || element.vr === 'SQ'
}

/** dicom-parser reads an implicit element as a sequence when an item or sequence delimiter follows. */
function mayBeSequence(bytes: Uint8Array, at: number): boolean {
  if (at + 4 > bytes.length) return true
  // (FFFE,E000) Item or (FFFE,E0DD) Sequence Delimitation Item, little-endian.
  return (
    bytes[at] === 0xfe &&
    bytes[at + 1] === 0xff &&
    (bytes[at + 2] === 0x00 || bytes[at + 2] === 0xdd) &&
    bytes[at + 3] === 0xe0
  )
}

function readExplicit(bytes: Uint8Array, at: number): Element | undefined {
  const tag = tagString(bytes, at)
  const vr = vrString(bytes[at + 4], bytes[at + 5])
  if (LONG_LENGTH_VRS.has(vr)) {
    if (at + 12 > bytes.length) return undefined
    return { tag, vr, length: u32(bytes, at + 8), dataOffset: at + 12 }
  }
  return { tag, vr, length: bytes[at + 6] | (bytes[at + 7] << 8), dataOffset: at + 8 }
}

function readImplicit(bytes: Uint8Array, at: number): Element {
  return { tag: tagString(bytes, at), vr: undefined, length: u32(bytes, at + 4), dataOffset: at + 8 }
}

// Exactly the VRs dicom-parser 1.8 reads with a 4-byte length (it does not list OV, SV, UV).
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OL', 'OW', 'SQ', 'OF', 'UC', 'UR', 'UT', 'UN'])

const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0

// Tag and VR strings repeat across files: cache them (bounded, so hostile input cannot grow memory).
const CACHE_LIMIT = 8192
const tags = new Map<number, string>()
const vrs = new Map<number, string>()

function tagString(bytes: Uint8Array, at: number): string {
  const key = (bytes[at] | (bytes[at + 1] << 8)) * 0x10000 + (bytes[at + 2] | (bytes[at + 3] << 8))
  let tag = tags.get(key)
  if (tag === undefined) {
    tag = `x${key.toString(16).padStart(8, '0')}`
    if (tags.size < CACHE_LIMIT) tags.set(key, tag)
  }
  return tag
}

function vrString(a: number, b: number): string {
  const key = (a << 8) | b
  let vr = vrs.get(key)
  if (vr === undefined) {
    // As dicom-parser's readFixedString: stop at a NUL byte.
    vr = a === 0 ? '' : b === 0 ? String.fromCharCode(a) : String.fromCharCode(a, b)
    if (vrs.size < CACHE_LIMIT) vrs.set(key, vr)
  }
  return vr
}
