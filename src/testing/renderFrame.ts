import type { DataSet } from 'dicom-parser'
import dicomParser from 'dicom-parser'
import { gunzipSync } from 'fflate'
import { readDicomInfo } from './dicomInfo.js'
import { encodePng } from './encodePng.js'
import type { ResourceRecord } from './entities.js'

export interface RenderedFrame {
  bytes: Uint8Array
  mimetype: string
}

const NATIVE = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
])
const BIG_ENDIAN = '1.2.840.10008.1.2.2'
const RLE = '1.2.840.10008.1.2.5'

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

/** Decodes one RLE Lossless frame (PS3.5 G) into its bytes, in the native little-endian layout. */
function decodeRle(frame: Uint8Array, pixels: number, bytesPerSample: number, samples: number): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const segments = view.getUint32(0, true)
  const out = new Uint8Array(pixels * bytesPerSample * samples)
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true)
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : frame.length
    // Segment order: per sample, most significant byte first.
    const sample = Math.floor(s / bytesPerSample)
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample)
    let pos = start
    let pixel = 0
    const put = (b: number) => {
      if (pixel < pixels) out[(pixel * samples + sample) * bytesPerSample + byteInSample] = b
      pixel += 1
    }
    while (pos < end && pixel < pixels) {
      const n = (frame[pos++] << 24) >> 24
      if (n >= 0) for (let i = 0; i <= n; i++) put(frame[pos++])
      else if (n !== -128) {
        const b = frame[pos++]
        for (let i = 0; i < 1 - n; i++) put(b)
      }
    }
  }
  return out
}

function dicomFrame(dataSet: DataSet, index: number, transferSyntax: string): RenderedFrame | undefined {
  const pixel = dataSet.elements.x7fe00010
  const rows = dataSet.uint16('x00280010')
  const columns = dataSet.uint16('x00280011')
  if (!pixel || !rows || !columns) return undefined
  const samples = dataSet.uint16('x00280002') ?? 1
  const bits = dataSet.uint16('x00280100') ?? 8
  const signed = dataSet.uint16('x00280103') === 1
  const planar = dataSet.uint16('x00280006') === 1
  const photometric = dataSet.string('x00280004')?.trim() ?? 'MONOCHROME2'
  const bytesPerSample = bits / 8
  if (![1, 2, 4].includes(bytesPerSample) || (samples !== 1 && samples !== 3)) return undefined
  if (samples === 3 && (bytesPerSample !== 1 || !['RGB', 'YBR_FULL'].includes(photometric))) return undefined
  const pixels = rows * columns
  const frameBytes = pixels * samples * bytesPerSample

  let data: Uint8Array
  if (NATIVE.has(transferSyntax)) {
    const start = pixel.dataOffset + index * frameBytes
    if (start + frameBytes > dataSet.byteArray.length) return undefined
    data = dataSet.byteArray.slice(start, start + frameBytes)
    if (transferSyntax === BIG_ENDIAN && bytesPerSample > 1) {
      for (let i = 0; i < data.length; i += bytesPerSample) data.subarray(i, i + bytesPerSample).reverse()
    }
  } else if (transferSyntax === RLE && pixel.encapsulatedPixelData) {
    const encoded = dicomParser.readEncapsulatedImageFrame(dataSet, pixel, index) as Uint8Array
    data = decodeRle(encoded, pixels, bytesPerSample, samples)
  } else {
    return undefined
  }

  if (samples === 3) {
    let rgb = data
    if (planar) {
      rgb = new Uint8Array(frameBytes)
      for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = data[c * pixels + i]
    }
    if (photometric === 'YBR_FULL') {
      for (let i = 0; i < rgb.length; i += 3) {
        const [y, cb, cr] = [rgb[i], rgb[i + 1] - 128, rgb[i + 2] - 128]
        rgb[i] = Math.max(0, Math.min(255, Math.round(y + 1.402 * cr)))
        rgb[i + 1] = Math.max(0, Math.min(255, Math.round(y - 0.344136 * cb - 0.714136 * cr)))
        rgb[i + 2] = Math.max(0, Math.min(255, Math.round(y + 1.772 * cb)))
      }
    }
    return { bytes: encodePng(rgb, columns, rows, 3), mimetype: 'image/png' }
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const values = new Float64Array(pixels)
  for (let i = 0; i < pixels; i++) {
    const at = i * bytesPerSample
    if (bytesPerSample === 1) values[i] = signed ? view.getInt8(at) : view.getUint8(at)
    else if (bytesPerSample === 2) values[i] = signed ? view.getInt16(at, true) : view.getUint16(at, true)
    else values[i] = signed ? view.getInt32(at, true) : view.getUint32(at, true)
  }
  return {
    bytes: encodePng(toGrey8(values, photometric === 'MONOCHROME1'), columns, rows, 1),
    mimetype: 'image/png',
  }
}

interface NiftiVolume {
  view: DataView
  little: boolean
  dims: [number, number, number]
  datatype: number
  voxOffset: number
}

/** The header fields the frame renderer needs, from a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) file. */
function readNifti(bytes: Uint8Array): NiftiVolume | undefined {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
  if (raw.length < 352) return undefined
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  for (const little of [true, false]) {
    const size = view.getInt32(0, little)
    if (size === 348) {
      const dim = (i: number) => Math.max(1, view.getInt16(40 + i * 2, little))
      return {
        view,
        little,
        dims: [dim(1), dim(2), dim(3)],
        datatype: view.getInt16(70, little),
        voxOffset: Math.max(352, Math.round(view.getFloat32(108, little))),
      }
    }
    if (size === 540 && raw.length >= 544) {
      const dim = (i: number) => Math.max(1, Number(view.getBigInt64(16 + i * 8, little)))
      return {
        view,
        little,
        dims: [dim(1), dim(2), dim(3)],
        datatype: view.getInt16(12, little),
        voxOffset: Math.max(544, Number(view.getBigInt64(168, little))),
      }
    }
  }
  return undefined
}

const NIFTI_READERS: Record<
  number,
  [bytes: number, read: (v: DataView, at: number, little: boolean) => number]
> = {
  2: [1, (v, at) => v.getUint8(at)],
  4: [2, (v, at, l) => v.getInt16(at, l)],
  8: [4, (v, at, l) => v.getInt32(at, l)],
  16: [4, (v, at, l) => v.getFloat32(at, l)],
  64: [8, (v, at, l) => v.getFloat64(at, l)],
  256: [1, (v, at) => v.getInt8(at)],
  512: [2, (v, at, l) => v.getUint16(at, l)],
  768: [4, (v, at, l) => v.getUint32(at, l)],
}

function niftiFrame(bytes: Uint8Array, index: number): RenderedFrame | undefined {
  const volume = readNifti(bytes)
  const reader = volume && NIFTI_READERS[volume.datatype]
  if (!volume || !reader) return undefined
  const [nx, ny] = volume.dims
  const [size, read] = reader
  const start = volume.voxOffset + index * nx * ny * size
  if (start + nx * ny * size > volume.view.byteLength) return undefined
  const values = new Float64Array(nx * ny)
  // NIfTI's first axis runs left→right and the second bottom→top: flip rows for an image.
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++)
      values[(ny - 1 - y) * nx + x] = read(volume.view, start + (y * nx + x) * size, volume.little)
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
    const syntax = info?.transferSyntaxUID
    return info && syntax ? dicomFrame(info.dataSet, index, syntax) : undefined
  }
  if (resource.mimetype.endsWith('nifti')) return niftiFrame(bytes, index)
  return undefined
}
