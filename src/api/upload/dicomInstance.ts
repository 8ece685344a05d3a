import type { DataSet } from 'dicom-parser'
import { FormatError } from '../errors.js'
import type { UploadSource } from './uploadInput.js'

/** Transfer syntaxes whose pixel data is a plain little-endian array (frames can be concatenated as they are). */
export const NATIVE_LITTLE_ENDIAN = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'])

/** Modalities of DICOM files that hold a report or a presentation, not an image (the SDK's report list). */
const REPORT_MODALITIES = new Set(['SR', 'DOC', 'KO', 'PR', 'ESR'])

/** What series assembly, anonymisation and upload need from one DICOM file, read up to its pixel data. */
export interface DicomInstance {
  source: UploadSource
  /** Input position. */
  index: number
  dataSet: DataSet
  /** Bytes from the start of the file up to (not including) the Pixel Data element; the whole file if none. */
  headerLength: number
  /** Pixel Data element: where its header starts, where its value starts and its length (undefined length: to EOF). */
  pixelData?: { start: number; valueStart: number; length: number; encapsulated: boolean }
  transferSyntax: string
  seriesUid: string
  modality: string
  instanceNumber: number | undefined
  position: number[] | undefined
  orientation: number[] | undefined
  frames: number
  /** `L`, `R` or `B` from Image Laterality or Laterality. */
  laterality: string | undefined
  isReport: boolean
  /** What instances must share to become frames of one file (the SDK's grouping tags, plus pixel layout). */
  groupKey: string
}

type DicomParser = typeof import('dicom-parser')

let parser: Promise<DicomParser> | undefined
/** dicom-parser, loaded on first use (it stays out of bundles that never upload DICOM). */
export function loadDicomParser(): Promise<DicomParser> {
  parser ??= import('dicom-parser').then((m) => (m as { default?: DicomParser }).default ?? (m as never))
  return parser
}

/** True when the bytes carry the DICOM Part 10 preamble (`DICM` at 128), like the SDK's `is_dicom`. */
export function hasDicomPreamble(head: Uint8Array): boolean {
  return (
    head.length >= 132 && head[128] === 0x44 && head[129] === 0x49 && head[130] === 0x43 && head[131] === 0x4d
  )
}

function numbers(dataSet: DataSet, tag: string): number[] | undefined {
  const text = dataSet.string(tag)
  if (!text) return undefined
  const values = text.split('\\').map(Number)
  return values.every(Number.isFinite) ? values : undefined
}

/**
 * Reads a DICOM file's data set up to the Pixel Data element with dicom-parser, reading more of a Blob
 * only while the header is not complete (a 500 MB file costs its header, not its pixels).
 */
export async function readDicomInstance(source: UploadSource, index: number): Promise<DicomInstance> {
  const dicomParser = await loadDicomParser()
  let size = Math.min(source.size, 64 * 1024)
  for (;;) {
    const head = await source.read(0, size)
    let dataSet: DataSet
    try {
      dataSet = dicomParser.parseDicom(head, { untilTag: 'x7fe00010' })
    } catch (error) {
      if (size < source.size) {
        size = Math.min(source.size, size * 4)
        continue
      }
      throw new FormatError(`${source.name}: not a readable DICOM file (${describe(error)}).`, {
        reason: 'corrupt',
        cause: error,
      })
    }
    const pixel = dataSet.elements.x7fe00010
    // The pixel element's header must be in what was read, else read more.
    if (!pixel && size < source.size) {
      size = Math.min(source.size, size * 4)
      continue
    }
    return describeInstance(source, index, dataSet, head)
  }
}

function describeInstance(
  source: UploadSource,
  index: number,
  dataSet: DataSet,
  head: Uint8Array,
): DicomInstance {
  const transferSyntax = dataSet.string('x00020010') ?? '1.2.840.10008.1.2'
  const implicit = transferSyntax === '1.2.840.10008.1.2'
  const pixel = dataSet.elements.x7fe00010
  let pixelData: DicomInstance['pixelData']
  if (pixel) {
    const start = pixel.dataOffset - (implicit ? 8 : 12)
    // The element header must be where the layout says: tag (7FE0,0010) little endian.
    if (
      head[start] !== 0xe0 ||
      head[start + 1] !== 0x7f ||
      head[start + 2] !== 0x10 ||
      head[start + 3] !== 0
    ) {
      throw new FormatError(`${source.name}: the Pixel Data element is not where its header says.`, {
        reason: 'corrupt',
      })
    }
    const undefinedLength = pixel.hadUndefinedLength === true || pixel.length === 0xffffffff
    const length = undefinedLength ? source.size - pixel.dataOffset : pixel.length
    if (pixel.dataOffset + length > source.size) {
      throw new FormatError(
        `${source.name}: truncated: Pixel Data needs ${length} bytes, the file has ${source.size - pixel.dataOffset}.`,
        { reason: 'corrupt' },
      )
    }
    pixelData = { start, valueStart: pixel.dataOffset, length, encapsulated: undefinedLength }
  }
  const modality = dataSet.string('x00080060') ?? ''
  const orientation = numbers(dataSet, 'x00200037')
  const laterality = dataSet.string('x00200062') || dataSet.string('x00200060') || undefined
  const key = [
    dataSet.string('x0020000e'),
    dataSet.string('x0020000d'),
    modality,
    orientation?.map((v) => v.toFixed(6)).join('\\'),
    dataSet.string('x00200060'),
    dataSet.string('x00200062'),
    dataSet.uint16('x00280010'),
    dataSet.uint16('x00280011'),
    transferSyntax,
    dataSet.uint16('x00280100'),
    dataSet.uint16('x00280002'),
    dataSet.uint16('x00280103'),
    dataSet.string('x00280004'),
  ]
  return {
    source,
    index,
    dataSet,
    headerLength: pixelData?.start ?? source.size,
    pixelData,
    transferSyntax,
    seriesUid: dataSet.string('x0020000e') ?? '',
    modality,
    instanceNumber: dataSet.intString('x00200013'),
    position: numbers(dataSet, 'x00200032'),
    orientation,
    frames: dataSet.intString('x00280008') ?? 1,
    laterality,
    isReport: REPORT_MODALITIES.has(modality.toUpperCase()),
    groupKey: JSON.stringify(key),
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  const exception = (error as { exception?: unknown })?.exception
  return typeof exception === 'string' ? exception : 'unreadable data set'
}
