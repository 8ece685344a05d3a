'use client'
import { type PointerEvent, useRef } from 'react'

type Handler = (e: PointerEvent<HTMLElement>) => void

/** The pointer handlers {@link usePointerDrag} returns; spread them on the dragged element. */
export interface PointerDragHandlers {
  onPointerDown: Handler
  onPointerMove: Handler
  onPointerUp: Handler
  onPointerCancel: Handler
}

/**
 * A drag that follows the one pointer that started it: `start` decides from the pointer-down event what the drag
 * does (undefined: no drag), `move` gets that mode and the movement since the last call. The pointer is
 * captured so the drag goes on outside the element; up or cancel of that pointer ends it.
 *
 * @example
 * const drag = usePointerDrag((e) => (e.button === 0 ? 'window' : undefined), (_, dx, dy) => setWindow(dx, dy))
 * return <div {...drag} style={{ touchAction: 'none' }} />
 */
export function usePointerDrag<Mode>(
  start: (e: PointerEvent<HTMLElement>) => Mode | undefined,
  move: (mode: Mode, dx: number, dy: number) => void,
): PointerDragHandlers {
  const drag = useRef<{ mode: Mode; x: number; y: number; id: number }>(undefined)
  const end: Handler = (e) => {
    if (drag.current?.id === e.pointerId) drag.current = undefined
  }
  return {
    onPointerDown(e) {
      const mode = start(e)
      if (mode === undefined) return
      drag.current = { mode, x: e.clientX, y: e.clientY, id: e.pointerId }
      try {
        e.currentTarget.setPointerCapture(e.pointerId)
      } catch {
        // synthetic or already-released pointers cannot be captured; the drag still works inside
      }
    },
    onPointerMove(e) {
      const d = drag.current
      if (!d || d.id !== e.pointerId) return
      const dx = e.clientX - d.x
      const dy = e.clientY - d.y
      d.x = e.clientX
      d.y = e.clientY
      if (dx || dy) move(d.mode, dx, dy)
    },
    onPointerUp: end,
    onPointerCancel: end,
  }
}
