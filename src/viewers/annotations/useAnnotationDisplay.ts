'use client'
import { useMemo, useState } from 'react'
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

/** The labels of the drawable annotations (masks and shapes) with their colours, and the legend's state. */
export function useAnnotationDisplay(
  annotations: readonly ViewerAnnotation[] | undefined,
): AnnotationDisplay {
  const labels = useMemo(
    () => [
      ...new Set(
        (annotations ?? [])
          .filter((a) => annotationKind(a) === 'mask' || annotationKind(a) === 'shape')
          .map((a) => a.identifier),
      ),
    ],
    [annotations],
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
