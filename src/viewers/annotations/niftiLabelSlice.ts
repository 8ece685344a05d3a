import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { NiftiSliceGeometry } from '../nifti/niftiSliceGeometry.js'
import { labelValue } from './labelVolumeLabels.js'

type Vec3 = [number, number, number]

/** Voxel (i, j, k) of `data` at a voxel offset within volume 0. */
function voxelOf(data: NiftiData, offset: number): Vec3 {
  const [nx, ny] = data.dims
  return [offset % nx, Math.floor(offset / nx) % ny, Math.floor(offset / (nx * ny))]
}

/** Inverse of a row-major 4×4 affine (rotation/scale/shear + translation). */
export function invertAffine(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
  if (!det || !Number.isFinite(det)) throw new Error('The label volume has a singular affine')
  const r = [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ]
  const t = [m[0][3], m[1][3], m[2][3]]
  return [
    [...r[0], -(r[0][0] * t[0] + r[0][1] * t[1] + r[0][2] * t[2])],
    [...r[1], -(r[1][0] * t[0] + r[1][1] * t[1] + r[1][2] * t[2])],
    [...r[2], -(r[2][0] * t[0] + r[2][1] * t[1] + r[2][2] * t[2])],
    [0, 0, 0, 1],
  ]
}

function apply(m: number[][], [x, y, z]: Vec3): Vec3 {
  return [
    m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3],
    m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3],
    m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3],
  ]
}

/**
 * A label volume resampled into one displayed slice of `image`, in patient space: each screen pixel's voxel
 * centre goes through the image's affine to patient coordinates (RAS mm), then through the inverse of the
 * label volume's affine to the nearest label voxel. Returns the label value per screen pixel (0 outside the
 * label volume), `g.width × g.height`, row-major — so a mask on a different grid still lands where it belongs.
 *
 * @example
 * const labels = niftiLabelSlice(anatomy, niftiSliceGeometry(anatomy, 'coronal'), 20, segmentation)
 */
export function niftiLabelSlice(
  image: NiftiData,
  g: NiftiSliceGeometry,
  index: number,
  labels: NiftiData,
): Uint8Array {
  const toLabel = (ijk: Vec3) => apply(invertAffine(labels.affine), apply(image.affine, ijk))
  const first = g.start + index * g.sliceStride
  // Screen axes map to voxel axes linearly: the label position of pixel (x, y) is p0 + x·dx + y·dy.
  const p0 = toLabel(voxelOf(image, first))
  const px = toLabel(voxelOf(image, first + g.colStride))
  const py = toLabel(voxelOf(image, first + g.rowStride))
  const dx = [px[0] - p0[0], px[1] - p0[1], px[2] - p0[2]]
  const dy = [py[0] - p0[0], py[1] - p0[1], py[2] - p0[2]]
  const [lx, ly, lz] = labels.dims
  const voxels = labels.voxels
  const out = new Uint8Array(g.width * g.height)
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const i = Math.round(p0[0] + x * dx[0] + y * dy[0])
      const j = Math.round(p0[1] + x * dx[1] + y * dy[1])
      const k = Math.round(p0[2] + x * dx[2] + y * dy[2])
      if (i < 0 || j < 0 || k < 0 || i >= lx || j >= ly || k >= lz) continue
      out[y * g.width + x] = labelValue(Number(voxels[i + lx * (j + ly * k)]))
    }
  }
  return out
}
