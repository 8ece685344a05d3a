import { badArgument, FormatError } from '../errors.js'
import { readBlob } from './uploadInput.js'

/**
 * A label array: `width × height` pixels per frame, frames one after the other, row-major; one value per
 * pixel (`channels` 1, the label) or interleaved RGB (`channels` 3, the colour is the label).
 */
export interface LabelArray {
  width: number
  height: number
  /** Default 1. */
  frames?: number
  /** 1 (grey labels, default) or 3 (RGB colours). */
  channels?: 1 | 3
  data: Uint8Array | Uint16Array
}

/** A segmentation mask: PNG bytes (or a PNG Blob) or a {@link LabelArray}. */
export type SegmentationMask = Uint8Array | Blob | LabelArray

/**
 * Names of the labels: one name for every label, or a map from label value (`1`, `'1'`) or RGB colour
 * (`'255,0,0'`) to name, where `default` names the labels the map does not list (the SDK's `name`).
 */
export type SegmentationNames = string | Readonly<Record<string | number, string>>

/** Most distinct colours a mask may hold (the SDK's limit). */
export const MAX_MASK_COLORS = 2048

/** One label of one frame: its name and a binary PNG (0 background, 255 the label). */
export interface LabelMask {
  frame: number
  name: string
  /** The label's colour, `r,g,b` (grey labels: `v,v,v`). */
  color: string
  png: Uint8Array
}

type FastPng = typeof import('fast-png')
let fastPng: Promise<FastPng> | undefined
const loadPng = (): Promise<FastPng> => {
  fastPng ??= import('fast-png')
  return fastPng
}

function isLabelArray(mask: unknown): mask is LabelArray {
  return typeof mask === 'object' && mask !== null && 'data' in mask && 'width' in mask && 'height' in mask
}

/** The mask as RGB frames (`width × height × 3` values per frame). */
async function rgbFrames(
  mask: SegmentationMask,
): Promise<{ width: number; height: number; frames: Array<ArrayLike<number>> }> {
  if (isLabelArray(mask)) {
    const { width, height, frames = 1, channels = 1, data } = mask
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw badArgument(
        `Segmentation mask: width and height must be whole numbers ≥ 1, got ${width}×${height}.`,
        'mask',
      )
    }
    if (channels !== 1 && channels !== 3)
      throw badArgument(`Segmentation mask: channels must be 1 or 3, got ${channels}.`, 'mask')
    const size = width * height * channels
    if (data.length !== size * frames) {
      throw badArgument(
        `Segmentation mask: ${width}×${height}×${channels} × ${frames} frame(s) needs ${size * frames} values, got ${data.length}.`,
        'mask',
      )
    }
    const out: Array<ArrayLike<number>> = []
    for (let f = 0; f < frames; f++) {
      const frame = data.subarray(f * size, (f + 1) * size)
      out.push(channels === 3 ? frame : greyToRgb(frame))
    }
    return { width, height, frames: out }
  }
  const bytes = mask instanceof Blob ? await readBlob(mask) : mask
  if (!(bytes instanceof Uint8Array)) {
    throw badArgument('Segmentation mask must be PNG bytes, a PNG Blob or { width, height, data }.', 'mask')
  }
  const { decode, hasPngSignature, convertIndexedToRgb } = await loadPng()
  if (!hasPngSignature(bytes)) {
    throw new FormatError('Segmentation mask: the bytes are not a PNG (pass a PNG or a label array).', {
      reason: 'unsupported',
    })
  }
  let png: ReturnType<FastPng['decode']>
  try {
    png = decode(bytes)
  } catch (error) {
    throw new FormatError(`Segmentation mask: the PNG cannot be decoded (${String(error)}).`, {
      reason: 'corrupt',
      cause: error,
    })
  }
  const { width, height } = png
  let data: ArrayLike<number> = png.data
  let channels = png.channels
  if (png.palette) {
    data = convertIndexedToRgb(png)
    channels = png.transparency ? 4 : 3
  }
  const rgb = new (data instanceof Uint16Array ? Uint16Array : Uint8Array)(width * height * 3)
  for (let p = 0; p < width * height; p++) {
    const grey = channels <= 2
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = data[p * channels + (grey ? 0 : c)]
  }
  return { width, height, frames: [rgb] }
}

function greyToRgb(grey: ArrayLike<number>): Uint16Array | Uint8Array {
  const rgb = new (grey instanceof Uint16Array ? Uint16Array : Uint8Array)(grey.length * 3)
  for (let i = 0; i < grey.length; i++) rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = grey[i]
  return rgb
}

/** The name of the label of colour `[r, g, b]`: by colour, by grey value, else `default`, else `seg_r_g_b`. */
export function labelName(names: SegmentationNames | undefined, r: number, g: number, b: number): string {
  if (names === undefined) return 'default'
  if (typeof names === 'string') return names
  const byColor = names[`${r},${g},${b}`]
  if (byColor !== undefined) return byColor
  if (r === g && g === b && names[r] !== undefined) return names[r]
  return names.default ?? `seg_${r}_${g}_${b}`
}

/**
 * Splits a mask into one binary PNG per label and frame, as the SDK does before uploading segmentations:
 * every colour but black is a label; frames without labels give nothing. Frame `i` of the mask is
 * `frameIndex[i]` (default `i`). Two labels of one frame may not share a name.
 *
 * @example
 * const masks = await splitLabels({ width: 2, height: 1, data: new Uint8Array([1, 2]) }, { 1: 'liver', 2: 'tumor' })
 */
export async function splitLabels(
  mask: SegmentationMask,
  names: SegmentationNames | undefined,
  frameIndex?: number | readonly number[],
): Promise<LabelMask[]> {
  const { width, height, frames } = await rgbFrames(mask)
  const indices =
    frameIndex === undefined
      ? frames.map((_, i) => i)
      : typeof frameIndex === 'number'
        ? [frameIndex]
        : [...frameIndex]
  if (indices.length !== frames.length) {
    throw badArgument(
      `Segmentation mask: ${frames.length} frame(s) but ${indices.length} frame indices.`,
      'frameIndex',
    )
  }
  if (new Set(indices).size !== indices.length)
    throw badArgument('Segmentation mask: frameIndex has duplicates.', 'frameIndex')
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0)
      throw badArgument(`Segmentation mask: frame index ${i} is not a whole number ≥ 0.`, 'frameIndex')
  }
  const { encode } = await loadPng()
  const out: LabelMask[] = []
  const pixels = width * height
  for (const [f, rgb] of frames.entries()) {
    const colors = new Map<string, number[]>()
    for (let p = 0; p < pixels; p++) {
      const r = rgb[p * 3]
      const g = rgb[p * 3 + 1]
      const b = rgb[p * 3 + 2]
      if (r === 0 && g === 0 && b === 0) continue
      const key = `${r},${g},${b}`
      if (!colors.has(key)) {
        if (colors.size >= MAX_MASK_COLORS) {
          throw badArgument(
            `Segmentation mask: more than ${MAX_MASK_COLORS} distinct colours in frame ${indices[f]}.`,
            'mask',
          )
        }
        colors.set(key, [r, g, b])
      }
    }
    const frameMasks: LabelMask[] = []
    for (const [color, [r, g, b]] of colors) {
      const binary = new Uint8Array(pixels)
      for (let p = 0; p < pixels; p++) {
        if (rgb[p * 3] === r && rgb[p * 3 + 1] === g && rgb[p * 3 + 2] === b) binary[p] = 255
      }
      const name = labelName(names, r, g, b)
      if (frameMasks.some((m) => m.name === name)) {
        throw badArgument(
          `Segmentation mask: two labels of frame ${indices[f]} are both named "${name}"; name each label (e.g. { 1: 'liver', 2: 'tumor' }).`,
          'name',
        )
      }
      frameMasks.push({
        frame: indices[f],
        name,
        color,
        png: encode({ width, height, data: binary, channels: 1, depth: 8 }),
      })
    }
    out.push(...frameMasks)
  }
  return out
}
