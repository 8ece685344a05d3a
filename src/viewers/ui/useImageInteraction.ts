'use client'
import type { MouseEvent, RefObject } from 'react'
import { pointerDragMode } from './stackCommands.js'
import { usePointerDrag } from './usePointerDrag.js'
import { useViewerKeys, type ViewerCommandHandlers } from './useViewerKeys.js'
import { useWheelSteps } from './useWheelSteps.js'
import type { DragMode } from './ViewerToolbar.js'

export interface ImageInteraction {
  /** Handlers of the shared keymap's commands. */
  commands: ViewerCommandHandlers
  /** What a plain left-drag does (the toolbar's mode). */
  leftMode: DragMode
  drag: (mode: DragMode, dx: number, dy: number) => void
  /** Wheel notches (+1 down, -1 up); undefined when there is nothing to scroll through. */
  wheel?: (direction: 1 | -1) => void
}

/**
 * The props of a viewer's image area, the same in every image viewer: keys from the shared keymap, drags
 * (left: the toolbar's mode, right/Ctrl: zoom, middle/Shift: pan), wheel, double-click reset, no context menu.
 */
export function useImageInteraction(imageRef: RefObject<HTMLElement | null>, i: ImageInteraction) {
  const keys = useViewerKeys(i.commands)
  const drag = usePointerDrag((e) => pointerDragMode(e, i.leftMode), i.drag)
  useWheelSteps(imageRef, i.wheel)
  return {
    ...keys,
    ...drag,
    onDoubleClick: i.commands.reset,
    onContextMenu: (e: MouseEvent) => e.preventDefault(),
  }
}
