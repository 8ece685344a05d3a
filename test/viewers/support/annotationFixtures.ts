import type { ViewerAnnotation } from '../../../src/viewers/annotations/viewerAnnotations.js'

/** A PNG mask of `width` × `height`, white inside the rectangle [x0, x1) × [y0, y1), black elsewhere. */
export async function rectPng(
  width: number,
  height: number,
  rect: { x0: number; y0: number; x1: number; y1: number },
): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#000'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#fff'
  ctx.fillRect(rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0)
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
}

/** An annotation entity as the API returns it (the fields the viewers read, the rest defaulted). */
export function annotation(
  fields: Partial<ViewerAnnotation> & Pick<ViewerAnnotation, 'id' | 'identifier' | 'annotation_type'>,
): ViewerAnnotation {
  return {
    scope: fields.frame_index == null ? 'image' : 'frame',
    frame_index: null,
    geometry: null,
    resource_id: 'res-1',
    ...fields,
  }
}
