import type { DicomData } from '../../api/format/ConvertedData.js'
import { decodeDicomFrame } from '../decode/decodeDicomFrame.js'
import type { Cornerstone, CornerstoneImage, ImageLoadObject } from './Cornerstone.js'
import { frameToImage } from './frameToImage.js'
import { pixelSpacing } from './pixelSpacing.js'

/** Scheme of the one image loader this library registers with cornerstone: `datamint:<source>/<frame>`. */
export const IMAGE_SCHEME = 'datamint'

const sources = new Map<string, DicomData>()
let nextSource = 0

/**
 * The `datamint:` image loader: decodes frame `n` of a registered source with decodeDicomFrame. Sources are
 * registered per viewer, so a viewer's cache entries are its own and go away with it.
 */
export function datamintImageLoader(imageId: string): ImageLoadObject {
  const match = /^datamint:(\d+)\/(\d+)$/.exec(imageId)
  const dicom = match ? sources.get(match[1]) : undefined
  if (!match || !dicom) {
    return {
      promise: Promise.reject(new Error(`datamint image loader: ${imageId} is not a displayed DICOM frame`)),
    }
  }
  return {
    promise: decodeDicomFrame(dicom, Number(match[2])).then((frame) =>
      frameToImage(imageId, frame, pixelSpacing(dicom)),
    ),
  }
}

/** One viewer's frames of one DICOM file: loads through cornerstone's cache and removes its entries on dispose. */
export class ImageSource {
  readonly id = String(nextSource++)
  private readonly loads = new Map<string, { promise: Promise<CornerstoneImage>; settled: boolean }>()

  constructor(dicom: DicomData) {
    sources.set(this.id, dicom)
  }

  imageId(frame: number): string {
    return `${IMAGE_SCHEME}:${this.id}/${frame}`
  }

  load(cornerstone: Cornerstone, frame: number): Promise<CornerstoneImage> {
    const imageId = this.imageId(frame)
    const known = this.loads.get(imageId)
    // Reuse a load while it is in flight or still cached (cornerstone may have purged it to stay in budget).
    if (known && (!known.settled || cornerstone.imageCache.getImageLoadObject(imageId))) return known.promise
    const entry = { promise: cornerstone.loadAndCacheImage(imageId), settled: false }
    const settle = () => {
      entry.settled = true
    }
    entry.promise.then(settle, settle)
    this.loads.set(imageId, entry)
    return entry.promise
  }

  /**
   * Unregisters the source and drops its cache entries: settled ones now, in-flight ones once they settle
   * (cornerstone drops a failed load itself; removing an unsettled one would corrupt its bookkeeping).
   */
  dispose(cornerstone: Cornerstone | undefined): void {
    sources.delete(this.id)
    if (!cornerstone) return
    const remove = (imageId: string) => {
      if (cornerstone.imageCache.getImageLoadObject(imageId))
        cornerstone.imageCache.removeImageLoadObject(imageId)
    }
    for (const [imageId, entry] of this.loads) {
      if (entry.settled) remove(imageId)
      else
        entry.promise.then(
          () => remove(imageId),
          () => undefined,
        )
    }
    this.loads.clear()
  }
}
