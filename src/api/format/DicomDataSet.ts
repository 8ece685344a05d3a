import type { ByteArray, ByteArrayParser, DataSet, Element } from 'dicom-parser'
import { FormatError } from '../errors.js'
import { readAscii, readUint } from './bytes.js'

/** Throws the FormatError of a read that would run past the end of `bytes`. */
export function checkRange(bytes: ArrayLike<number>, at: number, size: number): void {
  if (at < 0 || at + size > bytes.length) {
    throw new FormatError(
      `DICOM: truncated at byte ${bytes.length} while reading ${size} bytes at byte ${at}.`,
    )
  }
}

/** 8-bit text of at most `length` bytes, ending at the first NUL (as dicom-parser's readFixedString). */
export function readFixedString(bytes: ByteArray, at: number, length: number): string {
  checkRange(bytes, at, length)
  return readAscii(bytes, at, length)
}

// Floats are assembled in this scratch buffer in the platform's (little-endian) order, as dicom-parser does.
const scratch = new Uint8Array(8)
const float32 = new Float32Array(scratch.buffer, 0, 1)
const float64 = new Float64Array(scratch.buffer)

function byteArrayParser(little: boolean): ByteArrayParser {
  const uint = (bytes: ByteArray, at: number, size: number) => {
    checkRange(bytes, at, size)
    return readUint(bytes, at, size, little)
  }
  const float = (bytes: ByteArray, at: number, size: number) => {
    checkRange(bytes, at, size)
    for (let i = 0; i < size; i++) scratch[i] = bytes[little ? at + i : at + size - 1 - i]
    return size === 4 ? float32[0] : float64[0]
  }
  return {
    readUint16: (bytes, at) => uint(bytes, at, 2),
    readInt16: (bytes, at) => (uint(bytes, at, 2) << 16) >> 16,
    readUint32: (bytes, at) => uint(bytes, at, 4),
    readInt32: (bytes, at) => uint(bytes, at, 4) | 0,
    readFloat: (bytes, at) => float(bytes, at, 4),
    readDouble: (bytes, at) => float(bytes, at, 8),
  }
}

/** Reads little-endian values (every transfer syntax but Explicit VR Big Endian, and the file meta). */
export const littleEndian = byteArrayParser(true)
/** Reads big-endian values (Explicit VR Big Endian). */
export const bigEndian = byteArrayParser(false)

/**
 * A parsed DICOM data set with dicom-parser's `DataSet` contract (elements keyed `xggggeeee`, the
 * same accessors with the same trimming rules), so cornerstone-style code reads it unchanged.
 * Values are read from `byteArray` on demand; nothing is copied.
 */
export class DicomDataSet implements DataSet {
  // Only the top-level data set carries warnings (as in dicom-parser).
  declare warnings: string[]

  constructor(
    readonly byteArrayParser: ByteArrayParser,
    readonly byteArray: Uint8Array,
    readonly elements: Record<string, Element>,
  ) {}

  /** The element's value at `index` read by `read`, when it has data (meta elements bring their own parser). */
  private number(read: keyof ByteArrayParser, size: number, tag: string, index = 0): number | undefined {
    const element = this.elements[tag]
    if (!element || element.length === 0) return undefined
    return (element.parser ?? this.byteArrayParser)[read](this.byteArray, element.dataOffset + index * size)
  }

  uint16(tag: string, index?: number): number | undefined {
    return this.number('readUint16', 2, tag, index)
  }

  int16(tag: string, index?: number): number | undefined {
    return this.number('readInt16', 2, tag, index)
  }

  uint32(tag: string, index?: number): number | undefined {
    return this.number('readUint32', 4, tag, index)
  }

  int32(tag: string, index?: number): number | undefined {
    return this.number('readInt32', 4, tag, index)
  }

  float(tag: string, index?: number): number | undefined {
    return this.number('readFloat', 4, tag, index)
  }

  double(tag: string, index?: number): number | undefined {
    return this.number('readDouble', 8, tag, index)
  }

  private nonEmpty(tag: string): boolean {
    return (this.elements[tag]?.length ?? 0) > 0
  }

  /** The raw text of a non-empty element. */
  private raw(tag: string): string | undefined {
    const element = this.elements[tag]
    return this.nonEmpty(tag)
      ? readFixedString(this.byteArray, element.dataOffset, element.length)
      : undefined
  }

  /** Value multiplicity: the number of backslash-separated values. */
  numStringValues(tag: string): number | undefined {
    return this.raw(tag)?.split('\\').length
  }

  /** Text trimmed at both ends; with `index`, that value of a multi-valued element. */
  string(tag: string, index?: number): string | undefined {
    // A bare data set's Transfer Syntax UID is given, not read (dicom-parser's `Value`).
    const given = (this.elements[tag] as { Value?: string } | undefined)?.Value
    return given || this.pick(tag, index)?.trim()
  }

  /** Text with leading spaces kept and trailing spaces removed (UT, ST, LT). */
  text(tag: string, index?: number): string | undefined {
    return this.pick(tag, index)?.replace(/ +$/, '')
  }

  private pick(tag: string, index: number | undefined): string | undefined {
    const text = this.raw(tag)
    return index !== undefined && index >= 0 ? text?.split('\\')[index] : text
  }

  /** A decimal string (DS) value, parsed. */
  floatString(tag: string, index = 0): number | undefined {
    const value = this.nonEmpty(tag) ? this.string(tag, index) : undefined
    return value === undefined ? undefined : Number.parseFloat(value)
  }

  /** An integer string (IS) value, parsed. */
  intString(tag: string, index = 0): number | undefined {
    const value = this.nonEmpty(tag) ? this.string(tag, index) : undefined
    // biome-ignore lint/correctness/useParseIntRadix: no radix, as dicom-parser ('0x1A' reads as 26).
    return value === undefined ? undefined : Number.parseInt(value)
  }

  /** An attribute tag (AT) value as `xggggeeee`. */
  attributeTag(tag: string): string | undefined {
    const element = this.elements[tag]
    if (element?.length !== 4) return undefined
    const read = (at: number) => (element.parser ?? this.byteArrayParser).readUint16(this.byteArray, at)
    return `x${(read(element.dataOffset) * 0x10000 + read(element.dataOffset + 2)).toString(16).padStart(8, '0')}`
  }
}
