import type { Element, Fragment } from 'dicom-parser'
import { FormatError } from '../errors.js'
import { bigEndian, checkRange, DicomDataSet, littleEndian, readFixedString } from './DicomDataSet.js'
import { type DicomLayout, LONG_VRS } from './dicomLayout.js'
import { inflate } from './inflate.js'

const UNDEFINED_LENGTH = 0xffffffff
// The transfer syntaxes whose data set this reader parses (all others are Explicit VR Little Endian).
export const IMPLICIT_LE = '1.2.840.10008.1.2'
export const EXPLICIT_LE = '1.2.840.10008.1.2.1'
export const EXPLICIT_BE = '1.2.840.10008.1.2.2'
export const DEFLATED = '1.2.840.10008.1.2.1.99'
// Element numbers of group FFFE: Item, Item Delimitation Item, Sequence Delimitation Item.
const ITEM = 0xe000
const ITEM_END = 0xe00d
const SEQUENCE_END = 0xe0dd

/**
 * Reads DICOM bytes into a {@link DicomDataSet}: the file meta (Explicit VR Little Endian), then the
 * data set in its transfer syntax (Implicit or Explicit VR Little Endian, Explicit VR Big Endian, or
 * Deflated, inflated once). Sequences and items of defined and undefined length are read into
 * `items` (each with its own `dataSet`), encapsulated pixel data into `fragments` and
 * `basicOffsetTable`. Element by element the result is what `dicomParser.parseDicom` builds; it
 * differs only where dicom-parser misreads or gives up: the file meta comes first in `elements`, a
 * deflated data set is read after its meta (dicom-parser re-reads the preamble as elements), OV/SV/UV
 * have 4-byte lengths as the standard says, and any element running past the end of the data is an
 * error. Pixel data stays in `byteArray`, the input itself (except for deflated files).
 *
 * @throws {FormatError} for truncated or malformed data, naming the byte where reading failed.
 */
export function readDataSet(bytes: Uint8Array, layout: DicomLayout): DicomDataSet {
  let b = bytes
  let p = 0
  let little = true
  const warnings: string[] = []

  const fail = (what: string): never => {
    throw new FormatError(`DICOM: corrupt data at byte ${p}: ${what}.`)
  }
  const u16 = (): number => {
    checkRange(b, p, 2)
    p += 2
    return little ? b[p - 2] | (b[p - 1] << 8) : (b[p - 2] << 8) | b[p - 1]
  }
  const u32 = (): number => {
    const first = u16()
    const second = u16()
    return little ? second * 0x10000 + first : first * 0x10000 + second
  }
  // The element number of a group FFFE tag at the current position, without moving (-1 otherwise).
  const peekDelimiter = (): number => {
    const group = u16()
    const element = u16()
    p -= 4
    return group === 0xfffe ? element : -1
  }

  function readElement(explicit: boolean): Element {
    const group = u16()
    const tag = tagString(group, u16())
    let vr: string | undefined
    let length: number
    if (explicit) {
      checkRange(b, p, 2)
      const code = (b[p] << 8) | b[p + 1]
      vr = vrString(code)
      p += 2
      if (LONG_VR_CODES.has(code)) {
        p += 2
        length = u32()
      } else {
        length = u16()
      }
    } else {
      length = u32()
    }
    const element: Element = { tag, vr, length, dataOffset: p }
    const undefinedLength = length === UNDEFINED_LENGTH
    if (undefinedLength) element.hadUndefinedLength = true
    else if (p + length > b.length) {
      throw new FormatError(
        `DICOM: truncated at byte ${b.length} while reading element ${tagName(tag)}: its ${length} bytes start at byte ${p}.`,
      )
    }
    // Implicit VR: a sequence is recognised by the item (or, empty, the delimiter) that follows; a
    // private one of defined length is left unparsed, as its content may merely look like an item.
    const sequence = explicit ? vr === 'SQ' : isItemOrSequenceEnd() && (!(group & 1) || undefinedLength)
    if (sequence) {
      readItems(element, explicit)
      if (!explicit && group & 1) element.items = undefined
    } else if (!undefinedLength) {
      p += length
    } else if (explicit && tag === 'x7fe00010') {
      readFragments(element)
    } else if (explicit && vr === 'UN') {
      // UN of undefined length: an implicit VR sequence (PS3.5 6.2.2).
      readItems(element, false)
    } else {
      findItemEnd(element)
    }
    return element
  }

  function isItemOrSequenceEnd(): boolean {
    if (p + 4 > b.length) {
      warnings.push(`end of data right after element at byte ${p}`)
      return false
    }
    const next = peekDelimiter()
    return next === ITEM || next === SEQUENCE_END
  }

  function readItems(sequence: Element, explicit: boolean): void {
    const items: Element[] = []
    sequence.items = items
    const start = sequence.dataOffset
    if (sequence.length !== UNDEFINED_LENGTH) {
      const end = start + sequence.length
      while (p < end) items.push(readItem(explicit))
      return
    }
    while (p + 4 <= b.length) {
      if (peekDelimiter() === SEQUENCE_END) {
        sequence.length = p - start
        p += 8
        return
      }
      items.push(readItem(explicit))
    }
    warnings.push(`sequence ${sequence.tag} has no delimiter`)
    sequence.length = (explicit ? p : b.length) - start
  }

  function readItem(explicit: boolean): Element {
    const group = u16()
    const tag = tagString(group, u16())
    const length = u32()
    const item: Element = { tag, length, dataOffset: p }
    if (tag !== 'xfffee000') fail(`a sequence item (FFFE,E000) was expected, not ${tagName(tag)}`)
    const elements: Record<string, Element> = {}
    item.dataSet = new DicomDataSet(little ? littleEndian : bigEndian, b, elements)
    if (length === UNDEFINED_LENGTH) {
      item.hadUndefinedLength = true
      readElements(elements, b.length, explicit, true)
      item.length = p - item.dataOffset
    } else {
      readElements(elements, p + length, explicit)
    }
    return item
  }

  /** Elements up to `end`, or (`delimited`) up to and including an Item Delimitation Item. */
  function readElements(
    elements: Record<string, Element>,
    end: number,
    explicit: boolean,
    delimited = false,
  ): void {
    checkRange(b, p, end - p)
    while (p < end) {
      const element = readElement(explicit)
      elements[element.tag] = element
      if (delimited && element.tag === 'xfffee00d') return
    }
    if (delimited) warnings.push('a sequence item has no delimiter')
    else if (explicit && p > end) fail(`an element runs past the end of its item or data set (byte ${end})`)
  }

  /** Encapsulated pixel data: the basic offset table, then one fragment per item up to the delimiter. */
  function readFragments(element: Element): void {
    const offsets: number[] = []
    const fragments: Fragment[] = []
    Object.assign(element, { encapsulatedPixelData: true, basicOffsetTable: offsets, fragments })
    if (peekDelimiter() !== ITEM)
      fail('encapsulated pixel data does not start with a basic offset table item')
    p += 4
    const count = u32() / 4
    for (let i = 0; i < count; i++) offsets.push(u32())
    const base = p
    while (p < b.length) {
      const group = u16()
      const number = u16()
      let length = u32()
      if (group === 0xfffe && number === SEQUENCE_END) {
        p += length
        element.length = p - element.dataOffset
        return
      }
      const item = group === 0xfffe && number === ITEM
      if (!item) {
        // Not an item: take the rest as a last fragment, as dicom-parser does.
        warnings.push(`unexpected tag ${tagString(group, number)} in pixel data`)
        length = Math.min(length, b.length - p)
      }
      fragments.push({ offset: p - base - 8, position: p, length })
      p += length
      if (!item) {
        element.length = p - element.dataOffset
        return
      }
    }
    warnings.push('pixel data has no sequence delimiter')
  }

  /** A non-sequence element of undefined length ends with an Item Delimitation Item (its length includes it). */
  function findItemEnd(element: Element): void {
    while (p <= b.length - 8) {
      if (u16() === 0xfffe && u16() === ITEM_END) {
        if (u32() !== 0) fail('an item delimitation item has a non-zero length')
        element.length = p - element.dataOffset
        return
      }
    }
    element.length = b.length - element.dataOffset
    p = b.length
  }

  // Made in dictionary mode from the start: a data set has hundreds of tags, and growing a plain
  // object through as many hidden classes costs twice the time of the rest of the parse.
  const elements: Record<string, Element> = Object.setPrototypeOf(Object.create(null), Object.prototype)
  let syntax: string
  if (layout === 'explicit' || layout === 'implicit') {
    // A bare data set: its transfer syntax is the one detected, given as dicom-parser gives it.
    syntax = layout === 'explicit' ? EXPLICIT_LE : IMPLICIT_LE
    elements.x00020010 = { tag: 'x00020010', vr: 'UI', Value: syntax } as unknown as Element
  } else {
    // The file meta group (0002), always Explicit VR Little Endian, after the preamble when there is one.
    p = layout === 'part10' ? 132 : 0
    while (p < b.length && (b[p] | (b[p + 1] << 8)) <= 2) {
      const element = readElement(true)
      element.parser = littleEndian
      elements[element.tag] = element
    }
    const uid = elements.x00020010
    if (!uid) {
      throw new FormatError(
        `DICOM: no Transfer Syntax UID (0002,0010) in the file meta information (the file ends at byte ${b.length}); it is truncated or not a DICOM part 10 file.`,
      )
    }
    syntax = readFixedString(b, uid.dataOffset, uid.length).trim()
    if (p >= b.length) fail('the file ends after its file meta information, without a data set')
  }
  if (syntax === DEFLATED) b = inflated(b, p)
  little = syntax !== EXPLICIT_BE
  readElements(elements, b.length, syntax !== IMPLICIT_LE)
  const dataSet = new DicomDataSet(little ? littleEndian : bigEndian, b, elements)
  dataSet.warnings = warnings
  return dataSet
}

/** The file with its deflated data set (raw DEFLATE from `at`) inflated in place. */
function inflated(bytes: Uint8Array, at: number): Uint8Array {
  let data: Uint8Array
  try {
    data = inflate(bytes, at).data
  } catch (error) {
    throw new FormatError(
      `DICOM: the deflated data set starting at byte ${at} is corrupt (${(error as Error).message}).`,
      { cause: error },
    )
  }
  const full = new Uint8Array(at + data.length)
  full.set(bytes.subarray(0, at))
  full.set(data, at)
  return full
}

/** `x7fe00010` → `(7FE0,0010)`, as DICOM writes tags. */
function tagName(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase()
}

// Tag and VR strings repeat across files: cache them (tags bounded, so hostile input cannot grow memory;
// there are only 65536 VR codes).
const CACHE_LIMIT = 8192
const tags = new Map<number, string>()
const vrs = new Map<number, string>()

function tagString(group: number, element: number): string {
  const key = group * 0x10000 + element
  let tag = tags.get(key)
  if (tag === undefined) {
    tag = `x${key.toString(16).padStart(8, '0')}`
    if (tags.size < CACHE_LIMIT) tags.set(key, tag)
  }
  return tag
}

// VR codes are the two bytes big-endian: numbers look up faster than strings.
const LONG_VR_CODES = new Set([...LONG_VRS].map((vr) => (vr.charCodeAt(0) << 8) | vr.charCodeAt(1)))

function vrString(code: number): string {
  let vr = vrs.get(code)
  if (vr === undefined) {
    // As dicom-parser's readFixedString: stop at a NUL byte.
    vr = code < 0x100 ? '' : String.fromCharCode(code >> 8, code & 0xff).replace(/\0.*/, '')
    vrs.set(code, vr)
  }
  return vr
}
