'use client'
import { type RefObject, useEffect, useRef } from 'react'

/**
 * Calls `step(+1 | -1)` for each wheel notch over the element. A native listener: React's onWheel is passive
 * and cannot stop the page from scrolling under the viewer.
 */
export function useWheelSteps(
  ref: RefObject<HTMLElement | null>,
  step: ((direction: 1 | -1) => void) | undefined,
) {
  const latest = useRef(step)
  latest.current = step
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const onWheel = (e: WheelEvent) => {
      if (!latest.current || e.deltaY === 0) return
      e.preventDefault()
      latest.current(e.deltaY > 0 ? 1 : -1)
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [ref])
}
