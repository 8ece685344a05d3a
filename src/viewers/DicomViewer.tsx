'use client'
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import type { DicomData } from '../api/format/ConvertedData.js'
import { type Cornerstone, type CornerstoneImage, drawNow, isEnabled } from './dicom/Cornerstone.js'
import { cineRate } from './dicom/cineRate.js'
import { type DicomViewport, fromCornerstone, sameViewport, toCornerstone } from './dicom/DicomViewport.js'
import { ImageSource } from './dicom/imageSources.js'
import { loadCornerstone, loadedCornerstone } from './dicom/loadCornerstone.js'
import { formatWindowValue } from './ui/formatWindowValue.js'
import { frameStyle } from './ui/frameStyle.js'
import { usePointerDrag } from './ui/usePointerDrag.js'
import { ViewerMessage } from './ui/ViewerMessage.js'
import type { ViewerProps } from './ui/ViewerProps.js'

export type { DicomViewport } from './dicom/DicomViewport.js'

export interface DicomViewerProps extends ViewerProps {
  data: DicomData
  /** Shown frame (0-based). Controlled when given; pair with `onFrameChange`. */
  frame?: number
  defaultFrame?: number
  onFrameChange?: (frame: number) => void
  /**
   * Viewport fields to control (window, zoom, pan, invert); fields left out follow the user. Every change the
   * user makes is reported through `onViewportChange` with the full viewport.
   */
  viewport?: Partial<DicomViewport>
  onViewportChange?: (viewport: DicomViewport) => void
  /** Cine playback of multi-frame files. Controlled when given; pair with `onPlayingChange`. */
  playing?: boolean
  onPlayingChange?: (playing: boolean) => void
  /** Cine frames per second (default: the file's recommended rate, else 10). */
  fps?: number
  /** Show the text overlay (frame i/N, WW/WL, zoom). Default true. */
  overlay?: boolean
  /** Called after cornerstone has drawn `frame` onto the canvas. */
  onImageRendered?: (frame: number) => void
}

type DragMode = 'window' | 'zoom' | 'pan'

const KEYS_HELP =
  'Drag: left adjusts window/level, right or Ctrl zooms, middle or Shift pans; wheel changes frame; ' +
  'double-click resets. Keys: Left/Right or Up/Down previous/next frame, PageUp/PageDown 10 frames, ' +
  'Home/End first/last frame, Shift+Left/Right narrower/wider window, Shift+Up/Down raise/lower level, ' +
  'Alt+arrows pan, + and - zoom, I invert, R or 0 reset, Space or P play/pause.'

/**
 * A DICOM image on cornerstone-core, fed by {@link decodeDicomFrame} through one `datamint:` image loader.
 *
 * Mouse: left-drag window/level, right- or Ctrl-drag zoom, middle- or Shift-drag pan, wheel through frames,
 * double-click reset. Keyboard (when focused): ←/→ or ↑/↓ previous/next frame, PageUp/PageDown ±10,
 * Home/End first/last, Shift+←/→ window width, Shift+↑/↓ window level, Alt+arrows pan, `+`/`-` zoom,
 * `i` invert, `r`/`0` reset, Space/`p` cine play/pause. The overlay (text only) shows frame i/N, WW/WL and
 * zoom. Resizes with its container; cornerstone-core is imported only when a viewer mounts.
 *
 * @example
 * const [frame, setFrame] = useState(0)
 * <div style={{ height: 512 }}>
 *   <DicomViewer data={dicom} frame={frame} onFrameChange={setFrame} label="CT, series 3" />
 * </div>
 */
export function DicomViewer(props: DicomViewerProps) {
  const { data, label, className, style, overlay = true } = props
  const frameCount = Math.max(1, data.numberOfFrames)
  const elementRef = useRef<HTMLDivElement>(null)
  const helpId = useId()

  const [cornerstone, setCornerstone] = useState<Cornerstone | undefined>(loadedCornerstone)
  const [status, setStatus] = useState<{ kind: 'loading' | 'ready' | 'error'; message?: string }>({
    kind: 'loading',
  })
  const [innerFrame, setInnerFrame] = useState(props.defaultFrame ?? 0)
  const [innerViewport, setInnerViewport] = useState<DicomViewport>()
  const [innerPlaying, setInnerPlaying] = useState(false)
  const [fps, setFps] = useState(() => props.fps ?? cineRate(data))

  const frame = clampFrame(props.frame ?? innerFrame, frameCount)
  const playing = (props.playing ?? innerPlaying) && frameCount > 1
  const viewport = innerViewport && { ...innerViewport, ...props.viewport }

  // Latest values for event handlers and async callbacks.
  const latest = useRef({ props, frame, viewport, frameCount })
  latest.current = { props, frame, viewport, frameCount }
  const sourceRef = useRef<ImageSource>(undefined)
  const defaultViewport = useRef<DicomViewport>(undefined)
  const fitted = useRef(true) // scale/pan follow the element size until the user zooms or pans
  const displayedFrame = useRef(-1)
  const imageRef = useRef<CornerstoneImage>(undefined)

  const changeFrame = useCallback((next: number) => {
    const { frameCount: n, frame: current, props: p } = latest.current
    const target = clampFrame(next, n)
    if (target === current) return
    setInnerFrame(target)
    p.onFrameChange?.(target)
  }, [])

  const changeViewport = useCallback((update: (v: DicomViewport) => DicomViewport) => {
    const current = latest.current.viewport
    if (!current) return
    const next = update(current)
    if (sameViewport(next, current)) return
    setInnerViewport(next)
    latest.current.props.onViewportChange?.(next)
  }, [])

  const changePlaying = useCallback((next: boolean) => {
    setInnerPlaying(next)
    latest.current.props.onPlayingChange?.(next)
  }, [])

  // cornerstone-core is imported on first use; later viewers get it synchronously.
  useEffect(() => {
    if (cornerstone) return
    let unmounted = false
    loadCornerstone().then(
      (cs) => {
        if (!unmounted) setCornerstone(cs)
      },
      (error: unknown) => {
        if (!unmounted)
          setStatus({ kind: 'error', message: `Could not load the DICOM renderer: ${describe(error)}` })
      },
    )
    return () => {
      unmounted = true
    }
  }, [cornerstone])

  // Enable the element (layout effects: the first frame is drawn before the browser paints); on unmount
  // disable it and drop this viewer's cache entries.
  useLayoutEffect(() => {
    const element = elementRef.current!
    if (!cornerstone) return
    const source = new ImageSource(data)
    sourceRef.current = source
    setStatus((s) => (s.kind === 'loading' ? s : { kind: 'loading' }))
    setInnerViewport(undefined)
    defaultViewport.current = undefined
    fitted.current = true
    displayedFrame.current = -1
    const rendered = () => {
      if (displayedFrame.current >= 0) latest.current.props.onImageRendered?.(displayedFrame.current)
    }
    cornerstone.enable(element)
    element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, rendered)
    return () => {
      element.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, rendered)
      if (isEnabled(cornerstone, element)) cornerstone.disable(element)
      source.dispose(cornerstone)
      sourceRef.current = undefined
      imageRef.current = undefined
    }
  }, [data, cornerstone])

  // Load and show the current frame; stale loads (frame changed meanwhile, viewer unmounted) are ignored.
  // biome-ignore lint/correctness/useExhaustiveDependencies: data is read through sourceRef, set by the effect above
  useLayoutEffect(() => {
    const element = elementRef.current
    const source = sourceRef.current
    if (!cornerstone || !element || !source) return
    let stale = false
    source.load(cornerstone, frame).then(
      (image) => {
        if (stale || !isEnabled(cornerstone, element)) return
        imageRef.current = image
        let shown = latest.current.viewport
        if (!defaultViewport.current) {
          defaultViewport.current = fromCornerstone(cornerstone.getDefaultViewportForImage(element, image))
          shown = { ...defaultViewport.current, ...latest.current.props.viewport }
          setInnerViewport(defaultViewport.current)
        }
        displayedFrame.current = frame
        cornerstone.displayImage(element, image, {
          ...toCornerstone(shown!),
          // A VOI LUT Sequence applies until the user sets a window of their own.
          voiLUT: sameWindow(shown!, defaultViewport.current) ? image.voiLUT : undefined,
        })
        if (drawNow(cornerstone, element)) latest.current.props.onImageRendered?.(frame)
        setStatus({ kind: 'ready' })
      },
      (error: unknown) => {
        if (!stale)
          setStatus({ kind: 'error', message: `Frame ${frame + 1} could not be shown: ${describe(error)}` })
      },
    )
    return () => {
      stale = true
    }
  }, [cornerstone, frame, data])

  // Apply viewport changes (user or controlled props) to cornerstone and draw before the browser paints.
  const viewportKey = viewport && JSON.stringify(viewport)
  // biome-ignore lint/correctness/useExhaustiveDependencies: viewportKey stands for the viewport's values
  useLayoutEffect(() => {
    const element = elementRef.current
    if (!cornerstone || !element || !viewport || !isEnabled(cornerstone, element)) return
    const enabled = cornerstone.getEnabledElement(element)
    if (!enabled.image) return
    cornerstone.setViewport(element, {
      ...toCornerstone(viewport),
      voiLUT: sameWindow(viewport, defaultViewport.current) ? imageRef.current?.voiLUT : undefined,
    })
    if (drawNow(cornerstone, element) && displayedFrame.current >= 0) {
      latest.current.props.onImageRendered?.(displayedFrame.current)
    }
  }, [cornerstone, viewportKey])

  // Follow the container's size; refit while the user has not zoomed or panned (and when first shown after
  // being laid out at 0×0, e.g. in a hidden tab).
  useEffect(() => {
    const element = elementRef.current
    if (!cornerstone || !element) return
    let size = `${element.clientWidth}x${element.clientHeight}`
    const observer = new ResizeObserver(() => {
      const next = `${element.clientWidth}x${element.clientHeight}`
      if (next === size || !isEnabled(cornerstone, element)) return
      const wasEmpty = size.startsWith('0x') || size.endsWith('x0')
      size = next
      const enabled = cornerstone.getEnabledElement(element)
      cornerstone.resize(element, fitted.current || wasEmpty)
      const after = enabled.image && cornerstone.getViewport(element)
      if (!after) return
      if (fitted.current || wasEmpty) {
        const fit = fromCornerstone(after)
        if (defaultViewport.current) {
          defaultViewport.current = {
            ...defaultViewport.current,
            scale: fit.scale,
            translation: fit.translation,
          }
        }
        setInnerViewport((v) => v && { ...v, scale: fit.scale, translation: fit.translation })
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [cornerstone])

  // Wheel through frames (a native listener: React's onWheel is passive and cannot stop the page scrolling).
  useEffect(() => {
    const element = elementRef.current
    if (!element) return
    const onWheel = (e: WheelEvent) => {
      if (latest.current.frameCount < 2 || e.deltaY === 0) return
      e.preventDefault()
      changeFrame(latest.current.frame + Math.sign(e.deltaY))
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [changeFrame])

  // Cine: advance only once the previous frame is on screen, so slow decodes never pile up.
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(
      () => {
        const { frame: current, frameCount: n } = latest.current
        if (displayedFrame.current !== current) return
        changeFrame((current + 1) % n)
      },
      1000 / Math.max(0.1, props.fps ?? fps),
    )
    return () => clearInterval(timer)
  }, [playing, fps, props.fps, changeFrame])

  const drag = usePointerDrag<DragMode>(
    (e) => {
      if (e.button === 1) e.preventDefault() // no autoscroll
      return e.button === 2 || (e.button === 0 && (e.ctrlKey || e.metaKey))
        ? 'zoom'
        : e.button === 1 || (e.button === 0 && e.shiftKey)
          ? 'pan'
          : e.button === 0
            ? 'window'
            : undefined
    },
    (mode, dx, dy) => {
      if (mode === 'window') {
        const step = windowStep(imageRef.current)
        changeViewport((v) => ({
          ...v,
          windowWidth: Math.max(step, v.windowWidth + dx * step),
          windowCenter: v.windowCenter + dy * step,
        }))
      } else if (mode === 'zoom') {
        fitted.current = false
        changeViewport((v) => ({ ...v, scale: clampScale(v.scale * Math.exp(-dy / 100)) }))
      } else {
        fitted.current = false
        changeViewport((v) => ({
          ...v,
          translation: { x: v.translation.x + dx / v.scale, y: v.translation.y + dy / v.scale },
        }))
      }
    },
  )

  const reset = () => {
    const element = elementRef.current
    const initial = defaultViewport.current
    if (!initial || !element || !cornerstone || !isEnabled(cornerstone, element)) return
    fitted.current = true
    const image = cornerstone.getEnabledElement(element).image
    const fit = image ? fromCornerstone(cornerstone.getDefaultViewportForImage(element, image)) : initial
    changeViewport(() => ({ ...initial, scale: fit.scale, translation: fit.translation }))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = windowStep(imageRef.current) * 10
    const current = latest.current.frame
    const key = e.key
    let handled = true
    if (e.altKey && key.startsWith('Arrow')) {
      fitted.current = false
      const [px, py] = { ArrowLeft: [-10, 0], ArrowRight: [10, 0], ArrowUp: [0, -10], ArrowDown: [0, 10] }[
        key as 'ArrowLeft'
      ] ?? [0, 0]
      changeViewport((v) => ({
        ...v,
        translation: { x: v.translation.x + px / v.scale, y: v.translation.y + py / v.scale },
      }))
    } else if (e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
      const dw = key === 'ArrowRight' ? step : -step
      changeViewport((v) => ({ ...v, windowWidth: Math.max(step / 10, v.windowWidth + dw) }))
    } else if (e.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      const dc = key === 'ArrowUp' ? step : -step
      changeViewport((v) => ({ ...v, windowCenter: v.windowCenter + dc }))
    } else if (key === 'ArrowRight' || key === 'ArrowDown') changeFrame(current + 1)
    else if (key === 'ArrowLeft' || key === 'ArrowUp') changeFrame(current - 1)
    else if (key === 'PageDown') changeFrame(current + 10)
    else if (key === 'PageUp') changeFrame(current - 10)
    else if (key === 'Home') changeFrame(0)
    else if (key === 'End') changeFrame(latest.current.frameCount - 1)
    else if (key === '+' || key === '=') {
      fitted.current = false
      changeViewport((v) => ({ ...v, scale: clampScale(v.scale * 1.25) }))
    } else if (key === '-' || key === '_') {
      fitted.current = false
      changeViewport((v) => ({ ...v, scale: clampScale(v.scale / 1.25) }))
    } else if (key === 'i' || key === 'I') changeViewport((v) => ({ ...v, invert: !v.invert }))
    else if (key === 'r' || key === 'R' || key === '0') reset()
    else if ((key === ' ' || key === 'p' || key === 'P') && frameCount > 1) changePlaying(!playing)
    else handled = false
    if (handled) e.preventDefault()
  }

  const name = label ?? 'DICOM viewer'
  return (
    <section
      aria-label={name}
      aria-busy={status.kind === 'loading'}
      className={className}
      style={frameStyle(128, style)}
    >
      <div
        role="application"
        aria-roledescription="DICOM image"
        aria-label={`${name}: frame ${frame + 1} of ${frameCount}`}
        aria-describedby={helpId}
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown PageUp PageDown Home End Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown + - i r 0 Space p"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region takes keyboard commands
        tabIndex={0}
        onKeyDown={onKeyDown}
        {...drag}
        onDoubleClick={reset}
        onContextMenu={(e) => e.preventDefault()}
        style={{
          position: 'relative',
          flex: 1,
          minHeight: 0,
          background: '#000',
          overflow: 'hidden',
          outlineOffset: -2,
        }}
      >
        <div
          ref={elementRef}
          data-dicom-element=""
          style={{ position: 'absolute', inset: 0, touchAction: 'none', userSelect: 'none' }}
        />
        {overlay && viewport && status.kind === 'ready' && (
          <div
            data-dicom-overlay=""
            style={{
              position: 'absolute',
              left: 6,
              top: 4,
              pointerEvents: 'none',
              color: '#fff',
              font: '12px/1.4 system-ui, sans-serif',
              textShadow: '0 0 2px #000',
              whiteSpace: 'pre',
            }}
          >
            {`Frame ${frame + 1}/${frameCount}\nWW/WL ${formatWindowValue(viewport.windowWidth)}/${formatWindowValue(
              viewport.windowCenter,
            )}\nZoom ${Math.round(viewport.scale * 100)}%`}
          </div>
        )}
        {status.kind !== 'ready' && (
          <div style={{ position: 'absolute', inset: 0, background: '#fff' }}>
            <ViewerMessage kind={status.kind}>
              {status.kind === 'loading' ? 'Loading DICOM image…' : status.message}
            </ViewerMessage>
          </div>
        )}
        <span id={helpId} hidden>
          {KEYS_HELP}
        </span>
      </div>
      {frameCount > 1 && (
        <div
          style={{
            display: 'flex',
            gap: 8,
            alignItems: 'center',
            font: '13px system-ui, sans-serif',
            padding: '4px 0',
          }}
        >
          <button type="button" aria-pressed={playing} onClick={() => changePlaying(!playing)}>
            {playing ? 'Pause' : 'Play'}
          </button>
          <input
            type="range"
            aria-label="Frame"
            min={1}
            max={frameCount}
            value={frame + 1}
            onChange={(e) => changeFrame(Number(e.target.value) - 1)}
            style={{ flex: 1 }}
          />
          <label>
            fps{' '}
            <input
              type="number"
              min={1}
              max={120}
              value={props.fps ?? fps}
              onChange={(e) => setFps(Math.max(1, Math.min(120, Number(e.target.value) || 1)))}
              style={{ width: '4em' }}
            />
          </label>
        </div>
      )}
    </section>
  )
}

function clampFrame(frame: number, count: number): number {
  return Math.max(0, Math.min(count - 1, Math.trunc(frame) || 0))
}

function clampScale(scale: number): number {
  return Math.max(0.02, Math.min(50, scale))
}

function sameWindow(a: DicomViewport, b: DicomViewport | undefined): boolean {
  return !!b && a.windowCenter === b.windowCenter && a.windowWidth === b.windowWidth
}

/** Window change per dragged pixel: the image's modality range over ~300 px, so one drag spans it. */
function windowStep(image: CornerstoneImage | undefined): number {
  if (!image) return 1
  const range = Math.abs((image.maxPixelValue - image.minPixelValue) * image.slope)
  return Math.max(range, 1) / 300
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
