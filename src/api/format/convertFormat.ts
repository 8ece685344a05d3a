import { FormatError } from '../errors.js'
import { toUint8Array } from './bytes.js'
import type { ConvertedData } from './ConvertedData.js'
import { decodeText, EMPTY_MIMETYPE, type Sniffed, sniff, UNKNOWN_MIMETYPE } from './detectMimetype.js'
import { readImageSize } from './imageSize.js'
import { parseDicom } from './parseDicom.js'
import { parseNifti } from './parseNifti.js'

/**
 * Turns downloaded bytes into something to show: a parsed DICOM data set, a NIfTI volume, an image or a
 * video with its size, parsed JSON, or the bytes themselves. Synchronous and pure; runs in Node,
 * browsers and workers.
 *
 * The content decides when it is recognisable; `mimetype` (e.g. a resource's declared type) is the
 * fallback when detection finds only a generic type. Then, as the Datamint Python SDK: `*∕dicom` →
 * DICOM, `image/*` → image, `video/*` → video, `application/json` → JSON, `application/octet-stream`
 * → bytes, `*nifti` → NIfTI, gzip types → `.nii.gz`.
 *
 * @throws {FormatError} "Empty file content.", "Unsupported mimetype: X", "Could not determine mimetype
 *   from content." or a message saying what is wrong with corrupt or truncated content.
 *
 * @example
 * const data = convertFormat(bytes, 'application/dicom')
 * if (data.kind === 'dicom') console.log(data.rows, data.columns, data.numberOfFrames)
 */
export function convertFormat(bytes: Uint8Array | ArrayBuffer, mimetype?: string): ConvertedData {
  const data = toUint8Array(bytes)
  if (data.length === 0) throw new FormatError('Empty file content.')
  const declared = mimetype?.trim() ? mimetype.trim() : undefined
  const sniffed = sniff(data)
  let chosen: string
  if (sniffed.specific || declared === undefined) {
    chosen = sniffed.mimetype
    if (chosen === UNKNOWN_MIMETYPE && declared === undefined) {
      throw new FormatError('Could not determine mimetype from content.')
    }
  } else {
    chosen = declared
  }
  try {
    return convertAs(data, chosen, sniffed)
  } catch (error) {
    if (error instanceof FormatError) throw error
    // Our readers check sizes before reading, but corrupt data must never escape as another error type.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new FormatError(`${chosen}: the content is corrupt (${reason}).`, { cause: error })
  }
}

function convertAs(bytes: Uint8Array, mimetype: string, sniffed: Sniffed): ConvertedData {
  const type = mimetype.toLowerCase().split(';')[0].trim()
  if (type === EMPTY_MIMETYPE) throw new FormatError('Empty file content.')
  if (type.endsWith('/dicom')) return parseDicom(bytes, mimetype, sniffed.dicomLayout)
  // 'application/nifti', 'image/x.nifti', and gzip-flavoured ones such as 'application/x-nifti-gz'.
  if (type.includes('nifti')) return parseNifti(bytes, mimetype, sniffed.gzip)
  if (type.includes('gzip')) return parseNifti(bytes, mimetype, sniffed.gzip)
  if (type.startsWith('image/')) {
    const { width, height } = readImageSize(bytes)
    return { kind: 'image', mimetype, bytes, width, height }
  }
  if (type.startsWith('video/')) return { kind: 'video', mimetype, bytes }
  if (type === 'application/json') {
    if (sniffed.json) return { kind: 'json', mimetype, value: sniffed.json.value }
    try {
      return { kind: 'json', mimetype, value: JSON.parse(decodeText(bytes)) }
    } catch (error) {
      throw new FormatError(`JSON: ${(error as Error).message}.`, { cause: error })
    }
  }
  if (type === UNKNOWN_MIMETYPE) return { kind: 'bytes', mimetype, bytes }
  throw new FormatError(`Unsupported mimetype: ${mimetype}`)
}
