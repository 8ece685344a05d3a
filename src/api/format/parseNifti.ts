import { FormatError } from '../errors.js'
import { readAscii } from './bytes.js'
import type { NiftiData, NiftiDatatype, NiftiVoxels } from './ConvertedData.js'
import { GzipContent } from './GzipContent.js'
import { niftiSignature } from './niftiHeader.js'

type VoxelArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor

interface DatatypeInfo {
  name: NiftiDatatype
  array: VoxelArrayConstructor
  /** Array elements per voxel (3 for rgb24). */
  components: number
}

const DATATYPES: Record<number, DatatypeInfo> = {
  2: { name: 'uint8', array: Uint8Array, components: 1 },
  4: { name: 'int16', array: Int16Array, components: 1 },
  8: { name: 'int32', array: Int32Array, components: 1 },
  16: { name: 'float32', array: Float32Array, components: 1 },
  64: { name: 'float64', array: Float64Array, components: 1 },
  128: { name: 'rgb24', array: Uint8Array, components: 3 },
  256: { name: 'int8', array: Int8Array, components: 1 },
  512: { name: 'uint16', array: Uint16Array, components: 1 },
  768: { name: 'uint32', array: Uint32Array, components: 1 },
}

// Names of the codes we do not read, so the error says what the file holds.
const UNSUPPORTED: Record<number, string> = {
  1: 'binary',
  32: 'complex64',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'rgba32',
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/**
 * Reads a NIfTI-1 or NIfTI-2 file (`.nii`, or `.nii.gz` decompressed once) into its header facts and
 * a typed array of voxels in native byte order. The voxel array is a view on the file's memory when
 * the offset is aligned and the byte order matches, a copy otherwise.
 *
 * @param gzip the decompressor already used to peek at the content during detection, if any.
 */
export function parseNifti(input: Uint8Array, mimetype: string, gzip?: GzipContent): NiftiData {
  const bytes = gzip
    ? gzip.all()
    : input[0] === 0x1f && input[1] === 0x8b
      ? new GzipContent(input).all()
      : input
  const signature = niftiSignature(bytes)
  if (!signature) {
    const what =
      bytes.length < 348 ? `only ${bytes.length} bytes, less than a 348-byte header` : 'no NIfTI-1/-2 header'
    throw new FormatError(
      `NIfTI: the content is not a NIfTI file (${what}: sizeof_hdr must be 348 or 540 with magic 'n+1' or 'n+2').`,
    )
  }
  if (signature.version === 2 && bytes.length < 540) {
    throw new FormatError(
      `NIfTI: truncated at byte ${bytes.length} while reading the 540-byte NIfTI-2 header.`,
    )
  }
  if (signature.pair) {
    throw new FormatError(
      'NIfTI: this is a header-only (.hdr) file; its voxels are in a separate .img file. Convert the pair to a single .nii.',
    )
  }
  const header = readHeader(bytes, signature.version, signature.littleEndian)

  const dim = header.dim as number[]
  const rank = dim[0]
  if (!(rank >= 1 && rank <= 7))
    throw new FormatError(`NIfTI: dim[0] must be between 1 and 7, found ${rank}.`)
  let count = 1
  for (let i = 1; i <= rank; i++) {
    if (!(Number.isInteger(dim[i]) && dim[i] >= 1)) {
      throw new FormatError(`NIfTI: dim[${i}] must be a positive integer, found ${dim[i]}.`)
    }
    count *= dim[i]
  }
  const size = (i: number) => (i <= rank ? dim[i] : 1)
  // Dimensions past the 4th (rare: vector or tensor data) are folded into the volume count.
  let volumes = 1
  for (let i = 4; i <= rank; i++) volumes *= dim[i]
  const dims: [number, number, number, number] = [size(1), size(2), size(3), volumes]

  const datatypeCode = header.datatype as number
  const info = DATATYPES[datatypeCode]
  if (!info) {
    const name = UNSUPPORTED[datatypeCode]
    throw new FormatError(
      `NIfTI: datatype code ${datatypeCode}${name ? ` (${name})` : ''} is not supported; supported: uint8, int8, int16, uint16, int32, uint32, float32, float64, rgb24.`,
    )
  }

  const minimumOffset = signature.version === 1 ? 352 : 544
  let voxOffset = header.vox_offset as number
  // vox_offset 0 in a single-file NIfTI is a common writer slip: the data then follows the header.
  if (voxOffset === 0) voxOffset = minimumOffset
  if (!(Number.isInteger(voxOffset) && voxOffset >= (signature.version === 1 ? 348 : 540))) {
    throw new FormatError(`NIfTI: vox_offset ${voxOffset} is not a valid byte offset after the header.`)
  }
  const elements = count * info.components
  const needed = elements * info.array.BYTES_PER_ELEMENT
  const available = Math.max(0, bytes.length - voxOffset)
  // Checked before any allocation, so a forged dim cannot make us reserve gigabytes.
  if (needed > available) {
    throw new FormatError(
      `NIfTI: voxel data needs ${needed} bytes (${dims.join('x')} ${info.name}) from byte ${voxOffset} but the file has ${available}.`,
    )
  }
  const voxels = readVoxels(bytes, voxOffset, elements, info.array, signature.littleEndian)

  const pixdim = header.pixdim as number[]
  const rawSlope = header.scl_slope as number
  const scaled = rawSlope !== 0 && Number.isFinite(rawSlope)
  const rawInter = header.scl_inter as number
  const { affine, affineSource } = affineOf(header)
  return {
    kind: 'nifti',
    mimetype,
    version: signature.version,
    dims,
    pixDims: [pixdim[1], pixdim[2], pixdim[3], pixdim[4]],
    datatype: info.name,
    datatypeCode,
    sclSlope: scaled ? rawSlope : 1,
    sclInter: scaled && Number.isFinite(rawInter) ? rawInter : 0,
    affine,
    affineSource,
    voxels,
    header,
  }
}

function readVoxels(
  bytes: Uint8Array,
  offset: number,
  elements: number,
  TypedArray: VoxelArrayConstructor,
  littleEndian: boolean,
): NiftiVoxels {
  const width = TypedArray.BYTES_PER_ELEMENT
  const start = bytes.byteOffset + offset
  const swap = width > 1 && littleEndian !== HOST_LITTLE_ENDIAN
  if (!swap && start % width === 0) return new TypedArray(bytes.buffer as ArrayBuffer, start, elements)
  // Misaligned or foreign byte order: one copy into fresh, aligned memory.
  const copy = new Uint8Array(elements * width)
  copy.set(bytes.subarray(offset, offset + copy.length))
  if (swap) swapBytes(copy, width)
  return new TypedArray(copy.buffer, 0, elements)
}

/** Reverses the byte order of every `width`-byte element (big-endian files are rare: bytes, not words). */
function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a]
      bytes[a] = bytes[b]
      bytes[b] = t
    }
  }
}

type Header = Record<string, unknown>

/** How a field is stored: int8/16/32/64, float32/64, or ASCII text (its length in place of a count). */
type Kind = 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64' | 'text'

// name, count (text length), then offset and storage in NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers.
const FIELDS: Array<[string, number, number, Kind, number, Kind]> = [
  ['sizeof_hdr', 1, 0, 'i32', 0, 'i32'],
  ['magic', 4, 344, 'text', 4, 'text'],
  ['dim_info', 1, 39, 'u8', 524, 'u8'],
  ['dim', 8, 40, 'i16', 16, 'i64'],
  ['intent_p1', 1, 56, 'f32', 80, 'f64'],
  ['intent_p2', 1, 60, 'f32', 88, 'f64'],
  ['intent_p3', 1, 64, 'f32', 96, 'f64'],
  ['intent_code', 1, 68, 'i16', 504, 'i32'],
  ['datatype', 1, 70, 'i16', 12, 'i16'],
  ['bitpix', 1, 72, 'i16', 14, 'i16'],
  ['slice_start', 1, 74, 'i16', 224, 'i64'],
  ['pixdim', 8, 76, 'f32', 104, 'f64'],
  ['vox_offset', 1, 108, 'f32', 168, 'i64'],
  ['scl_slope', 1, 112, 'f32', 176, 'f64'],
  ['scl_inter', 1, 116, 'f32', 184, 'f64'],
  ['slice_end', 1, 120, 'i16', 232, 'i64'],
  ['slice_code', 1, 122, 'u8', 496, 'i32'],
  ['xyzt_units', 1, 123, 'u8', 500, 'i32'],
  ['cal_max', 1, 124, 'f32', 192, 'f64'],
  ['cal_min', 1, 128, 'f32', 200, 'f64'],
  ['slice_duration', 1, 132, 'f32', 208, 'f64'],
  ['toffset', 1, 136, 'f32', 216, 'f64'],
  ['descrip', 80, 148, 'text', 240, 'text'],
  ['aux_file', 24, 228, 'text', 320, 'text'],
  ['qform_code', 1, 252, 'i16', 344, 'i32'],
  ['sform_code', 1, 254, 'i16', 348, 'i32'],
  ['quatern_b', 1, 256, 'f32', 352, 'f64'],
  ['quatern_c', 1, 260, 'f32', 360, 'f64'],
  ['quatern_d', 1, 264, 'f32', 368, 'f64'],
  ['qoffset_x', 1, 268, 'f32', 376, 'f64'],
  ['qoffset_y', 1, 272, 'f32', 384, 'f64'],
  ['qoffset_z', 1, 276, 'f32', 392, 'f64'],
  ['srow_x', 4, 280, 'f32', 400, 'f64'],
  ['srow_y', 4, 296, 'f32', 432, 'f64'],
  ['srow_z', 4, 312, 'f32', 464, 'f64'],
  ['intent_name', 16, 328, 'text', 508, 'text'],
]

const WIDTH: Record<Kind, number> = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8, text: 1 }

/** Every header field under its NIfTI name; arrays for dim, pixdim and srow_*. */
function readHeader(bytes: Uint8Array, version: 1 | 2, le: boolean): Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, version === 1 ? 348 : 540)
  const read = (kind: Kind, at: number): number => {
    if (kind === 'u8') return view.getUint8(at)
    if (kind === 'i16') return view.getInt16(at, le)
    if (kind === 'i32') return view.getInt32(at, le)
    // 64-bit integers: exact up to 2^53, which covers any size a browser can hold.
    if (kind === 'i64') return Number(view.getBigInt64(at, le))
    return kind === 'f32' ? view.getFloat32(at, le) : view.getFloat64(at, le)
  }
  const header: Header = {}
  for (const [name, count, offset1, kind1, offset2, kind2] of FIELDS) {
    const offset = version === 1 ? offset1 : offset2
    const kind = version === 1 ? kind1 : kind2
    if (kind === 'text') header[name] = readAscii(bytes, offset, count)
    else if (count === 1) header[name] = read(kind, offset)
    else header[name] = Array.from({ length: count }, (_, i) => read(kind, offset + i * WIDTH[kind]))
  }
  return header
}

/**
 * The voxel-to-world matrix as the NIfTI-1 spec orders the methods: sform when sform_code > 0,
 * else the quaternion qform when qform_code > 0, else scaling by pixdim alone.
 */
function affineOf(h: Header): Pick<NiftiData, 'affine' | 'affineSource'> {
  const pixdim = h.pixdim as number[]
  if ((h.sform_code as number) > 0) {
    const rows = [h.srow_x, h.srow_y, h.srow_z] as number[][]
    return { affine: [...rows.map((r) => [...r]), [0, 0, 0, 1]], affineSource: 'sform' }
  }
  if ((h.qform_code as number) > 0) {
    const b = h.quatern_b as number
    const c = h.quatern_c as number
    const d = h.quatern_d as number
    // As the NIfTI-1 header comment (and nibabel) compute it; rounding can push the sum just past 1.
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)))
    const qfac = pixdim[0] < 0 ? -1 : 1
    const dx = pixdim[1] > 0 ? pixdim[1] : 1
    const dy = pixdim[2] > 0 ? pixdim[2] : 1
    const dz = (pixdim[3] > 0 ? pixdim[3] : 1) * qfac
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - b * b - c * c],
    ]
    const offset = [h.qoffset_x, h.qoffset_y, h.qoffset_z] as number[]
    return {
      affine: [...r.map((row, i) => [row[0] * dx, row[1] * dy, row[2] * dz, offset[i]]), [0, 0, 0, 1]],
      affineSource: 'qform',
    }
  }
  return {
    affine: [
      [pixdim[1], 0, 0, 0],
      [0, pixdim[2], 0, 0],
      [0, 0, pixdim[3], 0],
      [0, 0, 0, 1],
    ],
    affineSource: 'pixdim',
  }
}
