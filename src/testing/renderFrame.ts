import type { DicomData, NiftiData } from '../api/format/ConvertedData.js'
import { parseNifti } from '../api/format/parseNifti.js'
import type { PixelArray } from '../viewers/decode/DecodedFrame.js'
import { readImageInfo } from '../viewers/decode/imageInfo.js'
import { planarToInterleaved, ybrFullToRgb } from '../viewers/decode/photometric.js'
import { encapsulatedFrame, nativeFrame, pixelDataElement } from '../viewers/decode/pixelFrames.js'
import { decodeRle } from '../viewers/decode/rle.js'
import { nativeStoredValues } from '../viewers/decode/storedValues.js'
import { transferSyntaxInfo } from '../viewers/decode/transferSyntax.js'
import { readDicomInfo } from './dicomInfo.js'
import { encodePng } from './encodePng.js'
import type { ResourceRecord } from './entities.js'

export interface RenderedFrame {
  bytes: Uint8Array
  mimetype: string
}

/** Stored values scaled linearly from their min..max onto 0..255 (inverted for MONOCHROME1). */
function toGrey8(values: ArrayLike<number>, invert = false): Uint8Array {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v < min) min = v
    if (v > max) max = v
  }
  const scale = max > min ? 255 / (max - min) : 0
  const out = new Uint8Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const g = Math.round((values[i] - min) * scale)
    out[i] = invert ? 255 - g : g
  }
  return out
}

/**
 * One frame of a native or RLE DICOM as a PNG, read with the viewers' own decoding steps (transfer syntax
 * table, pixel frames, RLE decoder, stored values). Undefined for what the server does not render.
 */
function dicomFrame(dicom: DicomData, index: number): RenderedFrame | undefined {
  const ts = transferSyntaxInfo(dicom.transferSyntaxUID)
  if (!ts || (ts.encoding !== 'native' && ts.encoding !== 'rle') || !dicom.dataSet.elements.x7fe00010)
    return undefined
  try {
    const info = readImageInfo(dicom)
    const {
      rows,
      columns,
      samplesPerPixel: samples,
      bitsAllocated,
      photometricInterpretation: photometric,
    } = info
    if (bitsAllocated === 1 || index >= info.numberOfFrames) return undefined
    if (samples === 3 && (bitsAllocated !== 8 || !['RGB', 'YBR_FULL'].includes(photometric))) return undefined
    const pixelCount = rows * columns
    const element = pixelDataElement(dicom.dataSet, index)
    let pixels: PixelArray
    if (ts.encoding === 'native') {
      const { bytes, bitOffset } = nativeFrame(dicom.dataSet, element, info, index)
      pixels = nativeStoredValues(bytes, bitOffset, pixelCount * samples, info, ts.bigEndian)
      if (samples === 3 && info.planarConfiguration === 1) pixels = planarToInterleaved(pixels, pixelCount)
    } else {
      const encoded = encapsulatedFrame(dicom.dataSet, element, info, index)
      // RLE segments are colour planes by definition; decodeRle interleaves them.
      const bytes = decodeRle(encoded, pixelCount, samples, bitsAllocated / 8, index)
      pixels = nativeStoredValues(bytes, 0, pixelCount * samples, info, false)
    }
    if (samples === 3) {
      // A copy: the pixels may be a view of the stored file.
      const rgb = Uint8Array.from(pixels)
      if (photometric === 'YBR_FULL') ybrFullToRgb(rgb, 8)
      return { bytes: encodePng(rgb, columns, rows, 3), mimetype: 'image/png' }
    }
    return {
      bytes: encodePng(toGrey8(pixels, photometric === 'MONOCHROME1'), columns, rows, 1),
      mimetype: 'image/png',
    }
  } catch {
    return undefined
  }
}

/** The NIfTI file as `convertFormat` reads it, or undefined when it cannot. */
function readNifti(bytes: Uint8Array): NiftiData | undefined {
  try {
    return parseNifti(bytes, 'application/nifti')
  } catch {
    return undefined
  }
}

function niftiFrame(bytes: Uint8Array, index: number): RenderedFrame | undefined {
  const volume = readNifti(bytes)
  if (!volume || volume.datatype === 'rgb24') return undefined
  const [nx, ny, nz, nt] = volume.dims
  if (index >= nz * nt) return undefined
  const start = index * nx * ny
  const values = new Float64Array(nx * ny)
  // NIfTI's first axis runs left→right and the second bottom→top: flip rows for an image.
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) values[(ny - 1 - y) * nx + x] = volume.voxels[start + y * nx + x]
  }
  return { bytes: encodePng(toGrey8(values), nx, ny, 1), mimetype: 'image/png' }
}

/**
 * How many frames `GET /resources/:id/frames/:index` serves for a resource: DICOM NumberOfFrames,
 * the axial slices of a NIfTI volume, 1 for an image; undefined when unknown (video).
 */
export function frameCount(resource: ResourceRecord, bytes: Uint8Array): number | undefined {
  if (resource.mimetype.startsWith('image/')) return 1
  if (resource.mimetype.endsWith('/dicom')) return readDicomInfo(bytes)?.numberOfFrames
  if (resource.mimetype.endsWith('nifti')) return readNifti(bytes)?.dims[2]
  return undefined
}

/**
 * One frame as an image, as the real server renders it: an image resource's frame 0 is the file itself;
 * DICOM frames (native, deflated and RLE transfer syntaxes) and NIfTI axial slices become 8-bit PNGs
 * scaled from min..max. Undefined when the in-memory server cannot render it (JPEG-family DICOM, video).
 */
export function renderFrame(
  resource: ResourceRecord,
  bytes: Uint8Array,
  index: number,
): RenderedFrame | undefined {
  if (resource.mimetype.startsWith('image/'))
    return index === 0 ? { bytes, mimetype: resource.mimetype } : undefined
  if (resource.mimetype.endsWith('/dicom')) {
    const info = readDicomInfo(bytes)
    return info ? dicomFrame(info.dicom, index) : undefined
  }
  if (resource.mimetype.endsWith('nifti')) return niftiFrame(bytes, index)
  return undefined
}
