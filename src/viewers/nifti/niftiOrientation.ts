/** Patient axes in RAS+ order: 0 = Right, 1 = Anterior, 2 = Superior. */
export type PatientAxis = 0 | 1 | 2

/**
 * Which voxel axis runs along each patient axis, and in which direction.
 * `voxelAxis[p]` is the voxel axis (0 = i, 1 = j, 2 = k) closest to patient axis `p` (R, A, S);
 * `sign[p]` is `1` when increasing that voxel index moves towards +R/+A/+S, else `-1`.
 */
export interface NiftiOrientation {
  voxelAxis: [number, number, number]
  sign: [1 | -1, 1 | -1, 1 | -1]
}

/**
 * Closest voxel axis for each RAS patient axis from a voxel-to-patient affine (row-major 4×4),
 * the same answer as nibabel's `io_orientation` for any non-degenerate matrix: columns are normalised
 * (so voxel size does not weigh), then the largest remaining |cosine| is assigned first, greedily,
 * so each voxel axis is used once even for oblique acquisitions.
 *
 * @example
 * niftiOrientation(nifti.affine) // LAS volume → { voxelAxis: [0, 1, 2], sign: [-1, 1, 1] }
 */
export function niftiOrientation(affine: readonly (readonly number[])[]): NiftiOrientation {
  const cos: number[][] = [[], [], []] // cos[p][v]
  for (let v = 0; v < 3; v++) {
    const norm = Math.hypot(affine[0][v], affine[1][v], affine[2][v]) || 1
    for (let p = 0; p < 3; p++) cos[p][v] = affine[p][v] / norm
  }
  const voxelAxis: [number, number, number] = [-1, -1, -1]
  const sign: [1 | -1, 1 | -1, 1 | -1] = [1, 1, 1]
  const usedVoxel = [false, false, false]
  for (let step = 0; step < 3; step++) {
    let best = -1
    let bestP = -1
    let bestV = -1
    for (let p = 0; p < 3; p++) {
      if (voxelAxis[p] !== -1) continue
      for (let v = 0; v < 3; v++) {
        if (usedVoxel[v]) continue
        const a = Math.abs(cos[p][v]) || 0 // NaN (broken header) counts as unaligned
        if (a > best) {
          best = a
          bestP = p
          bestV = v
        }
      }
    }
    voxelAxis[bestP] = bestV
    usedVoxel[bestV] = true
    sign[bestP] = cos[bestP][bestV] < 0 ? -1 : 1
  }
  return { voxelAxis, sign }
}
