import dicomParser, { type ByteArrayParser, type DataSet, type Element } from 'dicom-parser'
import { FormatError } from '../errors.js'
import type { DicomData } from './ConvertedData.js'
import { checkDecodedSize, maxDecodedBytes } from './decodedSizeLimit.js'
import { type DicomLayout, dicomLayout } from './detectMimetype.js'
import { Inflater } from './Inflater.js'

const IMPLICIT_LE = '1.2.840.10008.1.2'
const EXPLICIT_LE = '1.2.840.10008.1.2.1'
const EXPLICIT_BE = '1.2.840.10008.1.2.2'
const DEFLATED = '1.2.840.10008.1.2.1.99'
const UNDEFINED_LENGTH = 0xffffffff
// What a deflated data set may inflate to beyond the pixel data its header declares (trailing elements).
const INFLATE_MARGIN = 1024 * 1024

/**
 * Parses DICOM bytes with dicom-parser into its `DataSet`, plus the image-level facts viewers need first.
 * Pixel data stays in place: `dataSet.byteArray` is the input itself (a deflated data set is inflated once,
 * no further than its header declares). Files without preamble, or without file meta at all (read as
 * Explicit or Implicit VR Little Endian, whichever their first elements show), are parsed too.
 *
 * @throws {FormatError} reason `corrupt` for anything dicom-parser cannot read or any element running past
 *   the end of the data, `too-large` when the declared pixel data exceeds `maxDecodedBytes()`.
 */
export function parseDicom(bytes: Uint8Array, mimetype: string, layout = dicomLayout(bytes)): DicomData {
  if (layout === undefined) {
    throw new FormatError(
      "DICOM: no 'DICM' marker at byte 128 and the content does not start like a DICOM data set (group 0008 or 0002).",
      { reason: 'corrupt' },
    )
  }
  let dataSet: DataSet
  try {
    dataSet = readDataSet(bytes, layout)
  } catch (error) {
    throw asFormatError(error)
  }
  checkBounds(dataSet)
  const transferSyntaxUID = dataSet.string('x00020010') ?? ''
  const rows = dataSet.uint16('x00280010') ?? 0
  const columns = dataSet.uint16('x00280011') ?? 0
  const frames = dataSet.intString('x00280008')
  const numberOfFrames = frames !== undefined && frames > 0 ? frames : 1
  const photometricInterpretation = dataSet.string('x00280004') ?? ''
  const pixels = dataSet.elements.x7fe00010
  const bitsAllocated = dataSet.uint16('x00280100') ?? 0
  // YBR_*_422 stores two samples per pixel on average (chroma shared by pixel pairs), not three.
  const samples = photometricInterpretation.endsWith('_422') ? 2 : (dataSet.uint16('x00280002') ?? 1)
  const frameBytes = Math.ceil((rows * columns * samples * bitsAllocated) / 8)
  if (pixels)
    checkDecodedSize(frameBytes, `DICOM: one ${rows}x${columns}x${samples} frame at ${bitsAllocated} bits`)
  // Native pixel data must hold every frame the header promises (encapsulated data is checked per frame).
  if (pixels && !pixels.encapsulatedPixelData) {
    const needed = frameBytes * numberOfFrames
    if (needed > pixels.length) {
      throw new FormatError(
        `DICOM: pixel data (7FE0,0010) has ${pixels.length} bytes but ${numberOfFrames} frame(s) of ${rows}x${columns}x${samples} at ${bitsAllocated} bits need ${needed}.`,
        { reason: 'corrupt' },
      )
    }
  }
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
}

function readDataSet(bytes: Uint8Array, layout: DicomLayout): DataSet {
  if (layout === 'part10') return dicomParser.parseDicom(bytes, { inflater: inflater as never })
  if (layout === 'explicit' || layout === 'implicit') {
    // No file meta: dicom-parser reads from byte 0 in the syntax given, and reports it as (0002,0010).
    return dicomParser.parseDicom(bytes, {
      TransferSyntaxUID: layout === 'explicit' ? EXPLICIT_LE : IMPLICIT_LE,
    })
  }
  return readWithoutPreamble(bytes)
}

/**
 * File meta (group 0002) at byte 0, without the 128-byte preamble and `DICM`: dicom-parser's own element
 * readers, in the order its `parseDicom` uses them after the preamble.
 */
function readWithoutPreamble(bytes: Uint8Array): DataSet {
  const le = dicomParser.littleEndianByteArrayParser
  const meta = new dicomParser.ByteStream(le, bytes, 0)
  const elements: Record<string, Element> = {}
  while (meta.position < bytes.length) {
    const at = meta.position
    const element = dicomParser.readDicomElementExplicit(meta, meta.warnings)
    if (element.tag > 'x0002ffff') {
      meta.position = at
      break
    }
    element.parser = le
    elements[element.tag] = element
  }
  const uid = elements.x00020010
  if (!uid) {
    throw new FormatError('DICOM: the file meta information has no Transfer Syntax UID (0002,0010).', {
      reason: 'corrupt',
    })
  }
  const syntax = dicomParser.readFixedString(bytes, uid.dataOffset, uid.length).trim()
  const body =
    syntax === DEFLATED
      ? new dicomParser.ByteStream(le, inflater(bytes, meta.position), meta.position)
      : new dicomParser.ByteStream(
          syntax === EXPLICIT_BE ? dicomParser.bigEndianByteArrayParser : le,
          bytes,
          meta.position,
        )
  const dataSet = newDataSet(body.byteArrayParser, body.byteArray as Uint8Array, {})
  dataSet.warnings = body.warnings
  const parse =
    syntax === IMPLICIT_LE ? dicomParser.parseDicomDataSetImplicit : dicomParser.parseDicomDataSetExplicit
  parse(dataSet, body, body.byteArray.length)
  Object.assign(dataSet.elements, elements)
  return dataSet
}

/**
 * dicom-parser's inflater for the Deflated transfer syntax: the whole file with the data set inflated in place
 * (its typings say void; it uses the return value). Inflation stops once the header has shown how much pixel
 * data there is and that much (plus a margin) is out, so a small forged stream cannot inflate gigabytes;
 * until then, at the size limit.
 */
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const stream = Inflater.raw(bytes.subarray(position), 'DICOM: the deflated data set')
  let expected = maxDecodedBytes()
  let declared = false
  for (let head = 64 * 1024; ; head *= 2) {
    let data = stream.head(Math.min(head, expected))
    if (stream.complete) {
      data = stream.head(Number.POSITIVE_INFINITY)
      const whole = new Uint8Array(position + data.length)
      whole.set(bytes.subarray(0, position))
      whole.set(data, position)
      return whole
    }
    if (data.length >= expected) {
      if (!declared) checkDecodedSize(Number.POSITIVE_INFINITY, 'DICOM: the deflated data set')
      throw new FormatError(
        `DICOM: the deflated data set inflates past ${expected} bytes, more than its header declares; refusing to inflate further.`,
        { reason: 'corrupt' },
      )
    }
    if (!declared) {
      const size = declaredSize(data)
      if (size !== undefined) {
        checkDecodedSize(size, 'DICOM: the deflated data set')
        expected = size + INFLATE_MARGIN
        declared = true
      }
    }
  }
}

/**
 * Bytes a deflated data set holds up to the end of its pixel data, from the elements in its first inflated
 * bytes; undefined until the Pixel Data element (of defined length) is in view.
 */
function declaredSize(head: Uint8Array): number | undefined {
  const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, head, 0)
  const dataSet = newDataSet(stream.byteArrayParser, head, {})
  try {
    dicomParser.parseDicomDataSetExplicit(dataSet, stream, head.length, { untilTag: 'x7fe00010' })
  } catch {
    // The head ends inside an element: more must be inflated first.
  }
  const pixels = dataSet.elements.x7fe00010
  return pixels && pixels.length !== UNDEFINED_LENGTH ? pixels.dataOffset + pixels.length : undefined
}

/** dicom-parser's DataSet class (exported at run time, missing from its typings). */
function newDataSet(parser: ByteArrayParser, bytes: Uint8Array, elements: Record<string, Element>): DataSet {
  const { DataSet } = dicomParser as unknown as {
    DataSet: new (p: ByteArrayParser, b: Uint8Array, e: Record<string, Element>) => DataSet
  }
  return new DataSet(parser, bytes, elements)
}

/** What dicom-parser threw (a string, an Error, or `{ exception, dataSet }` with what it read so far), as FormatError. */
function asFormatError(error: unknown): FormatError {
  if (error instanceof FormatError) return error
  const wrapped = error as { exception?: unknown; dataSet?: DataSet } | undefined
  if (wrapped && typeof wrapped === 'object' && 'exception' in wrapped) {
    // A truncated file: name the element that runs past the end, when one does.
    if (wrapped.dataSet) {
      try {
        checkBounds(wrapped.dataSet)
      } catch (truncated) {
        if (truncated instanceof FormatError) return truncated
      }
    }
    return asFormatError(wrapped.exception)
  }
  if (error instanceof RangeError) {
    // dicom-parser reads nested sequences recursively: a forged file nests them until the stack runs out.
    return new FormatError(
      `DICOM: sequences nest too deeply to read (${error.message}); the file is corrupt.`,
      {
        reason: 'corrupt',
        cause: error,
      },
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new FormatError(`DICOM: the data is corrupt or truncated (${message}).`, {
    reason: 'corrupt',
    cause: error,
  })
}

/**
 * Every element of defined length, at any depth, must lie within the data: dicom-parser lets some overruns
 * through (implicit VR, the last element), and its accessors would then throw strings later.
 */
function checkBounds(dataSet: DataSet): void {
  const size = dataSet.byteArray.length
  const pending: DataSet[] = [dataSet]
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const tag in set.elements) {
      const element = set.elements[tag]
      if (element.dataOffset === undefined) continue // a bare data set's given transfer syntax
      if (!element.hadUndefinedLength && element.dataOffset + element.length > size) {
        throw new FormatError(
          `DICOM: truncated at byte ${size} while reading element ${tagName(tag)}: its ${element.length} bytes start at byte ${element.dataOffset}.`,
          { reason: 'corrupt' },
        )
      }
      for (const item of element.items ?? []) if (item.dataSet) pending.push(item.dataSet)
    }
  }
}

/** `x7fe00010` → `(7FE0,0010)`, as DICOM writes tags. */
function tagName(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase()
}
