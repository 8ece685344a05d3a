import { FormatError } from '../errors.js'
import type { DicomData } from './ConvertedData.js'
import { dicomLayout } from './dicomLayout.js'
import { DEFLATED, EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, readDataSet } from './readDataSet.js'

// Transfer syntaxes whose pixel data is stored native (not encapsulated), so its size is known.
const NATIVE = new Set([IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE, DEFLATED])

/**
 * Parses DICOM bytes into a DataSet with {@link readDataSet}, plus the image-level facts viewers need
 * first. Pixel data stays in place: `dataSet.byteArray` is the input itself (deflated files are
 * inflated once). Bare data sets without file meta are parsed as Explicit or Implicit VR Little
 * Endian, whichever their first elements show.
 */
export function parseDicom(bytes: Uint8Array, mimetype: string, layout = dicomLayout(bytes)): DicomData {
  if (layout === undefined) {
    throw new FormatError(
      "DICOM: no 'DICM' marker at byte 128 and the content does not start like a DICOM data set (group 0008 or 0002).",
    )
  }
  const dataSet = readDataSet(bytes, layout)
  const transferSyntaxUID = dataSet.string('x00020010') ?? ''
  const rows = dataSet.uint16('x00280010') ?? 0
  const columns = dataSet.uint16('x00280011') ?? 0
  const frames = dataSet.intString('x00280008')
  const numberOfFrames = frames !== undefined && frames > 0 ? frames : 1
  const photometricInterpretation = dataSet.string('x00280004') ?? ''
  // Native pixel data must hold every frame the header promises.
  const pixels = dataSet.elements.x7fe00010
  if (pixels && NATIVE.has(transferSyntaxUID) && !pixels.encapsulatedPixelData) {
    const bitsAllocated = dataSet.uint16('x00280100') ?? 0
    // YBR_*_422 stores two samples per pixel on average (chroma shared by pixel pairs), not three.
    const samples = photometricInterpretation.endsWith('_422') ? 2 : (dataSet.uint16('x00280002') ?? 1)
    const needed = Math.ceil((rows * columns * numberOfFrames * samples * bitsAllocated) / 8)
    if (needed > pixels.length) {
      throw new FormatError(
        `DICOM: pixel data (7FE0,0010) has ${pixels.length} bytes but ${numberOfFrames} frame(s) of ${rows}x${columns}x${samples} at ${bitsAllocated} bits need ${needed}.`,
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
