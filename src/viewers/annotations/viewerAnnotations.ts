import type { Annotation } from '../../api/models/Annotation.js'

/**
 * An annotation entity as the viewers take it: the API's {@link Annotation}, with its downloaded file
 * (`api.annotations.downloadFile`) when it has one — a PNG mask per frame for DICOM segmentations, a NIfTI
 * label volume for NIfTI ones.
 */
export type ViewerAnnotation = Annotation & { fileBytes?: Uint8Array }

/** A geometric mark in image pixel coordinates (x right, y down; pixel (0,0)'s centre is (0.5, 0.5)). */
export interface AnnotationShape {
  kind: 'box' | 'line' | 'point' | 'polyline'
  /** Box: [left, top], [right, bottom] as pixel edges; others: the points' centres. */
  points: [number, number][]
}

const BOX_TYPES = new Set(['square', 'box', 'rectangle', 'bbox', 'bounding_box'])
const LINE_TYPES = new Set(['line', 'ruler', 'arrow'])
const POINT_TYPES = new Set(['point', 'landmark'])
const POLY_TYPES = new Set(['polyline', 'polygon', 'freehand', 'contour'])
const CHIP_TYPES = new Set(['label', 'category', 'classification', 'numeric', 'tag'])

/** The kind of overlay an annotation draws as: a mask, a shape, a chip (classification), or nothing. */
export function annotationKind(a: Annotation): 'mask' | 'shape' | 'chip' | undefined {
  const type = String(a.annotation_type ?? '').toLowerCase()
  if (type === 'segmentation' || type === 'mask') return 'mask'
  if (BOX_TYPES.has(type) || LINE_TYPES.has(type) || POINT_TYPES.has(type) || POLY_TYPES.has(type))
    return 'shape'
  if (CHIP_TYPES.has(type)) return 'chip'
  return undefined
}

/** True when the annotation belongs on `frame` (whole-image annotations belong on every frame). */
export function onFrame(a: Annotation, frame: number): boolean {
  const index = a.frame_index
  return index === null || index === undefined || a.scope === 'image' || index === frame
}

/**
 * The annotation's geometry as a shape, read tolerantly: `{ points: [[x, y, z?], …] }`, `[{ x, y }, …]`, a
 * bare array of points, or `{ x, y, width, height }` for boxes. Undefined when nothing usable is there.
 */
export function annotationShape(a: Annotation): AnnotationShape | undefined {
  const type = String(a.annotation_type ?? '').toLowerCase()
  const g = a.geometry as Record<string, unknown> | unknown[] | null | undefined
  if (g && !Array.isArray(g) && typeof g === 'object' && BOX_TYPES.has(type)) {
    const { x, y, width, height } = g as Record<string, unknown>
    if ([x, y, width, height].every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const [l, t, w, h] = [x, y, width, height] as number[]
      return {
        kind: 'box',
        points: [
          [l, t],
          [l + w, t + h],
        ],
      }
    }
  }
  const raw = Array.isArray(g)
    ? g
    : g && typeof g === 'object'
      ? (g as Record<string, unknown>).points
      : undefined
  if (!Array.isArray(raw)) return undefined
  const points: [number, number][] = []
  for (const p of raw) {
    const xy = Array.isArray(p)
      ? p
      : p && typeof p === 'object'
        ? [(p as { x?: unknown }).x, (p as { y?: unknown }).y]
        : []
    if (
      typeof xy[0] === 'number' &&
      typeof xy[1] === 'number' &&
      Number.isFinite(xy[0]) &&
      Number.isFinite(xy[1])
    ) {
      points.push([xy[0], xy[1]])
    }
  }
  if (points.length === 0) return undefined
  if (BOX_TYPES.has(type)) {
    // Corners name pixels (inclusive): the box covers from the first pixel's left/top edge to the last's right/bottom.
    const xs = points.map((p) => p[0])
    const ys = points.map((p) => p[1])
    return {
      kind: 'box',
      points: [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs) + 1, Math.max(...ys) + 1],
      ],
    }
  }
  const centres = points.map(([x, y]) => [x + 0.5, y + 0.5] as [number, number])
  if (LINE_TYPES.has(type))
    return centres.length >= 2 ? { kind: 'line', points: centres.slice(0, 2) } : undefined
  if (POINT_TYPES.has(type)) return { kind: 'point', points: centres.slice(0, 1) }
  return { kind: 'polyline', points: centres }
}

/** The text of a classification chip, e.g. "finding: nodule" or "ventricle width: 12.5 mm". */
export function chipText(a: Annotation): string {
  if (a.text_value) return `${a.identifier}: ${a.text_value}`
  if (typeof a.numeric_value === 'number')
    return `${a.identifier}: ${a.numeric_value}${a.units ? ` ${a.units}` : ''}`
  return a.identifier
}

// Distinct, saturated colours readable on grey images (Okabe–Ito and Tableau hues).
const PALETTE: [number, number, number][] = [
  [230, 25, 75],
  [60, 180, 75],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [255, 225, 25],
  [0, 128, 128],
]

/** Colour of each label (identifier), in order of first appearance: stable for a given annotation list. */
export function labelColours(labels: readonly string[]): Map<string, [number, number, number]> {
  const out = new Map<string, [number, number, number]>()
  for (const label of labels) if (!out.has(label)) out.set(label, PALETTE[out.size % PALETTE.length])
  return out
}

/** `rgb(r g b)` / `rgb(r g b / a)` for CSS and canvas. */
export function cssColour([r, g, b]: readonly number[], alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`
}

/** The bytes of an annotation's downloaded file, if it came with one. */
export function annotationBytes(a: ViewerAnnotation): Uint8Array | undefined {
  return a.fileBytes instanceof Uint8Array ? a.fileBytes : undefined
}
