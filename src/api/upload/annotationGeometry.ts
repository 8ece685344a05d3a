import type { DataSet } from 'dicom-parser'
import { badArgument } from '../errors.js'
import type { ConvertedData } from '../format/ConvertedData.js'

export type Point3 = [number, number, number]

/** View of a 2-D slice in patient space: the slice normal and the screen's up direction (unit vectors). */
export interface ViewVectors {
  viewPlaneNormal: Point3
  viewUp: Point3
}

const sub = (a: number[], b: number[]): Point3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const cross = (a: number[], b: number[]): Point3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
function unit(v: number[]): Point3 {
  const n = Math.hypot(v[0], v[1], v[2])
  if (!(n > 0)) throw badArgument('The image geometry is degenerate (a zero direction vector).', 'metadata')
  return [v[0] / n, v[1] / n, v[2] / n]
}

function numbers(dataSet: DataSet | undefined, tag: string): number[] | undefined {
  const text = dataSet?.string(tag)
  if (!text) return undefined
  const values = text.split('\\').map(Number)
  return values.every(Number.isFinite) ? values : undefined
}

/** A DICOM frame's geometry: per-frame functional groups, then shared ones, then the top-level attributes. */
function dicomFrameGeometry(dataSet: DataSet, frame: number) {
  const group = (sequence: string, item: DataSet | undefined) => item?.elements[sequence]?.items?.[0]?.dataSet
  const perFrame = dataSet.elements.x52009230?.items?.[frame]?.dataSet
  const shared = dataSet.elements.x52009229?.items?.[0]?.dataSet
  const pick = (sequence: string, tag: string) =>
    numbers(group(sequence, perFrame), tag) ?? numbers(group(sequence, shared), tag) ?? numbers(dataSet, tag)
  return {
    position: pick('x00209113', 'x00200032'),
    orientation: pick('x00209116', 'x00200037'),
    spacing: pick('x00289110', 'x00280030'),
  }
}

function niftiPoint(affine: number[][], x: number, y: number, z: number): Point3 {
  return [0, 1, 2].map((r) => affine[r][0] * x + affine[r][1] * y + affine[r][2] * z + affine[r][3]) as Point3
}

/**
 * The view vectors of frame `frame` of a DICOM or NIfTI file, as the SDK derives them: DICOM — normal
 * = row × column direction of Image Orientation (Patient), up = the column direction; NIfTI (axial slices)
 * — right and up from the affine, normal = −(right × up) (Datamint's slice direction).
 * `undefined` for other data (plain images have no patient space).
 */
export function viewVectors(data: ConvertedData, frame = 0): ViewVectors | undefined {
  if (data.kind === 'dicom') {
    const { orientation } = dicomFrameGeometry(data.dataSet, frame)
    if (!orientation || orientation.length < 6) return undefined
    const row = orientation.slice(0, 3)
    const column = orientation.slice(3, 6)
    return { viewPlaneNormal: unit(cross(row, column)), viewUp: unit(column) }
  }
  if (data.kind === 'nifti') {
    const origin = niftiPoint(data.affine, 0, 0, 0)
    const right = sub(niftiPoint(data.affine, 1, 0, 0), origin)
    const up = sub(niftiPoint(data.affine, 0, 1, 0), origin)
    const normal = unit(cross(right, up))
    return { viewPlaneNormal: [-normal[0], -normal[1], -normal[2]], viewUp: unit(up) }
  }
  return undefined
}

/**
 * A pixel position (`x` column, `y` row) of frame `frame` in patient coordinates (mm): DICOM — Image
 * Position + x·column spacing along the row direction + y·row spacing along the column direction; NIfTI —
 * the affine applied to (x, y, frame), x and y negated as the SDK does (RAS → Datamint's LPS).
 */
export function pixelToPatient(data: ConvertedData, x: number, y: number, frame = 0): Point3 {
  if (data.kind === 'dicom') {
    const { position, orientation, spacing } = dicomFrameGeometry(data.dataSet, frame)
    if (!position || !orientation || orientation.length < 6 || !spacing || spacing.length < 2) {
      throw badArgument(
        'This DICOM file has no Image Position / Orientation / Pixel Spacing for that frame; pass pixel coordinates.',
        'coordsSystem',
      )
    }
    const [rowSpacing, columnSpacing] = spacing
    return [0, 1, 2].map(
      (i) => position[i] + x * columnSpacing * orientation[i] + y * rowSpacing * orientation[3 + i],
    ) as Point3
  }
  if (data.kind === 'nifti') {
    const p = niftiPoint(data.affine, x, y, frame)
    return [-p[0], -p[1], p[2]]
  }
  throw badArgument(`Patient coordinates need a DICOM or NIfTI resource, not ${data.kind}.`, 'coordsSystem')
}
