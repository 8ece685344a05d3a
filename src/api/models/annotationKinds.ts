import type { Annotation } from './Annotation.js'

/** A point in patient (mm) or pixel coordinates: `[x, y, z]` (pixel: z is the frame index). */
export type GeometryPoint = [number, number, number]

/** Geometry shared by the typed kinds (the SDK's `Geometry`); fields this type does not name are kept. */
export interface GeometryBase {
  /** Unit normal of the slice the shape was drawn on (patient coordinates). */
  viewPlaneNormal?: GeometryPoint
  /** Unit "up" direction of that view. */
  viewUp?: GeometryPoint
  [field: string]: unknown
}

/** `line`: two points. */
export interface LineGeometry extends GeometryBase {
  points: [GeometryPoint, GeometryPoint]
}

/** `square`: the four corners, top-left, top-right, bottom-left, bottom-right. */
export interface BoxGeometry extends GeometryBase {
  points: [GeometryPoint, GeometryPoint, GeometryPoint, GeometryPoint]
}

/** A line measurement (`annotation_type: 'line'`). */
export interface LineAnnotation extends Annotation {
  annotation_type: 'line'
  geometry: LineGeometry
}

/** A box (`annotation_type: 'square'`). */
export interface BoxAnnotation extends Annotation {
  annotation_type: 'square'
  geometry: BoxGeometry
}

/** A whole-image category (`annotation_type: 'category'`), its value in `text_value`. */
export interface ImageClassification extends Annotation {
  annotation_type: 'category'
  text_value: string | null
}

/** A number (`integer` or `float`), e.g. a measurement, with optional `units`. */
export interface NumericAnnotation extends Annotation {
  annotation_type: 'integer' | 'float'
  numeric_value: number | null
}

/** A 2-D segmentation of one frame (`segmentation` without `class_map`); the mask is its file. */
export interface ImageSegmentation extends Annotation {
  annotation_type: 'segmentation'
}

/** A 3-D segmentation (`segmentation` with `class_map`: label value → name); the NIfTI is its file. */
export interface VolumeSegmentation extends Annotation {
  annotation_type: 'segmentation'
  class_map: Record<string, string>
}

/** The typed kinds, as the SDK's `annotation_from_dict` tells them apart. */
export type AnnotationKind =
  | 'line'
  | 'box'
  | 'classification'
  | 'numeric'
  | 'image-segmentation'
  | 'volume-segmentation'
  | 'other'

const isPoint = (p: unknown): p is GeometryPoint =>
  Array.isArray(p) &&
  (p.length === 3 || p.length === 2) &&
  p.every((v) => typeof v === 'number' && Number.isFinite(v))

function hasPoints(geometry: unknown, count: number): boolean {
  const points = (geometry as { points?: unknown } | null)?.points
  return Array.isArray(points) && points.length === count && points.every(isPoint)
}

/**
 * Which typed kind an annotation is (the SDK's dispatch: `segmentation` with a `class_map` is a volume,
 * `category`, `integer`/`float`, `line`, `square`), checking the geometry's shape for lines and boxes
 * (a malformed one is `'other'`).
 *
 * @example
 * for (const a of annotations) if (annotationKind(a) === 'line') draw((a as LineAnnotation).geometry.points)
 */
export function annotationKind(annotation: Annotation): AnnotationKind {
  switch (annotation.annotation_type) {
    case 'segmentation': {
      const map = (annotation as { class_map?: unknown }).class_map
      return map !== null && typeof map === 'object' ? 'volume-segmentation' : 'image-segmentation'
    }
    case 'category':
      return 'classification'
    case 'integer':
    case 'float':
      return 'numeric'
    case 'line':
      return hasPoints(annotation.geometry, 2) ? 'line' : 'other'
    case 'square':
      return hasPoints(annotation.geometry, 4) ? 'box' : 'other'
    default:
      return 'other'
  }
}

/** Narrows to {@link LineAnnotation} (two valid points). */
export const isLineAnnotation = (a: Annotation): a is LineAnnotation => annotationKind(a) === 'line'
/** Narrows to {@link BoxAnnotation} (four valid corners). */
export const isBoxAnnotation = (a: Annotation): a is BoxAnnotation => annotationKind(a) === 'box'
/** Narrows to {@link ImageClassification}. */
export const isImageClassification = (a: Annotation): a is ImageClassification =>
  annotationKind(a) === 'classification'
/** Narrows to {@link NumericAnnotation}. */
export const isNumericAnnotation = (a: Annotation): a is NumericAnnotation => annotationKind(a) === 'numeric'
/** Narrows to {@link VolumeSegmentation}. */
export const isVolumeSegmentation = (a: Annotation): a is VolumeSegmentation =>
  annotationKind(a) === 'volume-segmentation'
/** Narrows to {@link ImageSegmentation}. */
export const isImageSegmentation = (a: Annotation): a is ImageSegmentation =>
  annotationKind(a) === 'image-segmentation'
