import type { DicomData } from '../../api/format/ConvertedData.js'
import type { DicomViewport } from '../dicom/DicomViewport.js'
import { formatWindowValue } from '../ui/formatWindowValue.js'

/** The four corners of a viewer's overlay, laid out as radiology viewers do. */
export type OverlayCorner = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight'

/** A named overlay field, or any DICOM attribute by tag (`{ tag: 'x00181030', label: 'Protocol' }`). */
export type DicomOverlayField =
  | 'patientName'
  | 'patientId'
  | 'patientBirthDate'
  | 'patientSex'
  | 'studyDate'
  | 'studyDescription'
  | 'institution'
  | 'seriesDescription'
  | 'seriesNumber'
  | 'modality'
  | 'instanceNumber'
  | 'frame'
  | 'size'
  | 'window'
  | 'zoom'
  | { tag: string; label?: string }

/** Which fields each corner shows. */
export type DicomOverlayLayout = Partial<Record<OverlayCorner, readonly DicomOverlayField[]>>

/** Patient/study top-left, series/frame top-right, window and zoom bottom-left, image size bottom-right. */
export const DEFAULT_DICOM_OVERLAY: Required<DicomOverlayLayout> = {
  topLeft: ['patientName', 'patientId', 'patientBirthDate', 'studyDate', 'studyDescription'],
  topRight: ['modality', 'seriesDescription', 'seriesNumber', 'instanceNumber', 'frame'],
  bottomLeft: ['window', 'zoom'],
  bottomRight: ['size'],
}

/** Fields that identify the patient, left out with `hidePatientInfo`. */
export const PATIENT_FIELDS: ReadonlySet<DicomOverlayField> = new Set([
  'patientName',
  'patientId',
  'patientBirthDate',
  'patientSex',
])

const TAGS: Partial<Record<Exclude<DicomOverlayField, object>, [tag: string, label: string]>> = {
  patientName: ['x00100010', ''],
  patientId: ['x00100020', 'ID: '],
  patientBirthDate: ['x00100030', 'DOB: '],
  patientSex: ['x00100040', 'Sex: '],
  studyDate: ['x00080020', ''],
  studyDescription: ['x00081030', ''],
  institution: ['x00080080', ''],
  seriesDescription: ['x0008103e', ''],
  seriesNumber: ['x00200011', 'Series: '],
  modality: ['x00080060', ''],
  instanceNumber: ['x00200013', 'Image: '],
}

export interface DicomOverlayContext {
  data: DicomData
  frame: number
  frameCount: number
  viewport: DicomViewport
  /** Colour images have no window. */
  color: boolean
  /** Unit of window values, e.g. "HU", or ''. */
  unit: string
}

/** The text of one field, or undefined when the file does not have it. */
export function overlayFieldText(field: DicomOverlayField, c: DicomOverlayContext): string | undefined {
  const ds = c.data.dataSet
  if (typeof field === 'object') {
    const value = ds.string(field.tag)?.trim()
    return value ? `${field.label ? `${field.label}: ` : ''}${value}` : undefined
  }
  switch (field) {
    case 'frame':
      return c.frameCount > 1 ? `Frame ${c.frame + 1}/${c.frameCount}` : undefined
    case 'size':
      return `${c.data.columns} × ${c.data.rows}`
    case 'window':
      return c.color
        ? undefined
        : `W ${formatWindowValue(c.viewport.windowWidth)} L ${formatWindowValue(c.viewport.windowCenter)}${c.unit ? ` ${c.unit}` : ''}`
    case 'zoom':
      return `Zoom ${Math.round(c.viewport.scale * 100)}%`
  }
  const [tag, label] = TAGS[field] ?? []
  const raw = tag ? ds.string(tag)?.trim() : undefined
  if (!raw) return undefined
  if (field === 'patientName') return raw.replace(/\^+/g, ' ').trim()
  if (field === 'studyDate' || field === 'patientBirthDate') return label + formatDicomDate(raw)
  return label + raw
}

/** DICOM DA `YYYYMMDD` as `YYYY-MM-DD` (other values as they are). */
export function formatDicomDate(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value
}

/** The lines of each corner. */
export function overlayLines(
  layout: DicomOverlayLayout,
  context: DicomOverlayContext,
  hidePatientInfo: boolean,
): Record<OverlayCorner, string[]> {
  const out = { topLeft: [], topRight: [], bottomLeft: [], bottomRight: [] } as Record<
    OverlayCorner,
    string[]
  >
  for (const corner of Object.keys(out) as OverlayCorner[]) {
    for (const field of layout[corner] ?? []) {
      if (hidePatientInfo && PATIENT_FIELDS.has(field)) continue
      const text = overlayFieldText(field, context)
      if (text) out[corner].push(text)
    }
  }
  return out
}
