import { badArgument } from '../errors.js'

/** A 3-D label volume: `dims[0] × dims[1] × dims[2]` voxels, x fastest (NIfTI order), integer labels. */
export interface LabelVolume {
  dims: readonly [number, number, number]
  data: Uint8Array | Uint16Array | Int16Array | Int32Array
  /** Voxel → patient (RAS) 4×4 matrix, row-major; default the identity (as the SDK's `np.eye(4)`). */
  affine?: readonly number[]
  /** Voxel size in mm. Default 1, 1, 1 (or the column norms of `affine`). */
  spacing?: readonly [number, number, number]
}

// NIfTI-1 datatype codes and sizes of the label types accepted.
const DATATYPES = new Map<string, [code: number, bits: number]>([
  ['Uint8Array', [2, 8]],
  ['Int16Array', [4, 16]],
  ['Int32Array', [8, 32]],
  ['Uint16Array', [512, 16]],
])

/**
 * Encodes a label volume as a single-file NIfTI-1 (`.nii`, little endian, header + 4 bytes + voxels), as the
 * SDK does for an array passed to `upload_volume_segmentation`. Every field set is one the NIfTI-1 header
 * defines (sizeof_hdr, dim, datatype, bitpix, pixdim, vox_offset, scl_slope, sform with the affine, magic).
 */
export function encodeLabelVolume(volume: LabelVolume): Uint8Array {
  const { dims, data } = volume
  if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d >= 1 && d <= 32767)) {
    throw badArgument(
      `Label volume: dims must be three whole numbers in 1..32767, got [${dims.join(', ')}].`,
      'dims',
    )
  }
  const type = DATATYPES.get(data?.constructor?.name)
  if (!type)
    throw badArgument(
      'Label volume: data must be a Uint8Array, Uint16Array, Int16Array or Int32Array.',
      'data',
    )
  if (data.length !== dims[0] * dims[1] * dims[2]) {
    throw badArgument(
      `Label volume: ${dims.join('×')} needs ${dims[0] * dims[1] * dims[2]} voxels, got ${data.length}.`,
      'data',
    )
  }
  const affine = volume.affine ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
  if (affine.length !== 16 || !affine.every(Number.isFinite))
    throw badArgument('Label volume: affine must be 16 finite numbers.', 'affine')
  const spacing =
    volume.spacing ??
    ([0, 1, 2].map((c) => Math.hypot(affine[c], affine[4 + c], affine[8 + c]) || 1) as [
      number,
      number,
      number,
    ])
  const out = new Uint8Array(352 + data.byteLength)
  const view = new DataView(out.buffer)
  view.setInt32(0, 348, true) // sizeof_hdr
  const dim = [3, dims[0], dims[1], dims[2], 1, 1, 1, 1]
  for (const [i, d] of dim.entries()) view.setInt16(40 + 2 * i, d, true)
  view.setInt16(70, type[0], true) // datatype
  view.setInt16(72, type[1], true) // bitpix
  const pixdim = [1, spacing[0], spacing[1], spacing[2], 1, 1, 1, 1]
  for (const [i, p] of pixdim.entries()) view.setFloat32(76 + 4 * i, p, true)
  view.setFloat32(108, 352, true) // vox_offset
  view.setFloat32(112, 1, true) // scl_slope
  view.setInt16(254, 2, true) // sform_code: aligned
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 4; c++) view.setFloat32(280 + 16 * r + 4 * c, affine[4 * r + c], true)
  out.set([0x6e, 0x2b, 0x31, 0], 344) // "n+1\0"
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 352)
  return out
}
