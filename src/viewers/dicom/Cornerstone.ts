/**
 * The part of cornerstone-core 2.x this library uses, typed here because the package ships no types.
 * Field meanings follow cornerstone's Image and Viewport objects.
 */
export interface CornerstoneLut {
  firstValueMapped: number
  numBitsPerEntry: number
  lut: number[]
}

export interface CornerstoneImage {
  imageId: string
  minPixelValue: number
  maxPixelValue: number
  slope: number
  intercept: number
  windowCenter: number
  windowWidth: number
  getPixelData(): ArrayLike<number>
  rows: number
  columns: number
  height: number
  width: number
  color: boolean
  rgba: boolean
  columnPixelSpacing: number
  rowPixelSpacing: number
  invert: boolean
  sizeInBytes: number
  voiLUT?: CornerstoneLut
}

export interface CornerstoneViewport {
  scale: number
  translation: { x: number; y: number }
  voi: { windowWidth: number; windowCenter: number }
  invert: boolean
  pixelReplication: boolean
  rotation: number
  hflip: boolean
  vflip: boolean
  modalityLUT?: CornerstoneLut
  voiLUT?: CornerstoneLut
  /** Id of a colormap registered with `colors.getColormap`; grey images are then drawn in pseudo-colour. */
  colormap?: string
}

export interface CornerstoneEnabledElement {
  element: HTMLElement
  image?: CornerstoneImage
  canvas?: HTMLCanvasElement
  viewport?: CornerstoneViewport
  /** Set by displayImage/setViewport: cornerstone's animation-frame loop redraws while true. */
  needsRedraw?: boolean
  invalid?: boolean
  /** cornerstone's render caches; `renderCanvas` is recreated when unset. */
  renderingTools?: { renderCanvas?: HTMLCanvasElement }
}

export interface ImageLoadObject {
  promise: Promise<CornerstoneImage>
  cancelFn?: () => void
}

export interface Cornerstone {
  enable(element: HTMLElement): void
  disable(element: HTMLElement): void
  getEnabledElements(): CornerstoneEnabledElement[]
  getEnabledElement(element: HTMLElement): CornerstoneEnabledElement
  registerImageLoader(scheme: string, loader: (imageId: string) => ImageLoadObject): void
  loadAndCacheImage(imageId: string): Promise<CornerstoneImage>
  displayImage(element: HTMLElement, image: CornerstoneImage, viewport?: Partial<CornerstoneViewport>): void
  getViewport(element: HTMLElement): CornerstoneViewport | undefined
  setViewport(element: HTMLElement, viewport: Partial<CornerstoneViewport>): void
  getDefaultViewportForImage(element: HTMLElement, image: CornerstoneImage): CornerstoneViewport
  resize(element: HTMLElement, fitToWindow?: boolean): void
  /** Image pixel coordinates to canvas pixels with the element's current viewport. */
  pixelToCanvas(element: HTMLElement, point: { x: number; y: number }): { x: number; y: number }
  /** Marks the element for its animation-frame loop to redraw (despite the name, not synchronous). */
  draw(element: HTMLElement): void
  renderGrayscaleImage(enabledElement: CornerstoneEnabledElement, invalidated?: boolean): void
  renderColorImage(enabledElement: CornerstoneEnabledElement, invalidated?: boolean): void
  renderPseudoColorImage(enabledElement: CornerstoneEnabledElement, invalidated?: boolean): void
  colors: {
    /** Returns the colormap `id`, creating it from `data` when it does not exist yet. */
    getColormap(id: string, data?: { name: string; colors: [number, number, number, number][] }): unknown
  }
  imageCache: {
    setMaximumSizeBytes(bytes: number): void
    getImageLoadObject(imageId: string): ImageLoadObject | undefined
    removeImageLoadObject(imageId: string): void
    getCacheInfo(): { maximumSizeInBytes: number; cacheSizeInBytes: number; numberOfImagesCached: number }
  }
  EVENTS: { IMAGE_RENDERED: string }
}

/** True while `element` is enabled: every await in the viewer checks this before touching cornerstone. */
export function isEnabled(cornerstone: Cornerstone, element: HTMLElement): boolean {
  return cornerstone.getEnabledElements().some((e) => e.element === element)
}

/**
 * Renders the element's image now instead of on cornerstone's next animation frame (its `draw` only marks the
 * element), so a new frame or window is on the canvas before the browser paints. Returns false when there is
 * nothing to draw.
 */
export function drawNow(cornerstone: Cornerstone, element: HTMLElement): boolean {
  const enabled = cornerstone.getEnabledElement(element)
  if (!enabled.image || !enabled.canvas) return false
  const render = enabled.image.color
    ? cornerstone.renderColorImage
    : enabled.viewport?.colormap
      ? cornerstone.renderPseudoColorImage
      : cornerstone.renderGrayscaleImage
  render(enabled, enabled.invalid)
  enabled.invalid = false
  enabled.needsRedraw = false
  return true
}
