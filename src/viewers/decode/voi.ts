import type { DataSet } from 'dicom-parser'
import { type LookupTable, readLutData, readLutDescriptor } from './lookupTable.js'
import { applyModality, type ModalityTransform } from './modalityLut.js'

/** VOI LUT Sequence (0028,3010) first item: modality value → display value. */
export interface VoiLut extends LookupTable {
  explanation: string
}

export interface Window {
  windowCenter: number
  windowWidth: number
  voiLut: VoiLut | undefined
}

/** The first VOI LUT of the VOI LUT Sequence, if any. */
export function readVoiLut(dataSet: DataSet, signedInput: boolean): VoiLut | undefined {
  const item = dataSet.elements.x00283010?.items?.[0]?.dataSet
  if (!item) return undefined
  const d = readLutDescriptor(item, 'x00283002', signedInput)
  if (!d || !item.elements.x00283006) return undefined
  return {
    firstMapped: d.firstMapped,
    bitsPerEntry: d.bitsPerEntry,
    data: readLutData(item, 'x00283006', d.entries, d.bitsPerEntry),
    explanation: (item.string('x00283003') ?? '').trim(),
  }
}

/**
 * Default window: the first Window Center/Width pair in the file; else the input range of the VOI LUT
 * Sequence; else the range of this frame's values after the modality transform.
 */
export function defaultWindow(
  dataSet: DataSet,
  modality: ModalityTransform,
  storedMin: number,
  storedMax: number,
  signedInput: boolean,
): Window {
  const voiLut = readVoiLut(dataSet, signedInput)
  const center = dataSet.floatString('x00281050', 0)
  const width = dataSet.floatString('x00281051', 0)
  if (
    center !== undefined &&
    width !== undefined &&
    Number.isFinite(center) &&
    Number.isFinite(width) &&
    width > 0
  ) {
    return { windowCenter: center, windowWidth: width, voiLut }
  }
  if (voiLut) {
    const entries = voiLut.data.length
    return { windowCenter: voiLut.firstMapped + entries / 2, windowWidth: entries, voiLut }
  }
  const { lo, hi } = modalityRange(modality, storedMin, storedMax)
  const w = Math.max(1, hi - lo)
  return { windowCenter: lo + w / 2, windowWidth: w, voiLut }
}

/** Range of modality values over stored values [min, max]: the ends for a rescale, every entry for a LUT. */
function modalityRange(modality: ModalityTransform, min: number, max: number): { lo: number; hi: number } {
  const lut = modality.modalityLut
  if (!lut) {
    const a = applyModality(modality, min)
    const b = applyModality(modality, max)
    return { lo: Math.min(a, b), hi: Math.max(a, b) }
  }
  const last = lut.data.length - 1
  const from = Math.max(0, Math.min(last, min - lut.firstMapped))
  const to = Math.max(0, Math.min(last, max - lut.firstMapped))
  let lo = lut.data[from]
  let hi = lo
  for (let i = from + 1; i <= to; i++) {
    const v = lut.data[i]
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return { lo, hi }
}
