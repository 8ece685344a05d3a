import { stackCommands } from '../ui/stackCommands.js'
import type { ViewerCommandHandlers } from '../ui/useViewerKeys.js'
import type { DragMode } from '../ui/ViewerToolbar.js'
import type { NiftiPlane } from './niftiSliceGeometry.js'
import type { NiftiViewState } from './useNiftiViewState.js'
import type { NiftiWindow } from './useNiftiVolume.js'

export interface NiftiCommandContext {
  view: NiftiViewState
  change: (c: Partial<NiftiViewState>) => void
  index: number
  count: number
  goToSlice: (index: number) => void
  setPlane: (plane: NiftiPlane) => void
  window: NiftiWindow
  setWindow: (w: NiftiWindow) => void
  /** Window change per step: the volume's range over 300. */
  step: number
  grey: boolean
  /** Zoom that shows one voxel per screen pixel (relative to fit). */
  actualZoom: number
  reset: () => void
  playing: boolean
  setPlaying: (playing: boolean) => void
  setDragMode: (mode: DragMode) => void
  toggleHelp: () => void
}

/** What each key of the shared keymap does in a NiftiViewer. */
export function niftiCommands(c: NiftiCommandContext): ViewerCommandHandlers {
  const { view, change, window: w, step } = c
  const pan = (dx: number, dy: number) => change({ pan: { x: view.pan.x + dx, y: view.pan.y + dy } })
  const zoom = (f: number) => change({ zoom: Math.max(0.05, Math.min(50, view.zoom * f)), actualSize: false })
  return {
    ...stackCommands(c.index, c.count, c.goToSlice),
    panLeft: () => pan(-10, 0),
    panRight: () => pan(10, 0),
    panUp: () => pan(0, -10),
    panDown: () => pan(0, 10),
    zoomIn: () => zoom(1.25),
    zoomOut: () => zoom(1 / 1.25),
    fit: () => change({ zoom: 1, pan: { x: 0, y: 0 }, actualSize: false }),
    actualSize: () => change({ zoom: c.actualZoom, pan: { x: 0, y: 0 }, actualSize: true }),
    reset: c.reset,
    axial: () => c.setPlane('axial'),
    coronal: () => c.setPlane('coronal'),
    sagittal: () => c.setPlane('sagittal'),
    dragZoom: () => c.setDragMode('zoom'),
    dragPan: () => c.setDragMode('pan'),
    help: c.toggleHelp,
    ...(c.count > 1 && { play: () => c.setPlaying(!c.playing) }),
    ...(c.grey && {
      widerWindow: () => c.setWindow({ ...w, width: w.width + 10 * step }),
      narrowerWindow: () => c.setWindow({ ...w, width: Math.max(step, w.width - 10 * step) }),
      raiseLevel: () => c.setWindow({ ...w, center: w.center + 10 * step }),
      lowerLevel: () => c.setWindow({ ...w, center: w.center - 10 * step }),
      invert: () => change({ invert: !view.invert }),
      dragWindow: () => c.setDragMode('window'),
    }),
  }
}
