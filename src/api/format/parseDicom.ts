import type { DataSet, Element } from 'dicom-parser'
import dicomParser from 'dicom-parser'
import { inflateSync } from 'fflate'
import { FormatError } from '../errors.js'
import { formatTag } from './bytes.js'
import type { DicomData } from './ConvertedData.js'
import { type DicomLayout, dicomLayout } from './dicomLayout.js'
import { readDataSet } from './readDataSet.js'

const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1'
const IMPLICIT_VR_LE = '1.2.840.10008.1.2'
const DEFLATED = '1.2.840.10008.1.2.1.99'
// Transfer syntaxes whose pixel data is stored native (not encapsulated), so its size is known.
const NATIVE = new Set([IMPLICIT_VR_LE, EXPLICIT_VR_LE, '1.2.840.10008.1.2.2', DEFLATED])
const UNDEFINED_LENGTH = 0xffffffff

/**
 * Parses DICOM bytes into a dicom-parser DataSet ({@link readDataSet} for the common little-endian
 * case, dicom-parser itself for the rest). Pixel data stays in place: `dataSet.byteArray` is the input
 * itself (except for deflated files, which are inflated once with fflate, and meta-without-preamble
 * files, which get the 132-byte prefix dicom-parser expects).
 * Bare data sets without file meta are parsed as Explicit or Implicit VR Little Endian, whichever
 * their first elements show.
 */
export function parseDicom(bytes: Uint8Array, mimetype: string, layout = dicomLayout(bytes)): DicomData {
  if (layout === undefined) {
    throw new FormatError(
      "DICOM: no 'DICM' marker at byte 128 and the content does not start like a DICOM data set (group 0008 or 0002).",
    )
  }
  const input = layout === 'meta' ? withPreamble(bytes) : bytes
  const rawSyntax =
    layout === 'explicit' ? EXPLICIT_VR_LE : layout === 'implicit' ? IMPLICIT_VR_LE : undefined
  const dataSet = readDataSet(input, rawSyntax) ?? parseWithDicomParser(input, rawSyntax)
  return describe(dataSet, mimetype, rawSyntax, layout)
}

/** dicom-parser itself: big-endian and deflated files, and the errors of malformed ones. */
function parseWithDicomParser(input: Uint8Array, rawSyntax: string | undefined): DataSet {
  let dataSet: DataSet
  try {
    // Default import: dicom-parser is a UMD bundle, which Node's ESM loader exposes only as `default`.
    dataSet = dicomParser.parseDicom(input, {
      ...(rawSyntax ? { TransferSyntaxUID: rawSyntax } : {}),
      inflater: inflate as never,
    })
  } catch (error) {
    throw dicomError(error, input.length)
  }
  // dicom-parser does not notice an implicit-VR element that runs past the end: check every one.
  const end = dataSet.byteArray.length
  for (const tag in dataSet.elements) {
    const element = dataSet.elements[tag]
    if (element.length !== UNDEFINED_LENGTH && element.dataOffset + element.length > end) {
      throw truncatedError(element, end)
    }
  }
  return dataSet
}

function describe(
  dataSet: DataSet,
  mimetype: string,
  rawSyntax: string | undefined,
  layout: DicomLayout,
): DicomData {
  try {
    const transferSyntaxUID = rawSyntax ?? (dataSet.string('x00020010') ?? '').replace(/\0/g, '').trim()
    const rows = dataSet.uint16('x00280010') ?? 0
    const columns = dataSet.uint16('x00280011') ?? 0
    const frames = dataSet.intString('x00280008')
    const numberOfFrames = frames !== undefined && Number.isFinite(frames) && frames > 0 ? frames : 1
    const photometricInterpretation = dataSet.string('x00280004') ?? ''
    checkNativePixelData(dataSet, transferSyntaxUID, rows, columns, numberOfFrames, photometricInterpretation)
    return {
      kind: 'dicom',
      mimetype,
      dataSet,
      rows,
      columns,
      numberOfFrames,
      transferSyntaxUID,
      photometricInterpretation,
    }
  } catch (error) {
    if (error instanceof FormatError) throw error
    throw dicomError(error, dataSet.byteArray.length, layout)
  }
}

/** Native pixel data must hold every frame the header promises. */
function checkNativePixelData(
  dataSet: DataSet,
  syntax: string,
  rows: number,
  columns: number,
  frames: number,
  photometric: string,
): void {
  const pixels = dataSet.elements.x7fe00010
  if (!pixels || !NATIVE.has(syntax) || pixels.encapsulatedPixelData) return
  const bitsAllocated = dataSet.uint16('x00280100') ?? 0
  // YBR_*_422 stores two samples per pixel on average (chroma shared by pixel pairs), not three.
  const samples = photometric.endsWith('_422') ? 2 : (dataSet.uint16('x00280002') ?? 1)
  const bits = rows * columns * frames * samples * bitsAllocated
  const needed = Math.ceil(bits / 8)
  if (needed > pixels.length) {
    throw new FormatError(
      `DICOM: pixel data (7FE0,0010) has ${pixels.length} bytes but ${frames} frame(s) of ${rows}x${columns}x${samples} at ${bitsAllocated} bits need ${needed}.`,
    )
  }
}

function inflate(byteArray: Uint8Array, position: number): Uint8Array {
  let inflated: Uint8Array
  try {
    inflated = inflateSync(byteArray.subarray(position))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new FormatError(
      `DICOM: the deflated data set starting at byte ${position} is corrupt (${reason}).`,
      {
        cause: error,
      },
    )
  }
  const full = new Uint8Array(position + inflated.length)
  full.set(byteArray.subarray(0, position))
  full.set(inflated, position)
  return full
}

function withPreamble(bytes: Uint8Array): Uint8Array {
  const full = new Uint8Array(132 + bytes.length)
  full.set([0x44, 0x49, 0x43, 0x4d], 128)
  full.set(bytes, 132)
  return full
}

function truncatedError(element: Element, end: number): FormatError {
  return new FormatError(
    `DICOM: truncated at byte ${end} while reading element ${tagName(element.tag)}: its ${element.length} bytes start at byte ${element.dataOffset}.`,
  )
}

/** dicom-parser throws strings, `{ exception, dataSet }` objects and Errors: turn each into one readable FormatError. */
function dicomError(thrown: unknown, length: number, layout?: DicomLayout): FormatError {
  if (thrown instanceof FormatError) return thrown
  const record =
    typeof thrown === 'object' && thrown !== null ? (thrown as Record<string, unknown>) : undefined
  const inner = record && 'exception' in record ? record.exception : thrown
  if (inner instanceof FormatError) return inner
  const partial = record?.dataSet as DataSet | undefined
  const reason = (inner instanceof Error ? inner.message : String(inner)).replace(/^dicomParser[.:]\s*/, '')
  let where = ''
  if (partial?.elements) {
    const elements = Object.values(partial.elements)
    const overrun = elements.find(
      (e) => e.length !== UNDEFINED_LENGTH && e.dataOffset + e.length > partial.byteArray.length,
    )
    if (overrun) return truncatedError(overrun, partial.byteArray.length)
    const last = elements.reduce<Element | undefined>(
      (a, e) => (a && a.dataOffset > e.dataOffset ? a : e),
      undefined,
    )
    if (last)
      where = ` after element ${tagName(last.tag)} at byte ${last.dataOffset + Math.max(0, last.length)}`
  }
  if (reason.includes('0002,0010')) {
    return new FormatError(
      `DICOM: no Transfer Syntax UID (0002,0010) in the file meta information (the file ends at byte ${length}); it is truncated or not a DICOM part 10 file.`,
      { cause: thrown },
    )
  }
  const truncated = /past end|overrun|overread|beyond|end of buffer/i.test(reason)
  const what = truncated ? `truncated at byte ${length}` : 'corrupt data'
  const hint = layout === 'part10' || layout === undefined ? '' : ` (read as a bare ${layout} VR data set)`
  return new FormatError(`DICOM: ${what}${where}${hint}: ${reason}.`, { cause: thrown })
}

function tagName(tag: string): string {
  const hex = tag.replace(/^x/, '')
  return formatTag(Number.parseInt(hex.slice(0, 4), 16), Number.parseInt(hex.slice(4, 8), 16))
}
