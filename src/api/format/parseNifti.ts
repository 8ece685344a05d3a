import { FormatError } from '../errors.js'
import { readAscii } from './bytes.js'
import type { NiftiData, NiftiDatatype, NiftiVoxels } from './ConvertedData.js'
import { checkDecodedSize } from './decodedSizeLimit.js'
import { Inflater } from './Inflater.js'
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
 * Reads a NIfTI-1 or NIfTI-2 file (`.nii`, or `.nii.gz` decompressed once, no further than the header's
 * dimensions need) into its header facts and a typed array of voxels in native byte order. The voxel array
 * is a view on the file's memory when the offset is aligned and the byte order matches, a copy otherwise.
 *
 * @param gzip the decompressor already used to peek at the content during detection, if any.
 */
export function parseNifti(input: Uint8Array, mimetype: string, gzip?: Inflater): NiftiData {
  const stream = gzip ?? (input[0] === 0x1f && input[1] === 0x8b ? Inflater.gzip(input) : undefined)
  // 540 bytes cover a NIfTI-2 header; the voxels are inflated once their size is known.
  let bytes = stream ? stream.head(540) : input
  const signature = niftiSignature(bytes)
  if (!signature) {
    const what =
      bytes.length < 348 ? `only ${bytes.length} bytes, less than a 348-byte header` : 'no NIfTI-1/-2 header'
    throw new FormatError(
      `NIfTI: the content is not a NIfTI file (${what}: sizeof_hdr must be 348 or 540 with magic 'n+1' or 'n+2').`,
      { reason: 'corrupt' },
    )
  }
  if (signature.version === 2 && bytes.length < 540) {
    throw new FormatError(
      `NIfTI: truncated at byte ${bytes.length} while reading the 540-byte NIfTI-2 header.`,
      { reason: 'corrupt' },
    )
  }
  if (signature.pair) {
    throw new FormatError(
      'NIfTI: this is a header-only (.hdr) file; its voxels are in a separate .img file. Convert the pair to a single .nii.',
      { reason: 'unsupported' },
    )
  }
  const header = readHeader(bytes, signature.version, signature.littleEndian)

  const dim = header.dim as number[]
  const rank = dim[0]
  if (!(rank >= 1 && rank <= 7))
    throw new FormatError(`NIfTI: dim[0] must be between 1 and 7, found ${rank}.`, { reason: 'corrupt' })
  let count = 1
  for (let i = 1; i <= rank; i++) {
    if (!(Number.isInteger(dim[i]) && dim[i] >= 1)) {
      throw new FormatError(`NIfTI: dim[${i}] must be a positive integer, found ${dim[i]}.`, {
        reason: 'corrupt',
      })
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
      { reason: 'unsupported' },
    )
  }

  const minimumOffset = signature.version === 1 ? 352 : 544
  let voxOffset = header.vox_offset as number
  // vox_offset 0 in a single-file NIfTI is a common writer slip: the data then follows the header.
  if (voxOffset === 0) voxOffset = minimumOffset
  if (!(Number.isInteger(voxOffset) && voxOffset >= (signature.version === 1 ? 348 : 540))) {
    throw new FormatError(`NIfTI: vox_offset ${voxOffset} is not a valid byte offset after the header.`, {
      reason: 'corrupt',
    })
  }
  const elements = count * info.components
  const needed = elements * info.array.BYTES_PER_ELEMENT
  if (stream) {
    checkDecodedSize(voxOffset + needed, `NIfTI: the .nii.gz (${dims.join('x')} ${info.name})`)
    bytes = stream.head(voxOffset + needed)
  }
  const available = Math.max(0, bytes.length - voxOffset)
  // Checked before any allocation, so a forged dim cannot make us reserve gigabytes.
  if (needed > available) {
    throw new FormatError(
      `NIfTI: voxel data needs ${needed} bytes (${dims.join('x')} ${info.name}) from byte ${voxOffset} but the file has ${available}.`,
      { reason: 'corrupt' },
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

/*
 * The header structs in field order, as `name:type`: b uint8, c int8, h int16, i int32, l int64, f float32,
 * d float64, followed by a count for arrays; a bare number is ASCII text of that length. Offsets follow from
 * the order (NIfTI-1: 348 bytes, NIfTI-2: 540 bytes), and the names are the spec's (and nibabel's).
 */
const NIFTI1 =
  'sizeof_hdr:i data_type:10 db_name:18 extents:i session_error:h regular:1 dim_info:b dim:h8 intent_p1:f ' +
  'intent_p2:f intent_p3:f intent_code:h datatype:h bitpix:h slice_start:h pixdim:f8 vox_offset:f scl_slope:f ' +
  'scl_inter:f slice_end:h slice_code:b xyzt_units:b cal_max:f cal_min:f slice_duration:f toffset:f glmax:i ' +
  'glmin:i descrip:80 aux_file:24 qform_code:h sform_code:h quatern_b:f quatern_c:f quatern_d:f qoffset_x:f ' +
  'qoffset_y:f qoffset_z:f srow_x:f4 srow_y:f4 srow_z:f4 intent_name:16 magic:4'
const NIFTI2 =
  'sizeof_hdr:i magic:4 eol_check:c4 datatype:h bitpix:h dim:l8 intent_p1:d intent_p2:d intent_p3:d pixdim:d8 ' +
  'vox_offset:l scl_slope:d scl_inter:d cal_max:d cal_min:d slice_duration:d toffset:d slice_start:l ' +
  'slice_end:l descrip:80 aux_file:24 qform_code:i sform_code:i quatern_b:d quatern_c:d quatern_d:d ' +
  'qoffset_x:d qoffset_y:d qoffset_z:d srow_x:d4 srow_y:d4 srow_z:d4 slice_code:i xyzt_units:i intent_code:i ' +
  'intent_name:16 dim_info:b unused_str:15'

const WIDTH: Record<string, number> = { b: 1, c: 1, h: 2, i: 4, l: 8, f: 4, d: 8 }

/** Every header field under its NIfTI name; arrays for dim, pixdim, srow_* and eol_check. */
function readHeader(bytes: Uint8Array, version: 1 | 2, le: boolean): Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, version === 1 ? 348 : 540)
  const read = (kind: string, at: number): number =>
    kind === 'b'
      ? view.getUint8(at)
      : kind === 'c'
        ? view.getInt8(at)
        : kind === 'h'
          ? view.getInt16(at, le)
          : kind === 'i'
            ? view.getInt32(at, le)
            : // 64-bit integers: exact up to 2^53, which covers any size a browser can hold.
              kind === 'l'
              ? Number(view.getBigInt64(at, le))
              : kind === 'f'
                ? view.getFloat32(at, le)
                : view.getFloat64(at, le)
  const header: Header = {}
  let at = 0
  for (const field of (version === 1 ? NIFTI1 : NIFTI2).split(' ')) {
    const [name, type] = field.split(':')
    const width = WIDTH[type[0]]
    if (width === undefined) {
      header[name] = readAscii(bytes, at, +type)
      at += +type
      continue
    }
    const count = +type.slice(1) || 1
    const values = Array.from({ length: count }, (_, i) => read(type[0], at + i * width))
    header[name] = type.length > 1 ? values : values[0]
    at += count * width
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
