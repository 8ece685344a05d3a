import type { Cornerstone } from './Cornerstone.js'
import { datamintImageLoader, IMAGE_SCHEME } from './imageSources.js'

let cacheBytes = 256 * 1024 * 1024
let loading: Promise<Cornerstone> | undefined
let instance: Cornerstone | undefined

/**
 * cornerstone-core, imported on first use (it touches `window` when evaluated, so never at module load), with
 * the `datamint:` image loader registered once and its image cache bounded.
 */
export function loadCornerstone(): Promise<Cornerstone> {
  loading ??= import('cornerstone-core').then((module) => {
    const cornerstone = ((module as { default?: unknown }).default ?? module) as Cornerstone
    cornerstone.registerImageLoader(IMAGE_SCHEME, datamintImageLoader)
    cornerstone.imageCache.setMaximumSizeBytes(cacheBytes)
    instance = cornerstone
    return cornerstone
  })
  return loading
}

/** cornerstone-core if {@link loadCornerstone} has finished, so viewers mounted later can start at once. */
export function loadedCornerstone(): Cornerstone | undefined {
  return instance
}

/**
 * Bounds cornerstone's decoded-image cache shared by every DicomViewer (default 256 MB); least recently used
 * frames are dropped beyond it.
 */
export function setDicomCacheSize(bytes: number): void {
  cacheBytes = bytes
  void loading?.then((cornerstone) => cornerstone.imageCache.setMaximumSizeBytes(bytes))
}
