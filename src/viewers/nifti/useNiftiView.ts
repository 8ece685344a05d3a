'use client'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { ElementSize } from '../ui/useElementSize.js'
import type { DragMode } from '../ui/ViewerToolbar.js'
import type { NiftiPlane } from './niftiSliceGeometry.js'
import { useNiftiViewState } from './useNiftiViewState.js'
import { type NiftiWindow, useNiftiVolume } from './useNiftiVolume.js'

/**
 * Everything a NiftiViewer shows of `plane` and the actions that change it: the NIfTI counterpart of the
 * DICOM viewport controller, in React state (the volume is in memory; nothing loads asynchronously).
 */
export function useNiftiView(
  data: NiftiData,
  plane: NiftiPlane,
  area: ElementSize,
  callbacks: {
    onSliceChange?: (index: number, plane: NiftiPlane) => void
    onWindowChange?: (window: NiftiWindow) => void
  },
) {
  const { volume: vol, error } = useNiftiVolume(data)
  const [view, change] = useNiftiViewState(data)
  const g = vol?.geometries[plane]
  const count = g?.count ?? 1
  const index = Math.min(count - 1, view.slices[plane] ?? Math.floor(count / 2))
  const window = view.window ?? vol?.initialWindow ?? { center: 0, width: 1 }
  // Fit the slice into the area keeping the physical aspect (pixDims); zoom and pan on top.
  const physicalW = (g?.width ?? 1) * (g?.pixelWidth ?? 1)
  const physicalH = (g?.height ?? 1) * (g?.pixelHeight ?? 1)
  const fit = Math.min(area.width / physicalW, area.height / physicalH) || 0
  const actualZoom = fit > 0 ? (g?.width ?? 1) / (physicalW * fit) : 1
  const zoom = view.actualSize ? actualZoom : view.zoom
  // Window change per step: the volume's range over 300, so one drag across the viewer spans it.
  const step = Math.max(1e-6, ((vol?.max ?? 1) - (vol?.min ?? 0)) / 300)

  const goToSlice = (i: number) => {
    const target = Math.max(0, Math.min(count - 1, i))
    if (target === index) return
    change({ slices: { ...view.slices, [plane]: target } })
    callbacks.onSliceChange?.(target, plane)
  }
  const setWindow = (w: NiftiWindow) => {
    change({ window: w })
    callbacks.onWindowChange?.(w)
  }
  const reset = () => {
    if (vol) setWindow(vol.initialWindow)
    change({ zoom: 1, pan: { x: 0, y: 0 }, invert: false, actualSize: false })
  }
  const drag = (mode: DragMode, dx: number, dy: number) => {
    if (mode === 'window') {
      setWindow({ width: Math.max(step, window.width + dx * step), center: window.center + dy * step })
    } else if (mode === 'zoom') {
      change({ zoom: Math.max(0.05, Math.min(50, zoom * Math.exp(-dy / 100))), actualSize: false })
    } else change({ pan: { x: view.pan.x + dx, y: view.pan.y + dy } })
  }
  return {
    vol,
    error,
    view,
    change,
    g,
    count,
    index,
    window,
    grey: data.datatype !== 'rgb24',
    size: { width: physicalW * fit * zoom, height: physicalH * fit * zoom },
    zoom,
    actualZoom,
    step,
    goToSlice,
    setWindow,
    reset,
    drag,
  }
}
