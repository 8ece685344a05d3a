import type { Mask2D } from './decodeMask.js'
import type { AnnotationShape } from './viewerAnnotations.js'

/** One thing to draw: a mask and/or a shape, in its label's colour. */
export interface AnnotationDrawItem {
  colour: readonly [number, number, number]
  mask?: Mask2D
  shape?: AnnotationShape
}

/** Image pixels → canvas pixels as an affine map `[a, b, c, d, e, f]` (canvas `setTransform` order). */
export type PixelTransform = [number, number, number, number, number, number]

const tinted = new WeakMap<Mask2D, Map<string, OffscreenCanvas>>()

/** The mask as an image in `colour` (opaque inside, transparent outside), cached per mask and colour. */
function maskImage(mask: Mask2D, colour: readonly number[]): OffscreenCanvas {
  const key = colour.join()
  let byColour = tinted.get(mask)
  if (!byColour) {
    byColour = new Map()
    tinted.set(mask, byColour)
  }
  const cached = byColour.get(key)
  if (cached) return cached
  const canvas = new OffscreenCanvas(mask.width, mask.height)
  const ctx = canvas.getContext('2d')!
  const image = ctx.createImageData(mask.width, mask.height)
  for (let i = 0, o = 0; i < mask.data.length; i++, o += 4) {
    if (!mask.data[i]) continue
    image.data[o] = colour[0]
    image.data[o + 1] = colour[1]
    image.data[o + 2] = colour[2]
    image.data[o + 3] = 255
  }
  ctx.putImageData(image, 0, 0)
  byColour.set(key, canvas)
  return canvas
}

/**
 * Draws annotations onto an overlay canvas: masks pixel for pixel (no smoothing) at `opacity`, then shapes as
 * 2 px lines with a dark outline so they read on any picture. Clears the canvas first.
 */
export function drawAnnotations(
  ctx: CanvasRenderingContext2D,
  transform: PixelTransform,
  items: readonly AnnotationDrawItem[],
  opacity: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  const [a, b, c, d, e, f] = transform
  const toCanvas = ([x, y]: readonly [number, number]): [number, number] => [
    a * x + c * y + e,
    b * x + d * y + f,
  ]
  for (const item of items) {
    if (!item.mask) continue
    ctx.setTransform(a, b, c, d, e, f)
    ctx.imageSmoothingEnabled = false
    ctx.globalAlpha = opacity
    ctx.drawImage(maskImage(item.mask, item.colour), 0, 0)
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.globalAlpha = 1
  for (const item of items) {
    const shape = item.shape
    if (!shape) continue
    const points = shape.points.map(toCanvas)
    ctx.beginPath()
    if (shape.kind === 'box') {
      const [[x0, y0], [x1, y1]] = points
      ctx.rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0))
    } else if (shape.kind === 'point') {
      ctx.arc(points[0][0], points[0][1], 4, 0, Math.PI * 2)
    } else {
      ctx.moveTo(points[0][0], points[0][1])
      for (const [x, y] of points.slice(1)) ctx.lineTo(x, y)
    }
    ctx.lineJoin = 'round'
    ctx.strokeStyle = 'rgb(0 0 0 / 0.7)'
    ctx.lineWidth = 4
    ctx.stroke()
    ctx.strokeStyle = `rgb(${item.colour.join(' ')})`
    ctx.lineWidth = 2
    ctx.stroke()
  }
}
