import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { Annotation } from '../../api/models/Annotation.js'

/** One label value of a segmentation label volume and the name the legend shows for it. */
export interface LabelVolumeLabel {
  /** The voxel value (1–255; larger values are drawn as 255). */
  value: number
  /** From the annotation's `segmentation_map`; else the annotation's name when it is the only value; else `Label N`. */
  name: string
}

/** A label volume's voxel value as drawn: 0 (none) or an integer label 1–255. */
export function labelValue(v: number): number {
  return v > 0 ? Math.min(255, Math.round(v)) : 0
}

const valuesOf = new WeakMap<NiftiData, number[]>()

/** The label values present in volume 0 of a label volume, ascending (scanned once per volume). */
function presentValues(volume: NiftiData): number[] {
  const cached = valuesOf.get(volume)
  if (cached) return cached
  const [nx, ny, nz] = volume.dims
  const seen = new Uint8Array(256)
  const voxels = volume.voxels
  const n = Math.min(voxels.length, nx * ny * nz)
  for (let i = 0; i < n; i++) seen[labelValue(Number(voxels[i]))] = 1
  const values: number[] = []
  for (let v = 1; v < 256; v++) if (seen[v]) values.push(v)
  valuesOf.set(volume, values)
  return values
}

/**
 * The value → name map an annotation carries: `segmentation_map` (what the Python SDK's
 * `upload_segmentations(name={1: 'tumor', 2: 'edema'})` sends), on the entity or in its geometry.
 */
function segmentationMap(a: Annotation): Map<number, string> {
  const geometry = a.geometry as Record<string, unknown> | null | undefined
  let raw = (a as unknown as Record<string, unknown>).segmentation_map ?? geometry?.segmentation_map
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw)
    } catch {
      raw = undefined
    }
  }
  const out = new Map<number, string>()
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, name] of Object.entries(raw)) {
      const value = Number(key)
      if (Number.isInteger(value) && value > 0 && typeof name === 'string' && name) out.set(value, name)
    }
  }
  return out
}

/**
 * The labels of a segmentation annotation's label volume, one per voxel value present, each with the legend
 * name it is shown and toggled under.
 *
 * @example
 * labelVolumeLabels({ ...seg, segmentation_map: { 1: 'Liver', 2: 'Spleen' } }, volume)
 * // [{ value: 1, name: 'Liver' }, { value: 2, name: 'Spleen' }]
 */
export function labelVolumeLabels(a: Annotation, volume: NiftiData): LabelVolumeLabel[] {
  const values = presentValues(volume)
  const names = segmentationMap(a)
  return values.map((value) => ({
    value,
    name: names.get(value) ?? (values.length === 1 ? a.identifier : `Label ${value}`),
  }))
}
