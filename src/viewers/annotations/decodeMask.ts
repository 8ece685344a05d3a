import type { NiftiData } from '../../api/format/ConvertedData.js'
import { convertFormat } from '../../api/format/convertFormat.js'

/** A 2D mask at image resolution: 1 where the label is, 0 elsewhere. */
export interface Mask2D {
  width: number
  height: number
  data: Uint8Array
}

/** A decoded annotation file: a 2D mask (PNG, per frame) or a NIfTI label volume. */
export type DecodedMask = { kind: 'mask2d'; mask: Mask2D } | { kind: 'labels'; volume: NiftiData }

const PNG = [0x89, 0x50, 0x4e, 0x47]

/**
 * Decodes a segmentation file: PNG (and other browser images) through `createImageBitmap` — a pixel is inside
 * when any colour channel is non-zero and it is not transparent — or NIfTI (label values kept as stored).
 */
export async function decodeMask(bytes: Uint8Array): Promise<DecodedMask> {
  const isPng = PNG.every((b, i) => bytes[i] === b)
  if (!isPng) {
    const data = convertFormat(bytes)
    if (data.kind === 'nifti') return { kind: 'labels', volume: data }
    if (data.kind !== 'image') throw new Error(`An annotation file of kind ${data.kind} is not a mask`)
  }
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]))
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('this browser gives no 2D canvas')
    ctx.drawImage(bitmap, 0, 0)
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data
    const data = new Uint8Array(bitmap.width * bitmap.height)
    for (let i = 0, o = 0; o < data.length; i += 4, o++) {
      data[o] = rgba[i + 3] > 0 && (rgba[i] | rgba[i + 1] | rgba[i + 2]) > 0 ? 1 : 0
    }
    return { kind: 'mask2d', mask: { width: bitmap.width, height: bitmap.height, data } }
  } finally {
    bitmap.close()
  }
}
