'use client'
import { useEffect, useRef } from 'react'
import type { DicomViewportController } from '../dicom/DicomViewportController.js'
import { AnnotationLegend } from './AnnotationLegend.js'
import type { DecodedMask } from './decodeMask.js'
import { type AnnotationDrawItem, drawAnnotations } from './drawAnnotations.js'
import { useAnnotationDisplay } from './useAnnotationDisplay.js'
import { useDecodedMasks } from './useDecodedMasks.js'
import {
  annotationKind,
  annotationShape,
  chipText,
  onFrame,
  type ViewerAnnotation,
} from './viewerAnnotations.js'

/**
 * A DicomViewer's annotations on `frame`: segmentation masks (a PNG per frame), boxes, lines and points from
 * their geometry, drawn on a canvas over cornerstone's with the same transform after every draw; a legend
 * with per-label toggles and opacity; classification chips.
 */
export function DicomAnnotationLayer({
  controller,
  annotations,
  frame,
}: {
  controller: DicomViewportController
  annotations: readonly ViewerAnnotation[]
  frame: number
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const display = useAnnotationDisplay(annotations)
  const { masks } = useDecodedMasks(annotations)
  const items: AnnotationDrawItem[] = []
  for (const a of annotations) {
    if (!onFrame(a, frame) || display.hidden.has(a.identifier)) continue
    const colour = display.colours.get(a.identifier) ?? [255, 255, 255]
    const kind = annotationKind(a)
    if (kind === 'mask') {
      const mask = maskForFrame(masks.get(a.id), frame)
      if (mask) items.push({ colour, mask })
    } else if (kind === 'shape') {
      const shape = annotationShape(a)
      if (shape) items.push({ colour, shape })
    }
  }
  const chips = annotations.filter((a) => annotationKind(a) === 'chip' && onFrame(a, frame)).map(chipText)

  const latest = useRef({ items, opacity: display.opacity })
  latest.current = { items, opacity: display.opacity }
  useEffect(() => {
    const draw = () => {
      const canvas = canvasRef.current
      const size = controller.canvasSize()
      const o = controller.pixelToCanvas(0, 0)
      const x = controller.pixelToCanvas(1, 0)
      const y = controller.pixelToCanvas(0, 1)
      if (!canvas || !size || !o || !x || !y) return
      if (canvas.width !== size.width) canvas.width = size.width
      if (canvas.height !== size.height) canvas.height = size.height
      const ctx = canvas.getContext('2d')
      if (!ctx) return
      const { items, opacity } = latest.current
      drawAnnotations(ctx, [x.x - o.x, x.y - o.y, y.x - o.x, y.y - o.y, o.x, o.y], items, opacity)
    }
    draw()
    return controller.onDraw(draw)
  })
  return (
    <>
      <canvas ref={canvasRef} className="dmv-annotations" data-annotation-layer="" />
      <AnnotationLegend display={display} chips={chips} />
    </>
  )
}

/** The 2D mask of a frame: a PNG mask as is; a label volume's slice `frame` (z) where label > 0. */
function maskForFrame(decoded: DecodedMask | undefined, frame: number) {
  if (!decoded) return undefined
  if (decoded.kind === 'mask2d') return decoded.mask
  const [nx, ny, nz] = decoded.volume.dims
  if (frame >= nz) return undefined
  const data = new Uint8Array(nx * ny)
  const voxels = decoded.volume.voxels
  for (let i = 0; i < data.length; i++) data[i] = voxels[frame * nx * ny + i] ? 1 : 0
  return { width: nx, height: ny, data }
}
