import type { NiftiData } from '../../api/format/ConvertedData.js'
import { type NiftiPlane, niftiSliceGeometry, niftiSliceOffset } from './niftiSliceGeometry.js'

/**
 * One slice of a NIfTI volume in patient space, as real-world values (`stored * sclSlope + sclInter`), row-major,
 * `width × height` of {@link niftiSliceGeometry} (which also gives the pixel aspect from pixDims).
 *
 * Orientation comes from the affine (sform, else qform, else pixdim), so the anatomy is upright whatever the
 * storage order: radiological convention — axial: anterior up, patient's right on the left; coronal: superior
 * up, right on the left; sagittal: superior up, anterior on the left. `index` counts from the inferior (axial),
 * posterior (coronal) or left (sagittal) end; `volume` picks the 4th-dimension volume.
 * rgb24 volumes give luminance (0.299 R + 0.587 G + 0.114 B); {@link niftiSliceRgb} gives the colours.
 *
 * @throws ValidationError when `plane`, `index` or `volume` is out of range.
 * @example
 * const g = niftiSliceGeometry(nifti, 'axial')
 * const values = niftiSlice(nifti, 'axial', g.count >> 1)
 */
export function niftiSlice(nifti: NiftiData, plane: NiftiPlane, index: number, volume = 0): Float32Array {
  const g = niftiSliceGeometry(nifti, plane)
  const start = niftiSliceOffset(nifti, g, index, volume)
  const out = new Float32Array(g.width * g.height)
  if (nifti.datatype === 'rgb24') {
    luminance(nifti.voxels as Uint8Array, out, start, g.width, g.height, g.colStride, g.rowStride)
  } else {
    copyScaled(
      nifti.voxels,
      out,
      start,
      g.width,
      g.height,
      g.colStride,
      g.rowStride,
      nifti.sclSlope,
      nifti.sclInter,
    )
  }
  return out
}

type Voxels = NiftiData['voxels']

function copyScaled(
  src: Voxels,
  out: Float32Array,
  start: number,
  width: number,
  height: number,
  colStride: number,
  rowStride: number,
  slope: number,
  inter: number,
): void {
  // Walk the source along its smaller stride in the inner loop: when screen rows run across distant memory
  // (e.g. a coronal slice of permuted storage), going down columns instead keeps reads prefetchable.
  const byRow = Math.abs(colStride) <= Math.abs(rowStride)
  const outer = byRow ? height : width
  const inner = byRow ? width : height
  const outerStep = byRow ? rowStride : colStride
  const innerStep = byRow ? colStride : rowStride
  const outInner = byRow ? 1 : width
  const outOuter = byRow ? width : 1
  let line = start
  if (slope === 1 && inter === 0) {
    for (let a = 0, o0 = 0; a < outer; a++, line += outerStep, o0 += outOuter) {
      for (let b = 0, p = line, o = o0; b < inner; b++, p += innerStep, o += outInner) out[o] = src[p]
    }
    return
  }
  for (let a = 0, o0 = 0; a < outer; a++, line += outerStep, o0 += outOuter) {
    for (let b = 0, p = line, o = o0; b < inner; b++, p += innerStep, o += outInner)
      out[o] = src[p] * slope + inter
  }
}

function luminance(
  src: Uint8Array,
  out: Float32Array,
  start: number,
  width: number,
  height: number,
  colStride: number,
  rowStride: number,
): void {
  let o = 0
  let row = start * 3
  const cs = colStride * 3
  const rs = rowStride * 3
  for (let y = 0; y < height; y++, row += rs) {
    for (let x = 0, p = row; x < width; x++, p += cs) {
      out[o++] = 0.299 * src[p] + 0.587 * src[p + 1] + 0.114 * src[p + 2]
    }
  }
}
