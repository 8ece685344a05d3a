import type { DicomData } from '../../api/format/ConvertedData.js'
import { type ColormapName, cornerstoneColormap } from '../render/colormaps.js'
import { type Cornerstone, type CornerstoneImage, drawNow, isEnabled } from './Cornerstone.js'
import { type DicomViewport, fromCornerstone, sameViewport, toCornerstone } from './DicomViewport.js'
import { ImageSource } from './imageSources.js'

/** What the first shown frame says about the image: kind and value range (modality units). */
export interface DicomImageInfo {
  color: boolean
  minValue: number
  maxValue: number
  columns: number
  rows: number
}

/** A snapshot of a {@link DicomViewportController}; replaced (never mutated) on every change. */
export interface DicomViewState {
  status: 'loading' | 'ready' | 'error'
  /** Why the frame could not be shown (status `error`). */
  error?: unknown
  /** Frame the error is about. */
  failedFrame?: number
  /** Frame on the canvas; -1 before the first one. */
  displayedFrame: number
  /** Viewport on screen (the user's, with controlled fields applied); set once a frame is shown. */
  viewport?: DicomViewport
  /** The file's own window and the fitted zoom: what Reset returns to. */
  initial?: DicomViewport
  image?: DicomImageInfo
}

/** What the component asks for; compared field by field on every render. */
export interface DicomViewOptions {
  frame: number
  /** Controlled viewport fields. */
  viewport?: Partial<DicomViewport>
  pixelReplication: boolean
  colormap: ColormapName
  onImageRendered?: (frame: number) => void
  onViewportChange?: (viewport: DicomViewport) => void
}

interface Mounted {
  cornerstone: Cornerstone
  element: HTMLElement
  source: ImageSource
}

const INITIAL: DicomViewState = { status: 'loading', displayedFrame: -1 }

/**
 * One DICOM file on one cornerstone element, without React: loads frames (stale loads dropped), keeps the
 * user's viewport and the controlled fields over it, follows the element's size (refitting until the user
 * zooms or pans) and draws synchronously, so the canvas always holds the frame and viewport of the last
 * snapshot. `useDicomView` is a thin React shell over it (as TanStack's useBaseQuery over a QueryObserver).
 */
export class DicomViewportController {
  private state: DicomViewState = INITIAL
  private readonly listeners = new Set<() => void>()
  private readonly drawListeners = new Set<() => void>()
  private options: DicomViewOptions = { frame: -1, pixelReplication: false, colormap: 'grayscale' }
  private mounted: Mounted | undefined
  private user: DicomViewport | undefined
  private image: CornerstoneImage | undefined
  private requestedFrame = -1
  private loadToken = 0
  /** Scale and pan follow the element size until the user zooms or pans. */
  private fitted = true

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): DicomViewState => this.state

  /** Calls `listener` after every draw of the canvas (frame, viewport or size change), e.g. to draw on top. */
  onDraw(listener: () => void): () => void {
    this.drawListeners.add(listener)
    return () => this.drawListeners.delete(listener)
  }

  /** Image pixel coordinates → canvas pixels, with the viewport in use; undefined before a frame is shown. */
  pixelToCanvas(x: number, y: number): { x: number; y: number } | undefined {
    const m = this.mounted
    if (!m || !this.image || !isEnabled(m.cornerstone, m.element)) return undefined
    return m.cornerstone.pixelToCanvas(m.element, { x, y })
  }

  /** Size of cornerstone's canvas (the element's size). */
  canvasSize(): { width: number; height: number } | undefined {
    const m = this.mounted
    const canvas =
      m && isEnabled(m.cornerstone, m.element) ? m.cornerstone.getEnabledElement(m.element).canvas : undefined
    return canvas && { width: canvas.width, height: canvas.height }
  }

  /** Enables `element` for `data`; the returned function disables it and drops the frames it cached. */
  mount(cornerstone: Cornerstone, element: HTMLElement, data: DicomData): () => void {
    const source = new ImageSource(data)
    const mounted: Mounted = { cornerstone, element, source }
    this.mounted = mounted
    this.user = undefined
    this.image = undefined
    this.fitted = true
    this.requestedFrame = -1
    this.setState(INITIAL)
    cornerstone.enable(element)
    // Frames drawn by cornerstone's own animation-frame loop (none normally: every draw here is synchronous).
    const rendered = () => this.rendered()
    element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, rendered)
    let size = `${element.clientWidth}x${element.clientHeight}`
    const observer = new ResizeObserver(() => {
      const next = `${element.clientWidth}x${element.clientHeight}`
      if (next === size || this.mounted !== mounted || !isEnabled(cornerstone, element)) return
      size = next
      this.resized()
    })
    observer.observe(element)
    return () => {
      observer.disconnect()
      element.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, rendered)
      if (isEnabled(cornerstone, element)) cornerstone.disable(element)
      source.dispose(cornerstone)
      this.loadToken++
      if (this.mounted === mounted) this.mounted = undefined
    }
  }

  /** Takes the component's current wishes: loads a new frame, applies changed viewport fields. */
  setOptions(options: DicomViewOptions): void {
    const previous = this.options
    this.options = options
    if (!this.mounted) return
    if (options.frame !== this.requestedFrame) this.load(options.frame)
    else if (
      options.colormap !== previous.colormap ||
      options.pixelReplication !== previous.pixelReplication ||
      !sameFields(options.viewport, previous.viewport)
    ) {
      this.apply()
    }
  }

  /** A user change of the viewport (drag, key, toolbar); reported through `onViewportChange`. */
  update(change: (viewport: DicomViewport) => DicomViewport, keepFit = false): void {
    const current = this.state.viewport
    if (!current || !this.user) return
    const next = change(current)
    if (sameViewport(next, current)) return
    if (!keepFit && (next.scale !== current.scale || !samePoint(next.translation, current.translation))) {
      this.fitted = false
    }
    this.user = next
    this.apply()
    this.options.onViewportChange?.(this.state.viewport ?? next)
  }

  /** Scale to fit the element, centred; later resizes refit. */
  fit(): void {
    const scale = this.fitScale()
    if (scale === undefined) return
    this.update((v) => ({ ...v, scale, translation: { x: 0, y: 0 } }))
    this.fitted = true
  }

  /** One image pixel per screen pixel, centred. */
  actualSize(): void {
    this.update((v) => ({ ...v, scale: 1, translation: { x: 0, y: 0 } }))
    this.fitted = false
  }

  /** Back to the file's window, fitted and centred, not inverted unless the file asks. */
  reset(): void {
    const initial = this.state.initial
    const scale = this.fitScale()
    if (!initial || scale === undefined) return
    this.update(() => ({ ...initial, scale, translation: { x: 0, y: 0 } }))
    this.fitted = true
  }

  /** A drag of (dx, dy) screen pixels: window (right widens, down raises the level), zoom (up enlarges) or pan. */
  drag(mode: 'window' | 'zoom' | 'pan', dx: number, dy: number): void {
    if (mode === 'window') {
      const step = this.windowStep()
      this.update((v) => ({
        ...v,
        windowWidth: Math.max(step, v.windowWidth + dx * step),
        windowCenter: v.windowCenter + dy * step,
      }))
    } else if (mode === 'zoom') this.zoomBy(Math.exp(-dy / 100))
    else this.panBy(dx, dy)
  }

  /** Multiplies the zoom (kept within 2 %–5000 %). */
  zoomBy(factor: number): void {
    this.update((v) => ({ ...v, scale: Math.max(0.02, Math.min(50, v.scale * factor)) }))
  }

  /** Pans by screen pixels. */
  panBy(dx: number, dy: number): void {
    this.update((v) => ({
      ...v,
      translation: { x: v.translation.x + dx / v.scale, y: v.translation.y + dy / v.scale },
    }))
  }

  /** Changes width and level by multiples of {@link windowStep}. */
  windowBy(widthSteps: number, levelSteps: number): void {
    const step = this.windowStep()
    this.update((v) => ({
      ...v,
      windowWidth: Math.max(step, v.windowWidth + widthSteps * step),
      windowCenter: v.windowCenter + levelSteps * step,
    }))
  }

  /** Window change per dragged pixel: the image's value range over ~300 px, so one drag spans it. */
  windowStep(): number {
    const info = this.state.image
    return info ? Math.max(Math.abs(info.maxValue - info.minValue), 1) / 300 : 1
  }

  private shown(): DicomViewport | undefined {
    if (!this.user) return undefined
    const o = this.options
    return { ...this.user, pixelReplication: o.pixelReplication, ...o.viewport }
  }

  private cornerstoneViewport(viewport: DicomViewport) {
    const initial = this.state.initial
    const grey = !this.image?.color
    return {
      ...toCornerstone(viewport),
      // A VOI LUT Sequence applies until the user sets a window of their own.
      voiLUT:
        initial &&
        viewport.windowCenter === initial.windowCenter &&
        viewport.windowWidth === initial.windowWidth
          ? this.image?.voiLUT
          : undefined,
      colormap: grey ? cornerstoneColormap(this.mounted!.cornerstone, this.options.colormap) : undefined,
    }
  }

  private load(frame: number): void {
    const m = this.mounted!
    this.requestedFrame = frame
    const token = ++this.loadToken
    m.source.load(m.cornerstone, frame).then(
      (image) => {
        if (token !== this.loadToken || !isEnabled(m.cornerstone, m.element)) return
        this.image = image
        let { initial, image: info } = this.state
        if (!initial || !this.user) {
          initial = fromCornerstone(m.cornerstone.getDefaultViewportForImage(m.element, image))
          info = {
            color: image.color,
            minValue: image.minPixelValue * image.slope + image.intercept,
            maxValue: image.maxPixelValue * image.slope + image.intercept,
            columns: image.columns,
            rows: image.rows,
          }
          this.user = initial
          this.state = { ...this.state, initial, image: info }
        }
        const viewport = this.shown()!
        m.cornerstone.displayImage(m.element, image, this.cornerstoneViewport(viewport))
        this.setState({ status: 'ready', displayedFrame: frame, viewport, initial, image: info })
        this.draw()
      },
      (error: unknown) => {
        if (token !== this.loadToken) return
        this.setState({ ...this.state, status: 'error', error, failedFrame: frame })
      },
    )
  }

  /** Applies the shown viewport to cornerstone and draws it now. */
  private apply(): void {
    const m = this.mounted
    const viewport = this.shown()
    if (!m || !viewport || !this.image || !isEnabled(m.cornerstone, m.element)) return
    const next = this.cornerstoneViewport(viewport)
    const enabled = m.cornerstone.getEnabledElement(m.element)
    // The grey renderer writes only the alpha of its cached render canvas (RGB left black): after pseudo-colour
    // wrote RGB there, switching the colour map needs a fresh render canvas and a full redraw.
    if (enabled.viewport?.colormap !== next.colormap) {
      enabled.invalid = true
      if (enabled.renderingTools) enabled.renderingTools.renderCanvas = undefined
    }
    m.cornerstone.setViewport(m.element, next)
    if (!this.state.viewport || !sameViewport(viewport, this.state.viewport)) {
      this.setState({ ...this.state, viewport })
    }
    this.draw()
  }

  private resized(): void {
    const m = this.mounted!
    // Resizing clears the canvas: resize without cornerstone's fit (it would override controlled fields),
    // refit here if the user has not zoomed or panned, and draw before anything can read a blank canvas.
    m.cornerstone.resize(m.element, false)
    const scale = this.fitScale()
    if (scale !== undefined && this.user && this.state.initial) {
      const fit = { scale, translation: { x: 0, y: 0 } }
      this.state = { ...this.state, initial: { ...this.state.initial, ...fit } }
      if (this.fitted) this.user = { ...this.user, ...fit }
    }
    this.apply()
  }

  private fitScale(): number | undefined {
    const m = this.mounted
    if (!m || !this.image || !isEnabled(m.cornerstone, m.element)) return undefined
    return m.cornerstone.getDefaultViewportForImage(m.element, this.image).scale
  }

  private draw(): void {
    const m = this.mounted
    if (!m || !drawNow(m.cornerstone, m.element)) return
    for (const listener of this.drawListeners) listener()
    this.rendered()
  }

  private rendered(): void {
    if (this.state.displayedFrame >= 0) this.options.onImageRendered?.(this.state.displayedFrame)
  }

  private setState(state: DicomViewState): void {
    this.state = state
    for (const listener of this.listeners) listener()
  }
}

function samePoint(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y
}

function sameFields(a: Partial<DicomViewport> | undefined, b: Partial<DicomViewport> | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
}
