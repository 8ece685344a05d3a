'use client'
import { useCallback, useRef, useState } from 'react'

/**
 * A value the parent may control (`value` given) or leave to the component (`defaultValue`), as React's own
 * inputs do. `set` reports every change through `onChange`, but only updates the inner value: a controlled
 * value changes when the parent passes a new one.
 *
 * @example
 * const [frame, setFrame] = useControllableState(props.frame, props.defaultFrame ?? 0, props.onFrameChange)
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T | (() => T),
  onChange?: (value: T) => void,
): [T, (next: T) => void] {
  const [inner, setInner] = useState(defaultValue)
  const shown = value === undefined ? inner : value
  const latest = useRef({ shown, onChange })
  latest.current = { shown, onChange }
  const set = useCallback((next: T) => {
    if (Object.is(next, latest.current.shown)) return
    latest.current.shown = next // a second call in the same event compares with this one
    setInner(next)
    latest.current.onChange?.(next)
  }, [])
  return [shown, set]
}
