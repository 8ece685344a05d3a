import type { DicomData } from '../api/format/ConvertedData.js'
import { parseDicom } from '../api/format/parseDicom.js'

/** What the server reads from a DICOM file to fill a resource (as the real server does on upload). */
export interface DicomInfo {
  /** The file as `convertFormat` parses it (dicom-parser's DataSet and the image-level facts). */
  dicom: DicomData
  modality: string | undefined
  numberOfFrames: number
  transferSyntaxUID: string | undefined
  studyUid: string | undefined
  seriesUid: string | undefined
  instanceUid: string | undefined
  patientId: string | undefined
}

/**
 * Reads the few tags the server keeps from a DICOM file, or `undefined` when the bytes are not DICOM (or
 * too corrupt to read). Parsed as `convertFormat` parses DICOM: with or without preamble and file meta.
 */
export function readDicomInfo(bytes: Uint8Array): DicomInfo | undefined {
  let dicom: DicomData
  try {
    dicom = parseDicom(bytes, 'application/dicom')
  } catch {
    return undefined
  }
  const text = (tag: string) => dicom.dataSet.string(tag)?.trim() || undefined
  return {
    dicom,
    modality: text('x00080060'),
    numberOfFrames: dicom.numberOfFrames,
    transferSyntaxUID: dicom.transferSyntaxUID || undefined,
    studyUid: text('x0020000d'),
    seriesUid: text('x0020000e'),
    instanceUid: text('x00080018'),
    patientId: text('x00100020'),
  }
}
