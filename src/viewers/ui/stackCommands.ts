import type { ViewerCommandHandlers } from './useViewerKeys.js'

/** Keyboard handlers that move through a stack of `count` frames or slices, shared by both viewers. */
export function stackCommands(
  index: number,
  count: number,
  go: (index: number) => void,
): ViewerCommandHandlers {
  const to = (i: number) => go(Math.max(0, Math.min(count - 1, i)))
  return {
    next: () => to(index + 1),
    previous: () => to(index - 1),
    forward10: () => to(index + 10),
    back10: () => to(index - 10),
    first: () => to(0),
    last: () => to(count - 1),
  }
}

/** The drag mode of a pointer-down: right or Ctrl zooms, middle or Shift pans, left uses the toolbar's mode. */
export function pointerDragMode<Mode extends string>(
  e: { button: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; preventDefault(): void },
  leftMode: Mode,
): Mode | 'zoom' | 'pan' | undefined {
  if (e.button === 1) e.preventDefault() // no autoscroll
  if (e.button === 2 || (e.button === 0 && (e.ctrlKey || e.metaKey))) return 'zoom'
  if (e.button === 1 || (e.button === 0 && e.shiftKey)) return 'pan'
  return e.button === 0 ? leftMode : undefined
}
