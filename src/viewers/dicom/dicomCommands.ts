import { stackCommands } from '../ui/stackCommands.js'
import type { ViewerCommandHandlers } from '../ui/useViewerKeys.js'
import type { DragMode } from '../ui/ViewerToolbar.js'
import type { DicomViewportController } from './DicomViewportController.js'

export interface DicomCommandContext {
  controller: DicomViewportController
  frame: number
  frameCount: number
  goToFrame: (frame: number) => void
  grey: boolean
  playing: boolean
  setPlaying: (playing: boolean) => void
  setDragMode: (mode: DragMode) => void
  toggleHelp: () => void
}

/** What each key of the shared keymap does in a DicomViewer (window keys only for grey images). */
export function dicomCommands(c: DicomCommandContext): ViewerCommandHandlers {
  const { controller } = c
  return {
    ...stackCommands(c.frame, c.frameCount, c.goToFrame),
    panLeft: () => controller.panBy(-10, 0),
    panRight: () => controller.panBy(10, 0),
    panUp: () => controller.panBy(0, -10),
    panDown: () => controller.panBy(0, 10),
    zoomIn: () => controller.zoomBy(1.25),
    zoomOut: () => controller.zoomBy(1 / 1.25),
    fit: () => controller.fit(),
    actualSize: () => controller.actualSize(),
    reset: () => controller.reset(),
    dragZoom: () => c.setDragMode('zoom'),
    dragPan: () => c.setDragMode('pan'),
    help: c.toggleHelp,
    ...(c.frameCount > 1 && { play: () => c.setPlaying(!c.playing) }),
    ...(c.grey && {
      widerWindow: () => controller.windowBy(10, 0),
      narrowerWindow: () => controller.windowBy(-10, 0),
      raiseLevel: () => controller.windowBy(0, 10),
      lowerLevel: () => controller.windowBy(0, -10),
      invert: () => controller.update((v) => ({ ...v, invert: !v.invert })),
      dragWindow: () => c.setDragMode('window'),
    }),
  }
}
