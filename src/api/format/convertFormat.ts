import { FormatError } from '../errors.js'
import { toUint8Array } from './bytes.js'
import type { ConvertedData } from './ConvertedData.js'
import { decodeText, EMPTY_MIMETYPE, type Sniffed, sniff, UNKNOWN_MIMETYPE } from './detectMimetype.js'
import { readImageSize } from './imageSize.js'
import { parseDicom } from './parseDicom.js'
import { parseNifti } from './parseNifti.js'

/**
 * Turns bytes into something to show: a parsed DICOM data set (dicom-parser's `DataSet`), a NIfTI volume, an
 * image or a video with its size, parsed JSON, or the bytes themselves. Synchronous and pure; runs in Node,
 * browsers and workers.
 *
 * As the Datamint Python SDK's `convert_format`: an explicit `mimetype` decides — `*∕dicom` → DICOM,
 * `image/*` → image, `video/*` → video, `application/json` → JSON, `application/octet-stream` → bytes,
 * `*nifti*` → NIfTI, gzip types → `.nii.gz`, anything else → FormatError "Unsupported mimetype: X". Without
 * one, the type is detected from the content. (`downloadResourceFile` instead lets recognisable content win
 * over a resource's declared type.)
 *
 * @throws {FormatError} with `reason` `'empty'` ("Empty file content."), `'unsupported'` ("Unsupported
 *   mimetype: X", or a variant of a format this library does not read), `'undetectable'` ("Could not determine
 *   mimetype from content."), `'corrupt'` (truncated or inconsistent content, the message says where) or
 *   `'too-large'` (declared sizes beyond `maxDecodedBytes()`).
 *
 * @example
 * const data = convertFormat(bytes, 'application/dicom')
 * if (data.kind === 'dicom') console.log(data.rows, data.columns, data.dataSet.string('x00100010'))
 */
export function convertFormat(bytes: Uint8Array | ArrayBuffer, mimetype?: string): ConvertedData {
  const data = toUint8Array(bytes)
  return convertSniffed(data, mimetype, sniff(data))
}

/** {@link convertFormat} on content already sniffed (downloads sniff first to choose the mimetype). */
export function convertSniffed(
  data: Uint8Array,
  mimetype: string | undefined,
  sniffed: Sniffed,
): ConvertedData {
  if (data.length === 0) throw new FormatError('Empty file content.', { reason: 'empty' })
  const declared = mimetype?.trim() ? mimetype.trim() : undefined
  const chosen = declared ?? sniffed.mimetype
  if (chosen === UNKNOWN_MIMETYPE && declared === undefined) {
    throw new FormatError('Could not determine mimetype from content.', { reason: 'undetectable' })
  }
  try {
    return convertAs(data, chosen, sniffed)
  } catch (error) {
    if (error instanceof FormatError) throw error
    // Our readers check sizes before reading, but corrupt data must never escape as another error type.
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new FormatError(`${chosen}: the content is corrupt (${what}).`, { reason: 'corrupt', cause: error })
  }
}

function convertAs(bytes: Uint8Array, mimetype: string, sniffed: Sniffed): ConvertedData {
  const type = mimetype.toLowerCase().split(';')[0].trim()
  if (type === EMPTY_MIMETYPE) throw new FormatError('Empty file content.', { reason: 'empty' })
  if (type.endsWith('/dicom')) return parseDicom(bytes, mimetype, sniffed.dicomLayout)
  // 'application/nifti', 'image/x.nifti', and gzip-flavoured ones such as 'application/x-nifti-gz'.
  if (type.includes('nifti') || type.includes('gzip')) return parseNifti(bytes, mimetype, sniffed.gzip)
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
      throw new FormatError(`JSON: ${(error as Error).message}.`, { reason: 'corrupt', cause: error })
    }
  }
  if (type === UNKNOWN_MIMETYPE) return { kind: 'bytes', mimetype, bytes }
  throw new FormatError(`Unsupported mimetype: ${mimetype}`, { reason: 'unsupported' })
}
