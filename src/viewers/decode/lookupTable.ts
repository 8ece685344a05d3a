import type { DataSet } from 'dicom-parser'
import { FormatError } from '../../api/errors.js'

/** A DICOM lookup table: input `firstMapped + i` maps to `data[i]`; inputs outside are clamped to the ends. */
export interface LookupTable {
  firstMapped: number
  bitsPerEntry: number
  data: Uint16Array
}

/** Reads a 3-value LUT Descriptor: entries (0 means 65536), first mapped value, bits per entry. */
export function readLutDescriptor(
  dataSet: DataSet,
  tag: string,
  signedInput: boolean,
): { entries: number; firstMapped: number; bitsPerEntry: number } | undefined {
  if (!dataSet.elements[tag]) return undefined
  const entries = dataSet.uint16(tag, 0) ?? 0
  const first = dataSet.uint16(tag, 1) ?? 0
  return {
    entries: entries === 0 ? 65536 : entries,
    // The VR is US or SS by the pixel representation; an implicit-VR file cannot tell, so decide here.
    firstMapped: signedInput && first > 32767 ? first - 65536 : first,
    bitsPerEntry: dataSet.uint16(tag, 2) ?? 16,
  }
}

/** The 16-bit words of an OW/US element, in the dataset's byte order. */
export function readWords(dataSet: DataSet, tag: string): Uint16Array {
  const element = dataSet.elements[tag]
  const count = element ? element.length >> 1 : 0
  const out = new Uint16Array(count)
  const { byteArray, byteArrayParser } = dataSet
  for (let i = 0; i < count; i++) out[i] = byteArrayParser.readUint16(byteArray, element.dataOffset + 2 * i)
  return out
}

/**
 * LUT data of `entries` values: 16-bit words, or for 8-bit entries packed two to a word (low byte first,
 * as stored little endian) when the element holds half as many words as entries.
 */
export function readLutData(
  dataSet: DataSet,
  tag: string,
  entries: number,
  bitsPerEntry: number,
): Uint16Array {
  const element = dataSet.elements[tag]
  if (bitsPerEntry <= 8 && element && element.length === entries) {
    const out = new Uint16Array(entries)
    const b = dataSet.byteArray
    for (let i = 0; i < entries; i++) out[i] = b[element.dataOffset + i]
    return out
  }
  const words = readWords(dataSet, tag)
  if (words.length < entries) {
    throw new FormatError(`DICOM lookup table (${tag}) has ${words.length} entries, ${entries} expected`, {
      reason: 'corrupt',
    })
  }
  return words.length === entries ? words : words.subarray(0, entries)
}

/**
 * Expands Segmented Palette Color LUT Data (PS3.3 C.7.9.2): discrete (0), linear (1) and indirect (2) segments.
 * Bounded whatever the words say: output stops at `entries`, indirect segments may not nest, segments may not
 * run past the data, and a table that makes no progress (zero-length segments replayed over and over) is refused.
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array {
  const out = new Uint16Array(entries)
  let n = 0
  let i = 0
  // Every real segment either consumes words or (replayed) produces entries: more visits than that is a loop.
  let visits = 0
  const maxVisits = words.length + entries
  const corrupt = (why: string) => new FormatError(`DICOM segmented LUT ${why}`, { reason: 'corrupt' })
  const run = (end: number, depth: number): void => {
    while (i < end && n < entries) {
      if (++visits > maxVisits) throw corrupt('makes no progress (its indirect segments loop)')
      if (i + 2 > words.length) throw corrupt(`has a segment header past its ${words.length} words`)
      const opcode = words[i]
      const length = words[i + 1]
      i += 2
      if (opcode === 0) {
        if (i + length > words.length) throw corrupt(`has a discrete segment past its ${words.length} words`)
        for (let k = 0; k < length && n < entries; k++) out[n++] = words[i + k]
        i += length
      } else if (opcode === 1) {
        if (n === 0) throw corrupt('starts with a linear segment')
        if (i >= words.length) throw corrupt(`has a linear segment past its ${words.length} words`)
        const y0 = out[n - 1]
        const y1 = words[i++]
        for (let k = 1; k <= length && n < entries; k++) out[n++] = Math.round(y0 + ((y1 - y0) * k) / length)
      } else if (opcode === 2) {
        if (depth > 0) throw corrupt('nests indirect segments')
        if (i + 2 > words.length) throw corrupt(`has an indirect segment past its ${words.length} words`)
        const offset = words[i] + words[i + 1] * 0x10000
        i += 2
        const resume = i
        // Copy `length` segments starting at word `offset` by replaying them.
        i = offset
        for (let k = 0; k < length && n < entries; k++) {
          if (i + 2 > words.length)
            throw corrupt(`has an indirect segment pointing past its ${words.length} words`)
          run(nextSegmentEnd(words, i), depth + 1)
        }
        i = resume
      } else {
        throw corrupt(`has an unknown segment type ${opcode}`)
      }
    }
  }
  run(words.length, 0)
  // Fewer values than entries: the last one repeats (none at all: zeros).
  if (n > 0) out.fill(out[n - 1], n)
  return out
}

/** Word index just after the segment that starts at `i`. */
function nextSegmentEnd(words: Uint16Array, i: number): number {
  const opcode = words[i]
  const length = words[i + 1]
  return i + 2 + (opcode === 0 ? length : opcode === 1 ? 1 : 2)
}

/** Looks up one value through a LUT, clamping inputs outside the table to its first and last entries. */
export function lookup(lut: LookupTable, value: number): number {
  const index = value - lut.firstMapped
  const last = lut.data.length - 1
  return lut.data[index < 0 ? 0 : Math.min(index, last)]
}
