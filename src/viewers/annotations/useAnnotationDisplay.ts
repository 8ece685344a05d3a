'use client'
import { useMemo, useState } from 'react'
import type { DecodedMask } from './decodeMask.js'
import { labelVolumeLabels } from './labelVolumeLabels.js'
import { annotationKind, labelColours, type ViewerAnnotation } from './viewerAnnotations.js'

/** What the legend controls: which labels are shown, and the masks' opacity. */
export interface AnnotationDisplay {
  labels: string[]
  colours: Map<string, [number, number, number]>
  hidden: ReadonlySet<string>
  toggle: (label: string) => void
  opacity: number
  setOpacity: (opacity: number) => void
}

/**
 * The labels of the drawable annotations (masks and shapes) with their colours, and the legend's state. A
 * decoded NIfTI label volume in `masks` gives one label per voxel value (see {@link labelVolumeLabels}).
 */
export function useAnnotationDisplay(
  annotations: readonly ViewerAnnotation[] | undefined,
  masks?: ReadonlyMap<string, DecodedMask>,
): AnnotationDisplay {
  const labels = useMemo(
    () => [
      ...new Set(
        (annotations ?? []).flatMap((a) => {
          const kind = annotationKind(a)
          if (kind !== 'mask' && kind !== 'shape') return []
          const mask = masks?.get(a.id)
          if (mask?.kind === 'labels') return labelVolumeLabels(a, mask.volume).map((l) => l.name)
          return [a.identifier]
        }),
      ),
    ],
    [annotations, masks],
  )
  const colours = useMemo(() => labelColours(labels), [labels])
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [opacity, setOpacity] = useState(0.5)
  const toggle = (label: string) =>
    setHidden((h) => {
      const next = new Set(h)
      if (!next.delete(label)) next.add(label)
      return next
    })
  return { labels, colours, hidden, toggle, opacity, setOpacity }
}
