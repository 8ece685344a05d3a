import type { ConvertedData, DicomData, NiftiData } from '../../api/format/ConvertedData.js'
import { decodeDicomFrame } from '../decode/decodeDicomFrame.js'
import { niftiSlice } from '../nifti/niftiSlice.js'
import { niftiSliceGeometry } from '../nifti/niftiSliceGeometry.js'
import { windowToRgba } from '../render/windowToRgba.js'

/** A small RGBA picture of a file, for lists and tables. */
export interface ThumbnailImage {
  width: number
  height: number
  /** width × height × 4 bytes, row-major. */
  rgba: Uint8ClampedArray
}

/** `width × height` scaled to fit a `size` square, keeping the aspect ratio (at least 1 pixel a side). */
function fitSquare(width: number, height: number, size: number): { w: number; h: number } {
  const scale = Math.min(1, size / Math.max(width, height))
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) }
}

/** The source index under each thumbnail pixel (nearest sample at the pixel's centre). */
function samplePositions(width: number, height: number, w: number, h: number): Uint32Array {
  const at = new Uint32Array(w * h)
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h))
    for (let x = 0; x < w; x++)
      at[y * w + x] = sy * width + Math.min(width - 1, Math.floor(((x + 0.5) * width) / w))
  }
  return at
}

/** Grey values windowed from their 1st to 99th percentile (robust to a few hot pixels). */
function autoWindow(values: Float32Array): { center: number; width: number } {
  const sorted = Float32Array.from(values).sort()
  const low = sorted[Math.floor(sorted.length * 0.01)]
  const high = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]
  return { center: (low + high) / 2, width: Math.max(1, high - low) }
}

async function dicomThumbnail(
  data: DicomData,
  size: number,
  signal?: AbortSignal,
): Promise<ThumbnailImage | undefined> {
  if (!data.rows || !data.columns || !data.dataSet.elements.x7fe00010) return undefined
  // The middle frame says most about a cine loop or a multi-frame volume; compressed frames decode in the pool.
  const frame = await decodeDicomFrame(data, Math.floor(data.numberOfFrames / 2), { signal })
  const { w, h } = fitSquare(frame.columns, frame.rows, size)
  const at = samplePositions(frame.columns, frame.rows, w, h)
  const rgba = new Uint8ClampedArray(w * h * 4)
  if (frame.samplesPerPixel === 3) {
    const shift = frame.bitsAllocated > 8 ? frame.bitsStored - 8 : 0
    for (let i = 0; i < at.length; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = frame.pixelData[at[i] * 3 + c] >> shift
      rgba[i * 4 + 3] = 255
    }
    return { width: w, height: h, rgba }
  }
  const values = new Float32Array(at.length)
  for (let i = 0; i < at.length; i++) values[i] = frame.pixelData[at[i]] * frame.slope + frame.intercept
  // The file's own window when it has one (and no LUT to apply first), else the samples' range.
  const own = !frame.modalityLut && !frame.voiLut && frame.windowWidth > 0
  const { center, width } = own
    ? { center: frame.windowCenter, width: frame.windowWidth }
    : autoWindow(values)
  windowToRgba(values, center, width, rgba, { invert: frame.invert })
  return { width: w, height: h, rgba }
}

function niftiThumbnail(data: NiftiData, size: number): ThumbnailImage | undefined {
  const g = niftiSliceGeometry(data, 'axial')
  if (g.width === 0 || g.height === 0 || g.count === 0) return undefined
  const slice = niftiSlice(data, 'axial', Math.floor(g.count / 2))
  // Voxels may not be square: fit the slice's size in millimetres.
  const { w, h } = fitSquare(g.width * g.pixelWidth, g.height * g.pixelHeight, size)
  const at = samplePositions(g.width, g.height, w, h)
  const values = new Float32Array(at.length)
  for (let i = 0; i < at.length; i++) values[i] = slice[at[i]]
  const rgba = new Uint8ClampedArray(w * h * 4)
  const { center, width } = autoWindow(values)
  windowToRgba(values, center, width, rgba)
  return { width: w, height: h, rgba }
}

async function imageThumbnail(
  bytes: Uint8Array,
  mimetype: string,
  size: number,
): Promise<ThumbnailImage | undefined> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas === 'undefined') return undefined
  // The browser decodes and scales the image off the main thread.
  const full = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimetype }))
  const { w, h } = fitSquare(full.width, full.height, size)
  full.close()
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimetype }), {
    resizeWidth: w,
    resizeHeight: h,
    resizeQuality: 'medium',
  })
  const context = new OffscreenCanvas(w, h).getContext('2d')
  if (!context) return undefined
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  return { width: w, height: h, rgba: context.getImageData(0, 0, w, h).data }
}

/**
 * A small picture of converted file content, fitting a `size` square: the middle frame of a DICOM file (its
 * own window, MONOCHROME1 inverted), the middle axial slice of a NIfTI volume, or a scaled image. Undefined
 * for content with no picture (video, JSON, bytes, a DICOM file without pixels). Compressed DICOM frames
 * decode in the worker pool; only `size`² samples are windowed here.
 *
 * @example
 * const thumb = await renderThumbnail(await api.resources.downloadResourceFile(id), 64)
 * if (thumb) canvas.getContext('2d')?.putImageData(new ImageData(thumb.rgba, thumb.width, thumb.height), 0, 0)
 */
export async function renderThumbnail(
  data: ConvertedData,
  size = 64,
  options: { signal?: AbortSignal } = {},
): Promise<ThumbnailImage | undefined> {
  if (data.kind === 'dicom') return dicomThumbnail(data, size, options.signal)
  if (data.kind === 'nifti') return niftiThumbnail(data, size)
  if (data.kind === 'image') return imageThumbnail(data.bytes, data.mimetype, size)
  return undefined
}
