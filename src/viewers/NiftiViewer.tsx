'use client'
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { NiftiData } from '../api/format/ConvertedData.js'
import { niftiRange } from './nifti/niftiRange.js'
import { niftiSlice } from './nifti/niftiSlice.js'
import { type NiftiPlane, type NiftiSliceGeometry, niftiSliceGeometry } from './nifti/niftiSliceGeometry.js'
import { niftiSliceRgb } from './nifti/niftiSliceRgb.js'
import { windowToRgba } from './render/windowToRgba.js'
import { formatWindowValue } from './ui/formatWindowValue.js'
import { frameStyle, toolbarStyle } from './ui/frameStyle.js'
import { useElementSize } from './ui/useElementSize.js'
import { usePointerDrag } from './ui/usePointerDrag.js'
import { ViewerMessage } from './ui/ViewerMessage.js'
import type { ViewerProps } from './ui/ViewerProps.js'

export interface NiftiWindow {
  center: number
  width: number
}

export interface NiftiViewerProps extends ViewerProps {
  data: NiftiData
  /** Shown plane. Controlled when given; pair with `onPlaneChange`. */
  plane?: NiftiPlane
  defaultPlane?: NiftiPlane
  onPlaneChange?: (plane: NiftiPlane) => void
  /** Called with the slice index (see {@link niftiSlice}) whenever the user changes slice. */
  onSliceChange?: (index: number, plane: NiftiPlane) => void
  /** Called when the user changes the window (scaled units). */
  onWindowChange?: (window: NiftiWindow) => void
}

const PLANES: NiftiPlane[] = ['axial', 'coronal', 'sagittal']

const KEYS_HELP =
  'Drag to adjust window/level; wheel changes slice. Keys: Up/Down or Left/Right previous/next slice, ' +
  'PageUp/PageDown 10 slices, Home/End first/last, Shift+Left/Right narrower/wider window, Shift+Up/Down ' +
  'raise/lower level, A/C/S axial/coronal/sagittal, R reset window.'

/**
 * A NIfTI volume slice by slice in patient space ({@link niftiSlice}: radiological convention, anatomy upright),
 * drawn on a 2D canvas with the voxel aspect from pixDims and orientation letters at the edges.
 * Controls: plane switch, slice slider, volume slider for 4D series, window/level by dragging.
 * Keyboard (focused image): ↑/↓ or ←/→ slice, PageUp/PageDown ±10, Home/End, Shift+←/→ window width,
 * Shift+↑/↓ level, `a`/`c`/`s` plane, `r` reset window. rgb24 volumes are shown in colour.
 *
 * @example
 * <div style={{ height: 480 }}><NiftiViewer data={nifti} defaultPlane="coronal" /></div>
 */
export function NiftiViewer(props: NiftiViewerProps) {
  const { data, label, className, style } = props
  const [innerPlane, setInnerPlane] = useState<NiftiPlane>(props.defaultPlane ?? 'axial')
  const plane = props.plane ?? innerPlane
  const helpId = useId()

  const setup = useMemo(() => {
    try {
      const geometries = Object.fromEntries(PLANES.map((p) => [p, niftiSliceGeometry(data, p)])) as Record<
        NiftiPlane,
        NiftiSliceGeometry
      >
      const { min, max } = niftiRange(data)
      const initialWindow = { center: (min + max) / 2, width: Math.max(1e-6, max - min) }
      return { geometries, min, max, initialWindow, error: undefined }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
  }, [data])

  const [slices, setSlices] = useState<Partial<Record<NiftiPlane, number>>>({})
  const [volume, setVolume] = useState(0)
  const [window, setWindow] = useState<NiftiWindow>()
  // Reset per-volume state when the data changes.
  const [forData, setForData] = useState(data)
  if (forData !== data) {
    setForData(data)
    setSlices({})
    setVolume(0)
    setWindow(undefined)
  }

  const canvasRef = useRef<HTMLCanvasElement>(null)
  const areaRef = useRef<HTMLDivElement>(null)
  const area = useElementSize(areaRef)

  const g = setup.geometries?.[plane]
  const index = g ? Math.min(g.count - 1, slices[plane] ?? Math.floor(g.count / 2)) : 0
  const shownWindow = window ?? setup.initialWindow
  const [drawError, setDrawError] = useState<string>()

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || !g || !shownWindow) return
    try {
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('this browser gives no 2D canvas')
      const image = ctx.createImageData(g.width, g.height)
      if (data.datatype === 'rgb24') {
        const rgb = niftiSliceRgb(data, plane, index, volume)
        for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
          image.data[o] = rgb[i]
          image.data[o + 1] = rgb[i + 1]
          image.data[o + 2] = rgb[i + 2]
          image.data[o + 3] = 255
        }
      } else {
        windowToRgba(
          niftiSlice(data, plane, index, volume),
          shownWindow.center,
          shownWindow.width,
          image.data,
        )
      }
      ctx.putImageData(image, 0, 0)
      setDrawError(undefined)
    } catch (error) {
      setDrawError(error instanceof Error ? error.message : String(error))
    }
  }, [data, g, plane, index, volume, shownWindow])

  // Wheel through slices (native listener: React's onWheel is passive and cannot stop the page scrolling).
  const wheelTo = useRef<(deltaY: number) => void>(undefined)
  // Set once the volume can be shown (after the early return below); the hooks must come first.
  const dragBy = useRef<(dx: number, dy: number) => void>(undefined)
  const drag = usePointerDrag(
    (e) => (e.button === 0 ? 'window' : undefined),
    (_, dx, dy) => dragBy.current?.(dx, dy),
  )
  useEffect(() => {
    const area = areaRef.current
    if (!area) return
    const onWheel = (e: WheelEvent) => {
      if (!e.deltaY || !wheelTo.current) return
      e.preventDefault()
      wheelTo.current(e.deltaY)
    }
    area.addEventListener('wheel', onWheel, { passive: false })
    return () => area.removeEventListener('wheel', onWheel)
  }, [])

  if (setup.error !== undefined || !g || !shownWindow) {
    return (
      <section aria-label={label ?? 'NIfTI viewer'} className={className} style={style}>
        <ViewerMessage kind="error">This NIfTI volume cannot be shown: {setup.error}</ViewerMessage>
      </section>
    )
  }

  const step = Math.max(1e-6, (setup.max! - setup.min!) / 300)
  const changeSlice = (next: number) => {
    const target = Math.max(0, Math.min(g.count - 1, next))
    if (target === index) return
    setSlices((s) => ({ ...s, [plane]: target }))
    props.onSliceChange?.(target, plane)
  }
  wheelTo.current = (deltaY) => changeSlice(index + (deltaY > 0 ? -1 : 1))
  const changeWindow = (update: (w: NiftiWindow) => NiftiWindow) => {
    const next = update(shownWindow)
    setWindow(next)
    props.onWindowChange?.(next)
  }
  const changePlane = (next: NiftiPlane) => {
    setInnerPlane(next)
    if (next !== plane) props.onPlaneChange?.(next)
  }

  dragBy.current = (dx, dy) =>
    changeWindow((w) => ({ width: Math.max(step, w.width + dx * step), center: w.center + dy * step }))
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = e.key
    let handled = true
    if (e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
      const d = (key === 'ArrowRight' ? 10 : -10) * step
      changeWindow((w) => ({ ...w, width: Math.max(step, w.width + d) }))
    } else if (e.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      const d = (key === 'ArrowUp' ? 10 : -10) * step
      changeWindow((w) => ({ ...w, center: w.center + d }))
    } else if (key === 'ArrowUp' || key === 'ArrowRight') changeSlice(index + 1)
    else if (key === 'ArrowDown' || key === 'ArrowLeft') changeSlice(index - 1)
    else if (key === 'PageUp') changeSlice(index + 10)
    else if (key === 'PageDown') changeSlice(index - 10)
    else if (key === 'Home') changeSlice(0)
    else if (key === 'End') changeSlice(g.count - 1)
    else if (key === 'a') changePlane('axial')
    else if (key === 'c') changePlane('coronal')
    else if (key === 's') changePlane('sagittal')
    else if (key === 'r') changeWindow(() => setup.initialWindow!)
    else handled = false
    if (handled) e.preventDefault()
  }

  // Fit the slice into the area, keeping the physical aspect (pixDims).
  const physicalW = g.width * g.pixelWidth
  const physicalH = g.height * g.pixelHeight
  const fit = Math.min(area.width / physicalW, area.height / physicalH) || 0
  const name = label ?? 'NIfTI viewer'
  const labelStyle = {
    position: 'absolute',
    color: '#ff0',
    font: '12px system-ui, sans-serif',
    pointerEvents: 'none',
  } as const

  return (
    <section aria-label={name} className={className} style={frameStyle(160, style)}>
      <div style={toolbarStyle}>
        <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: 4 }}>
          <legend
            style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
          >
            Plane
          </legend>
          {PLANES.map((p) => (
            <button key={p} type="button" aria-pressed={p === plane} onClick={() => changePlane(p)}>
              {p[0].toUpperCase() + p.slice(1)}
            </button>
          ))}
        </fieldset>
        <label style={{ display: 'flex', gap: 4, alignItems: 'center', flex: 1 }}>
          Slice
          <input
            type="range"
            min={0}
            max={g.count - 1}
            value={index}
            onChange={(e) => changeSlice(Number(e.target.value))}
            style={{ flex: 1 }}
          />
          <span>
            {index + 1}/{g.count}
          </span>
        </label>
        {g.volumes > 1 && (
          <label style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
            Volume
            <input
              type="range"
              min={0}
              max={g.volumes - 1}
              value={volume}
              onChange={(e) => setVolume(Number(e.target.value))}
            />
            <span>
              {volume + 1}/{g.volumes}
            </span>
          </label>
        )}
        {data.datatype !== 'rgb24' && (
          <span data-nifti-window="">
            WW/WL {formatWindowValue(shownWindow.width)}/{formatWindowValue(shownWindow.center)}
          </span>
        )}
      </div>
      {drawError && <ViewerMessage kind="error">This slice cannot be drawn: {drawError}</ViewerMessage>}
      <div
        ref={areaRef}
        role="application"
        aria-roledescription="NIfTI slice"
        aria-label={`${name}: ${plane} slice ${index + 1} of ${g.count}`}
        aria-describedby={helpId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region takes keyboard commands
        tabIndex={0}
        onKeyDown={onKeyDown}
        {...drag}
        style={{
          position: 'relative',
          flex: 1,
          minHeight: 0,
          background: '#000',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          overflow: 'hidden',
          touchAction: 'none',
        }}
      >
        <canvas
          ref={canvasRef}
          width={g.width}
          height={g.height}
          style={{ width: physicalW * fit, height: physicalH * fit, imageRendering: 'pixelated' }}
        />
        <span style={{ ...labelStyle, top: 2, left: '50%' }}>{g.labels.top}</span>
        <span style={{ ...labelStyle, bottom: 2, left: '50%' }}>{g.labels.bottom}</span>
        <span style={{ ...labelStyle, left: 4, top: '50%' }}>{g.labels.left}</span>
        <span style={{ ...labelStyle, right: 4, top: '50%' }}>{g.labels.right}</span>
        <span id={helpId} hidden>
          {KEYS_HELP}
        </span>
      </div>
    </section>
  )
}
