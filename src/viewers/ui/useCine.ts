'use client'
import { useEffect, useRef } from 'react'

/**
 * Cine playback: while `playing`, calls `advance()` every 1/fps s, but only once `ready()` says the previous
 * step is on screen, so slow decodes never pile up.
 */
export function useCine(playing: boolean, fps: number, ready: () => boolean, advance: () => void): void {
  const latest = useRef({ ready, advance })
  latest.current = { ready, advance }
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      if (latest.current.ready()) latest.current.advance()
    }, 1000 / Math.max(0.1, fps))
    return () => clearInterval(timer)
  }, [playing, fps])
}
