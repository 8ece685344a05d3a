import { ValidationError } from '../../api/errors.js'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import { type NiftiPlane, niftiSliceGeometry, niftiSliceOffset } from './niftiSliceGeometry.js'

/**
 * One slice of an rgb24 NIfTI volume as interleaved RGB bytes (`width × height × 3`), in the same orientation
 * as {@link niftiSlice}.
 *
 * @throws ValidationError when the volume is not rgb24, or `plane`, `index` or `volume` is out of range.
 */
export function niftiSliceRgb(nifti: NiftiData, plane: NiftiPlane, index: number, volume = 0): Uint8Array {
  if (nifti.datatype !== 'rgb24') {
    throw new ValidationError(
      `niftiSliceRgb: the volume is ${nifti.datatype}, not rgb24; use niftiSlice for its values`,
      { field: 'datatype' },
    )
  }
  const g = niftiSliceGeometry(nifti, plane)
  const src = nifti.voxels as Uint8Array
  const out = new Uint8Array(g.width * g.height * 3)
  const cs = g.colStride * 3
  const rs = g.rowStride * 3
  let o = 0
  let row = niftiSliceOffset(nifti, g, index, volume) * 3
  for (let y = 0; y < g.height; y++, row += rs) {
    for (let x = 0, p = row; x < g.width; x++, p += cs) {
      out[o++] = src[p]
      out[o++] = src[p + 1]
      out[o++] = src[p + 2]
    }
  }
  return out
}
