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
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array {
  const out: number[] = []
  const segmentStarts: number[] = []
  let i = 0
  const run = (end: number, depth: number): void => {
    while (i < end) {
      segmentStarts.push(i)
      const opcode = words[i]
      const length = words[i + 1]
      i += 2
      if (opcode === 0) {
        for (let k = 0; k < length; k++) out.push(words[i + k])
        i += length
      } else if (opcode === 1) {
        if (out.length === 0)
          throw new FormatError('DICOM segmented LUT starts with a linear segment', { reason: 'corrupt' })
        const y0 = out[out.length - 1]
        const y1 = words[i++]
        for (let k = 1; k <= length; k++) out.push(Math.round(y0 + ((y1 - y0) * k) / length))
      } else if (opcode === 2) {
        if (depth > 0)
          throw new FormatError('DICOM segmented LUT nests indirect segments', { reason: 'corrupt' })
        const offset = words[i] | (words[i + 1] << 16)
        i += 2
        const resume = i
        // Copy `length` segments starting at word `offset` by replaying them.
        i = offset
        for (let k = 0; k < length; k++) run(nextSegmentEnd(words, i), depth + 1)
        i = resume
      } else {
        throw new FormatError(`DICOM segmented LUT has an unknown segment type ${opcode}`, {
          reason: 'corrupt',
        })
      }
    }
  }
  run(words.length, 0)
  const result = new Uint16Array(entries)
  for (let k = 0; k < entries; k++) result[k] = out[Math.min(k, out.length - 1)] ?? 0
  return result
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
