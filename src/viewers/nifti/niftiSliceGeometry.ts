import { ValidationError } from '../../api/errors.js'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import { niftiOrientation } from './niftiOrientation.js'

export type NiftiPlane = 'axial' | 'coronal' | 'sagittal'

/** Screen-side anatomical labels of a slice, e.g. `{ top: 'A', bottom: 'P', left: 'R', right: 'L' }`. */
export interface NiftiSliceLabels {
  top: string
  bottom: string
  left: string
  right: string
}

/** Size and layout of the slices of one plane. */
export interface NiftiSliceGeometry {
  plane: NiftiPlane
  /** Pixels per row of the slice. */
  width: number
  /** Rows of the slice. */
  height: number
  /** Number of slices in this plane; `index` runs 0..count-1 from Inferior, Posterior or Left. */
  count: number
  /** Number of volumes (4th dimension). */
  volumes: number
  /** Voxel size (mm, from pixDims) along a row and down a column: draw pixels `pixelWidth:pixelHeight`. */
  pixelWidth: number
  pixelHeight: number
  labels: NiftiSliceLabels
  /** Voxel offset of slice `index`'s top-left pixel in volume 0: `start + index * sliceStride`. */
  start: number
  sliceStride: number
  /** Voxel offset step to the next pixel in a row, and to the next row (may be negative). */
  colStride: number
  rowStride: number
}

const POSITIVE = ['R', 'A', 'S']
const NEGATIVE = ['L', 'P', 'I']

// For each plane: the fixed patient axis, the axis across the screen and the axis down the screen, with the
// direction (+1 = towards R/A/S) in which the screen coordinate grows. Radiological convention: patient's right
// on screen left in axial and coronal; anterior on screen left in sagittal; anterior (axial) or superior up.
const LAYOUT: Record<NiftiPlane, { fixed: number; across: number; down: number }> = {
  axial: { fixed: 2, across: 0, down: 1 },
  coronal: { fixed: 1, across: 0, down: 2 },
  sagittal: { fixed: 0, across: 1, down: 2 },
}

/** The largest ratio of two voxel sizes drawn as such (1000:1; beyond that the header is not believed). */
const MAX_ASPECT = 1000

/**
 * Geometry of the `plane` slices of a NIfTI volume in patient space (RAS, from its affine), radiological
 * convention: axial slices have anterior up and the patient's right on the left; coronal slices superior up and
 * right on the left; sagittal slices superior up and anterior on the left. Slice indices count from the
 * inferior (axial), posterior (coronal) or left (sagittal) end.
 *
 * @example
 * const g = niftiSliceGeometry(nifti, 'coronal')
 * canvas.width = g.width; canvas.height = g.height
 * canvas.style.aspectRatio = `${g.width * g.pixelWidth} / ${g.height * g.pixelHeight}`
 */
export function niftiSliceGeometry(nifti: NiftiData, plane: NiftiPlane): NiftiSliceGeometry {
  const layout = LAYOUT[plane]
  if (!layout) {
    throw new ValidationError(
      `niftiSlice: plane must be 'axial', 'coronal' or 'sagittal', got ${String(plane)}`,
      {
        field: 'plane',
      },
    )
  }
  const { voxelAxis, sign } = niftiOrientation(nifti.affine)
  const [nx, ny, nz, nt] = nifti.dims
  const size = [nx, ny, nz]
  const stride = [1, nx, nx * ny]
  // Screen coordinates grow towards -R/-A/-S on every screen axis we use (left→right runs R→L or A→P,
  // top→bottom runs A→P or S→I), so a voxel axis pointing to +patient runs backwards on screen.
  const screenAxis = (p: number) => {
    const v = voxelAxis[p]
    const forward = sign[p] < 0
    return {
      n: size[v],
      step: forward ? stride[v] : -stride[v],
      first: forward ? 0 : (size[v] - 1) * stride[v],
      spacing: Math.abs(nifti.pixDims[v]) || 1,
    }
  }
  const across = screenAxis(layout.across)
  const down = screenAxis(layout.down)
  // A forged header (Infinity, or 1e30 beside 1e-30) would draw the slice 0 px high: voxel sizes that are not
  // finite, or further apart than any scanner makes them, are ignored and the pixels drawn square.
  const aspect = across.spacing / down.spacing
  const square = !(Number.isFinite(aspect) && aspect > 0 && aspect <= MAX_ASPECT && aspect >= 1 / MAX_ASPECT)
  // Slice index grows towards +patient (from I, P or L), so a voxel axis pointing to -patient runs backwards.
  const fv = voxelAxis[layout.fixed]
  const fixedForward = sign[layout.fixed] > 0
  return {
    plane,
    width: across.n,
    height: down.n,
    count: size[fv],
    volumes: Math.max(1, nt),
    pixelWidth: square ? 1 : across.spacing,
    pixelHeight: square ? 1 : down.spacing,
    labels: {
      left: POSITIVE[layout.across],
      right: NEGATIVE[layout.across],
      top: POSITIVE[layout.down],
      bottom: NEGATIVE[layout.down],
    },
    start: across.first + down.first + (fixedForward ? 0 : (size[fv] - 1) * stride[fv]),
    sliceStride: fixedForward ? stride[fv] : -stride[fv],
    colStride: across.step,
    rowStride: down.step,
  }
}

/** Voxel offset of the top-left pixel of slice `index` of volume `volume`, after checking both are in range. */
export function niftiSliceOffset(
  nifti: NiftiData,
  geometry: NiftiSliceGeometry,
  index: number,
  volume: number,
): number {
  if (!Number.isInteger(index) || index < 0 || index >= geometry.count) {
    throw new ValidationError(
      `niftiSlice: ${geometry.plane} index ${index} is out of range; use an integer from 0 to ${geometry.count - 1}`,
      { field: 'index' },
    )
  }
  if (!Number.isInteger(volume) || volume < 0 || volume >= geometry.volumes) {
    throw new ValidationError(
      `niftiSlice: volume ${volume} is out of range; use an integer from 0 to ${geometry.volumes - 1}`,
      { field: 'volume' },
    )
  }
  const [nx, ny, nz] = nifti.dims
  return volume * nx * ny * nz + geometry.start + index * geometry.sliceStride
}
