'use client'
import { useState } from 'react'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { NiftiPlane } from './niftiSliceGeometry.js'
import type { NiftiWindow } from './useNiftiVolume.js'

/** What the user has changed in a NiftiViewer; undefined fields follow the volume's defaults. */
export interface NiftiViewState {
  /** Slice per plane (default: the middle one). */
  slices: Partial<Record<NiftiPlane, number>>
  /** Volume of a 4D series. */
  volume: number
  window?: NiftiWindow
  /** Zoom relative to the fitted size (1 = fit). */
  zoom: number
  /** Pan in screen pixels from the centred position. */
  pan: { x: number; y: number }
  invert: boolean
  /** The zoom follows the viewer's size until the user zooms (1:1 keeps its voxel size). */
  actualSize: boolean
}

const INITIAL: NiftiViewState = {
  slices: {},
  volume: 0,
  zoom: 1,
  pan: { x: 0, y: 0 },
  invert: false,
  actualSize: false,
}

/** The user's view of a volume, started afresh when the data changes. */
export function useNiftiViewState(
  data: NiftiData,
): [NiftiViewState, (change: Partial<NiftiViewState>) => void] {
  const [state, setState] = useState({ data, view: INITIAL })
  // Reset during render (no effect: the first paint of new data already shows its defaults).
  const view = state.data === data ? state.view : INITIAL
  if (state.data !== data) setState({ data, view: INITIAL })
  const change = (c: Partial<NiftiViewState>) =>
    setState((s) => ({ data: s.data, view: { ...s.view, ...c } }))
  return [view, change]
}
