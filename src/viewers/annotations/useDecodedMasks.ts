'use client'
import { useEffect, useRef, useState } from 'react'
import { type DecodedMask, decodeMask } from './decodeMask.js'
import { annotationBytes, annotationKind, type ViewerAnnotation } from './viewerAnnotations.js'

/**
 * The decoded files of the segmentation annotations, by annotation id (filled in as each decodes), and the
 * errors of those that could not be read.
 */
export function useDecodedMasks(annotations: readonly ViewerAnnotation[] | undefined): {
  masks: ReadonlyMap<string, DecodedMask>
  errors: ReadonlyMap<string, unknown>
} {
  const [state, setState] = useState<{
    key?: string
    masks: Map<string, DecodedMask>
    errors: Map<string, unknown>
  }>({ masks: new Map(), errors: new Map() })
  // Keyed by ids and file sizes, so a new array with the same annotations does not decode again.
  const key = (annotations ?? []).map((a) => `${a.id}:${annotationBytes(a)?.length ?? 0}`).join(',')
  const latest = useRef(annotations)
  latest.current = annotations
  useEffect(() => {
    const annotations = latest.current
    let stale = false
    const masks = new Map<string, DecodedMask>()
    const errors = new Map<string, unknown>()
    const work = (annotations ?? []).flatMap((a) => {
      const bytes = annotationKind(a) === 'mask' ? annotationBytes(a) : undefined
      if (!bytes) return []
      return [
        decodeMask(bytes).then(
          (mask) => masks.set(a.id, mask),
          (error: unknown) => errors.set(a.id, error),
        ),
      ]
    })
    void Promise.all(work).then(() => {
      if (!stale) setState({ key, masks, errors })
    })
    return () => {
      stale = true
    }
  }, [key])
  return state.key === key ? state : EMPTY
}

const EMPTY = { masks: new Map<string, DecodedMask>(), errors: new Map<string, unknown>() }
