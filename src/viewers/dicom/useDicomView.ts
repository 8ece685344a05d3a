'use client'
import { type RefObject, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import type { DicomData } from '../../api/format/ConvertedData.js'
import type { Cornerstone } from './Cornerstone.js'
import {
  type DicomViewOptions,
  DicomViewportController,
  type DicomViewState,
} from './DicomViewportController.js'
import { loadCornerstone, loadedCornerstone } from './loadCornerstone.js'

/**
 * cornerstone-core, imported on the first viewer's mount (later viewers get it synchronously), or the error
 * that stopped it loading.
 */
export function useCornerstone(): { cornerstone?: Cornerstone; error?: unknown } {
  const [state, setState] = useState<{ cornerstone?: Cornerstone; error?: unknown }>(() => ({
    cornerstone: loadedCornerstone(),
  }))
  useEffect(() => {
    if (state.cornerstone) return
    let unmounted = false
    loadCornerstone().then(
      (cornerstone) => !unmounted && setState({ cornerstone }),
      (error: unknown) => !unmounted && setState({ error }),
    )
    return () => {
      unmounted = true
    }
  }, [state.cornerstone])
  return state
}

/**
 * The React shell of a {@link DicomViewportController}: mounts it on the element (layout effects, so the first
 * frame is drawn before the browser paints), hands it the current options after every render and subscribes
 * to its snapshots.
 */
export function useDicomView(
  elementRef: RefObject<HTMLElement | null>,
  cornerstone: Cornerstone | undefined,
  data: DicomData,
  options: DicomViewOptions,
): [DicomViewState, DicomViewportController] {
  const [controller] = useState(() => new DicomViewportController())
  useLayoutEffect(() => {
    const element = elementRef.current
    if (!cornerstone || !element) return
    return controller.mount(cornerstone, element, data)
  }, [controller, cornerstone, data, elementRef])
  useLayoutEffect(() => controller.setOptions(options))
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot)
  return [state, controller]
}
