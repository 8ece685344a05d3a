import type { DicomData } from '../../api/format/ConvertedData.js'

/** How to show a DICOM image's values: multiply modality values by `scale` to get `unit`s. */
export interface DicomUnits {
  unit: string
  scale: number
}

const PET_UNITS: Record<string, string> = { BQML: 'Bq/mL', CNTS: 'counts', GML: 'g/mL', PROPCNT: 'counts/s' }

/**
 * The unit of an image's values: HU for CT; for RT Dose, Dose Units (3004,0002) — Gy, or "relative" — with
 * values Dose Grid Scaling (3004,000E) times the stored value (unless a Rescale Slope already applies); PET
 * Units (0054,1001); '' when the file says nothing.
 *
 * @example
 * dicomUnits(rtdose) // { unit: 'Gy', scale: 1.2e-5 }
 */
export function dicomUnits(data: DicomData): DicomUnits {
  const ds = data.dataSet
  const modality = ds.string('x00080060')?.trim().toUpperCase()
  if (modality === 'CT') return { unit: 'HU', scale: 1 }
  if (modality === 'RTDOSE') {
    const scaling = ds.floatString('x3004000e')
    const units = ds.string('x30040002')?.trim().toUpperCase()
    // RELATIVE: dose relative to an implicit reference (no absolute unit to print).
    const unit = units === 'GY' ? 'Gy' : units === 'RELATIVE' ? 'relative' : (units ?? '')
    const rescaled = ds.floatString('x00281053') !== undefined
    return { unit, scale: scaling && scaling > 0 && !rescaled ? scaling : 1 }
  }
  if (modality === 'PT') {
    const units = ds.string('x00541001')?.trim().toUpperCase()
    return { unit: units ? (PET_UNITS[units] ?? units) : '', scale: 1 }
  }
  return { unit: '', scale: 1 }
}

/** RT Dose opens in a colour map (a dose wash); everything else in grey. */
export function defaultDicomColormap(data: DicomData): 'hot' | 'grayscale' {
  const modality = data.dataSet.string('x00080060')?.trim().toUpperCase()
  return modality === 'RTDOSE' ? 'hot' : 'grayscale'
}
