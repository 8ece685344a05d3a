import type { DataSet } from 'dicom-parser'
import { FormatError } from '../../api/errors.js'
import type { PixelArray } from './DecodedFrame.js'
import {
  expandSegmentedLut,
  type LookupTable,
  readLutData,
  readLutDescriptor,
  readWords,
} from './lookupTable.js'

const CHANNELS = [
  { name: 'Red', descriptor: 'x00281101', data: 'x00281201', segmented: 'x00281221' },
  { name: 'Green', descriptor: 'x00281102', data: 'x00281202', segmented: 'x00281222' },
  { name: 'Blue', descriptor: 'x00281103', data: 'x00281203', segmented: 'x00281223' },
] as const

/** The three Palette Color LUTs (plain or segmented) of a PALETTE COLOR image. */
export function readPalette(dataSet: DataSet, signedInput: boolean): LookupTable[] {
  return CHANNELS.map((c) => {
    const d = readLutDescriptor(dataSet, c.descriptor, signedInput)
    if (!d)
      throw new FormatError(`DICOM PALETTE COLOR image has no ${c.name} Palette Color LUT Descriptor`, {
        reason: 'corrupt',
      })
    let data: Uint16Array
    if (dataSet.elements[c.data]) data = readLutData(dataSet, c.data, d.entries, d.bitsPerEntry)
    else if (dataSet.elements[c.segmented])
      data = expandSegmentedLut(readWords(dataSet, c.segmented), d.entries)
    else
      throw new FormatError(`DICOM PALETTE COLOR image has no ${c.name} Palette Color LUT Data`, {
        reason: 'corrupt',
      })
    return { firstMapped: d.firstMapped, bitsPerEntry: d.bitsPerEntry, data }
  })
}

/**
 * Maps palette indices to interleaved RGB through the LUTs: 8-bit entries give a Uint8Array, wider ones a
 * Uint16Array of the table's own values. Indices below the first mapped value take the first entry, above
 * the table the last.
 */
export function applyPalette(indices: PixelArray, luts: LookupTable[]): Uint8Array | Uint16Array {
  const wide = luts.some((l) => l.bitsPerEntry > 8)
  const n = indices.length
  const out = wide ? new Uint16Array(n * 3) : new Uint8Array(n * 3)
  for (let c = 0; c < 3; c++) {
    const { data, firstMapped } = luts[c]
    const last = data.length - 1
    for (let i = 0, o = c; i < n; i++, o += 3) {
      const k = indices[i] - firstMapped
      out[o] = data[k < 0 ? 0 : Math.min(k, last)]
    }
  }
  return out
}
