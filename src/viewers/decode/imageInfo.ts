import { FormatError } from '../../api/errors.js'
import type { DicomData } from '../../api/format/ConvertedData.js'

/** The Image Pixel module attributes the decoder needs, read once per frame from the DataSet. */
export interface ImageInfo {
  rows: number
  columns: number
  numberOfFrames: number
  samplesPerPixel: number
  bitsAllocated: number
  bitsStored: number
  highBit: number
  pixelRepresentation: 0 | 1
  planarConfiguration: 0 | 1
  photometricInterpretation: string
}

/** Reads the Image Pixel module; throws FormatError when a required attribute is missing or impossible. */
export function readImageInfo(dicom: DicomData): ImageInfo {
  const ds = dicom.dataSet
  const rows = dicom.rows || (ds.uint16('x00280010') ?? 0)
  const columns = dicom.columns || (ds.uint16('x00280011') ?? 0)
  const samplesPerPixel = ds.uint16('x00280002') ?? 1
  const bitsAllocated = ds.uint16('x00280100') ?? 0
  const bitsStored = ds.uint16('x00280101') ?? bitsAllocated
  const highBit = ds.uint16('x00280102') ?? bitsStored - 1
  const photometricInterpretation = (
    dicom.photometricInterpretation ||
    ds.string('x00280004') ||
    (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')
  )
    .replace(/\0/g, '')
    .trim()
    .toUpperCase()
  const framesText = ds.string('x00280008')
  const numberOfFrames = Math.max(
    1,
    dicom.numberOfFrames || (framesText ? Number.parseInt(framesText, 10) : 1) || 1,
  )
  const info: ImageInfo = {
    rows,
    columns,
    numberOfFrames,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: ds.uint16('x00280103') === 1 ? 1 : 0,
    planarConfiguration: samplesPerPixel > 1 && ds.uint16('x00280006') === 1 ? 1 : 0,
    photometricInterpretation,
  }
  if (!(rows > 0 && columns > 0)) {
    throw new FormatError(`DICOM image has ${rows}×${columns} pixels: Rows and Columns must be set`, {
      reason: 'corrupt',
    })
  }
  if (![1, 8, 16, 32].includes(bitsAllocated)) {
    throw new FormatError(`DICOM Bits Allocated ${bitsAllocated} is not supported (1, 8, 16 or 32)`, {
      reason: 'unsupported',
    })
  }
  if (!(bitsStored >= 1 && bitsStored <= bitsAllocated)) {
    throw new FormatError(`DICOM Bits Stored ${bitsStored} does not fit Bits Allocated ${bitsAllocated}`, {
      reason: 'corrupt',
    })
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new FormatError(`DICOM Samples per Pixel ${samplesPerPixel} is not supported (1 or 3)`, {
      reason: 'unsupported',
    })
  }
  return info
}
