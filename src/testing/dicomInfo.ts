import type { DataSet } from 'dicom-parser'
import dicomParser from 'dicom-parser'
import { inflateSync } from 'fflate'

/** What the server reads from a DICOM file to fill a resource (as the real server does on upload). */
export interface DicomInfo {
  dataSet: DataSet
  modality: string | undefined
  numberOfFrames: number
  transferSyntaxUID: string | undefined
  studyUid: string | undefined
  seriesUid: string | undefined
  instanceUid: string | undefined
  patientId: string | undefined
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1'
const IMPLICIT_LE = '1.2.840.10008.1.2'

// dicom-parser calls this for the Deflated transfer syntax: it must return the whole file with the
// dataset part inflated (its typings say void; the implementation uses the return value).
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateSync(bytes.subarray(position))
  const whole = new Uint8Array(position + inflated.length)
  whole.set(bytes.subarray(0, position))
  whole.set(inflated, position)
  return whole
}

function tryParse(bytes: Uint8Array, transferSyntaxUID?: string): DataSet | undefined {
  try {
    return dicomParser.parseDicom(bytes, {
      inflater: inflater as unknown as (arr: Uint8Array, position: number) => void,
      ...(transferSyntaxUID ? { TransferSyntaxUID: transferSyntaxUID } : {}),
    })
  } catch (error) {
    // A truncated file still yields the elements read before the overrun.
    const partial = (error as { dataSet?: DataSet } | undefined)?.dataSet
    return partial && Object.keys(partial.elements).length > 0 ? partial : undefined
  }
}

/**
 * Reads the few tags the server keeps from a DICOM file, or `undefined` when the bytes are not DICOM.
 * Files without a preamble/meta header (raw datasets) are read as explicit, then implicit little endian.
 */
export function readDicomInfo(bytes: Uint8Array): DicomInfo | undefined {
  let dataSet = tryParse(bytes)
  let assumedSyntax: string | undefined
  for (const uid of dataSet ? [] : [EXPLICIT_LE, IMPLICIT_LE]) {
    const candidate = tryParse(bytes, uid)
    // A wrong guess parses garbage: require the SOP Class UID every real dataset has.
    if (candidate?.elements.x00080016) {
      dataSet = candidate
      assumedSyntax = uid
      break
    }
  }
  if (!dataSet) return undefined
  const text = (tag: string) => dataSet.string(tag)?.trim() || undefined
  return {
    dataSet,
    modality: text('x00080060'),
    numberOfFrames: Math.max(1, dataSet.intString('x00280008') ?? 1),
    transferSyntaxUID: text('x00020010') ?? assumedSyntax,
    studyUid: text('x0020000d'),
    seriesUid: text('x0020000e'),
    instanceUid: text('x00080018'),
    patientId: text('x00100020'),
  }
}
