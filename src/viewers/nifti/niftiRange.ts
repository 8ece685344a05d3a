import type { NiftiData } from '../../api/format/ConvertedData.js'

const ranges = new WeakMap<NiftiData, { min: number; max: number }>()

/** Smallest and largest scaled value of the whole series (all volumes), computed once per NiftiData. */
export function niftiRange(nifti: NiftiData): { min: number; max: number } {
  const known = ranges.get(nifti)
  if (known) return known
  const v = nifti.voxels
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  if (nifti.datatype === 'rgb24') {
    lo = 0
    hi = 255
  } else {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]
      if (x < lo) lo = x
      if (x > hi) hi = x // NaN never compares, so float volumes with NaN gaps are fine
    }
    if (!(lo <= hi)) {
      lo = 0
      hi = 0
    }
    const a = lo * nifti.sclSlope + nifti.sclInter
    const b = hi * nifti.sclSlope + nifti.sclInter
    lo = Math.min(a, b)
    hi = Math.max(a, b)
  }
  const range = { min: lo, max: hi }
  ranges.set(nifti, range)
  return range
}
