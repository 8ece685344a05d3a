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
  const header =
    signature.version === 1
      ? readHeader1(bytes, signature.littleEndian)
      : readHeader2(bytes, signature.littleEndian)

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
  if (swap) {
    for (let i = 0; i < copy.length; i += width) {
      for (let a = i, b = i + width - 1; a < b; a++, b--) {
        const t = copy[a]
        copy[a] = copy[b]
        copy[b] = t
      }
    }
  }
  return new TypedArray(copy.buffer, 0, elements)
}

type Header = Record<string, unknown>

function readHeader1(bytes: Uint8Array, le: boolean): Header {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 348)
  const i16 = (o: number) => v.getInt16(o, le)
  const i32 = (o: number) => v.getInt32(o, le)
  const f32 = (o: number) => v.getFloat32(o, le)
  const list = (o: number, n: number, read: (o: number) => number, step: number) =>
    Array.from({ length: n }, (_, i) => read(o + i * step))
  return {
    sizeof_hdr: i32(0),
    dim_info: bytes[39],
    dim: list(40, 8, i16, 2),
    intent_p1: f32(56),
    intent_p2: f32(60),
    intent_p3: f32(64),
    intent_code: i16(68),
    datatype: i16(70),
    bitpix: i16(72),
    slice_start: i16(74),
    pixdim: list(76, 8, f32, 4),
    vox_offset: f32(108),
    scl_slope: f32(112),
    scl_inter: f32(116),
    slice_end: i16(120),
    slice_code: bytes[122],
    xyzt_units: bytes[123],
    cal_max: f32(124),
    cal_min: f32(128),
    slice_duration: f32(132),
    toffset: f32(136),
    descrip: readAscii(bytes, 148, 80),
    aux_file: readAscii(bytes, 228, 24),
    qform_code: i16(252),
    sform_code: i16(254),
    quatern_b: f32(256),
    quatern_c: f32(260),
    quatern_d: f32(264),
    qoffset_x: f32(268),
    qoffset_y: f32(272),
    qoffset_z: f32(276),
    srow_x: list(280, 4, f32, 4),
    srow_y: list(296, 4, f32, 4),
    srow_z: list(312, 4, f32, 4),
    intent_name: readAscii(bytes, 328, 16),
    magic: readAscii(bytes, 344, 4),
  }
}

function readHeader2(bytes: Uint8Array, le: boolean): Header {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 540)
  const i16 = (o: number) => v.getInt16(o, le)
  const i32 = (o: number) => v.getInt32(o, le)
  // 64-bit integers: exact up to 2^53, which covers any size a browser can hold.
  const i64 = (o: number) => Number(v.getBigInt64(o, le))
  const f64 = (o: number) => v.getFloat64(o, le)
  const list = (o: number, n: number, read: (o: number) => number) =>
    Array.from({ length: n }, (_, i) => read(o + i * 8))
  return {
    sizeof_hdr: i32(0),
    magic: readAscii(bytes, 4, 4),
    datatype: i16(12),
    bitpix: i16(14),
    dim: list(16, 8, i64),
    intent_p1: f64(80),
    intent_p2: f64(88),
    intent_p3: f64(96),
    pixdim: list(104, 8, f64),
    vox_offset: i64(168),
    scl_slope: f64(176),
    scl_inter: f64(184),
    cal_max: f64(192),
    cal_min: f64(200),
    slice_duration: f64(208),
    toffset: f64(216),
    slice_start: i64(224),
    slice_end: i64(232),
    descrip: readAscii(bytes, 240, 80),
    aux_file: readAscii(bytes, 320, 24),
    qform_code: i32(344),
    sform_code: i32(348),
    quatern_b: f64(352),
    quatern_c: f64(360),
    quatern_d: f64(368),
    qoffset_x: f64(376),
    qoffset_y: f64(384),
    qoffset_z: f64(392),
    srow_x: list(400, 4, f64),
    srow_y: list(432, 4, f64),
    srow_z: list(464, 4, f64),
    slice_code: i32(496),
    xyzt_units: i32(500),
    intent_code: i32(504),
    intent_name: readAscii(bytes, 508, 16),
    dim_info: bytes[524],
  }
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
