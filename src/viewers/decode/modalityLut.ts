import type { DataSet } from 'dicom-parser'
import { type LookupTable, lookup, readLutData, readLutDescriptor } from './lookupTable.js'

/** Modality LUT Sequence (0028,3000) first item: stored value → output units (e.g. HU, OD). */
export interface ModalityLut extends LookupTable {
  /** Modality LUT Type (0028,3004), e.g. 'HU' or 'OD'. */
  type: string
}

/** Rescale slope/intercept, or the Modality LUT Sequence when the file has one instead. */
export interface ModalityTransform {
  slope: number
  intercept: number
  modalityLut: ModalityLut | undefined
}

function decimal(dataSet: DataSet, tag: string, fallback: number): number {
  const v = dataSet.floatString(tag)
  return v === undefined || !Number.isFinite(v) ? fallback : v
}

/** Reads the modality transform; a Modality LUT Sequence wins over rescale values (they must not both be present). */
export function readModalityTransform(dataSet: DataSet, signedInput: boolean): ModalityTransform {
  const item = dataSet.elements.x00283000?.items?.[0]?.dataSet
  if (item) {
    const d = readLutDescriptor(item, 'x00283002', signedInput)
    if (d && item.elements.x00283006) {
      const data = readLutData(item, 'x00283006', d.entries, d.bitsPerEntry)
      return {
        slope: 1,
        intercept: 0,
        modalityLut: {
          firstMapped: d.firstMapped,
          bitsPerEntry: d.bitsPerEntry,
          data,
          type: (item.string('x00283004') ?? '').trim(),
        },
      }
    }
  }
  return {
    slope: decimal(dataSet, 'x00281053', 1) || 1,
    intercept: decimal(dataSet, 'x00281052', 0),
    modalityLut: undefined,
  }
}

/** A stored value through the modality transform. */
export function applyModality(t: ModalityTransform, stored: number): number {
  return t.modalityLut ? lookup(t.modalityLut, stored) : stored * t.slope + t.intercept
}
