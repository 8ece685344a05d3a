'use client'
import { type CSSProperties, useLayoutEffect, useRef } from 'react'
import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { NiftiSliceGeometry } from '../nifti/niftiSliceGeometry.js'
import { AnnotationLegend } from './AnnotationLegend.js'
import type { DecodedMask } from './decodeMask.js'
import { labelVolumeLabels } from './labelVolumeLabels.js'
import { niftiLabelSlice } from './niftiLabelSlice.js'
import type { AnnotationDisplay } from './useAnnotationDisplay.js'
import { annotationKind, chipText, type ViewerAnnotation } from './viewerAnnotations.js'

/**
 * The label volumes of a NiftiViewer's segmentation annotations, resampled into the displayed slice in patient
 * space and drawn pixel for pixel on a canvas laid exactly over the slice's (same size and transform): each
 * label value in its own legend colour, hidden with its legend toggle, at the legend's opacity.
 */
export function NiftiAnnotationCanvas(props: {
  data: NiftiData
  g: NiftiSliceGeometry
  index: number
  annotations: readonly ViewerAnnotation[]
  masks: ReadonlyMap<string, DecodedMask>
  display: AnnotationDisplay
  style: CSSProperties
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  const { data, g, index, annotations, masks, display } = props
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d')
    if (!ctx) return
    const image = ctx.createImageData(g.width, g.height)
    const alpha = Math.round(display.opacity * 255)
    for (const a of annotations) {
      const mask = masks.get(a.id)
      if (mask?.kind !== 'labels') continue
      // Each label value in its own colour, unless the legend hides it: a lookup table by value (0 = none).
      const lut = new Uint8Array(256 * 3)
      const shown = new Uint8Array(256)
      for (const { value, name } of labelVolumeLabels(a, mask.volume)) {
        if (display.hidden.has(name)) continue
        lut.set(display.colours.get(name) ?? [255, 255, 255], value * 3)
        shown[value] = 1
      }
      const labels = niftiLabelSlice(data, g, index, mask.volume)
      for (let i = 0; i < labels.length; i++) {
        const v = labels[i]
        if (!shown[v]) continue
        image.data[i * 4] = lut[v * 3]
        image.data[i * 4 + 1] = lut[v * 3 + 1]
        image.data[i * 4 + 2] = lut[v * 3 + 2]
        image.data[i * 4 + 3] = alpha
      }
    }
    ctx.putImageData(image, 0, 0)
  }, [data, g, index, annotations, masks, display.hidden, display.colours, display.opacity])
  return (
    <canvas
      ref={ref}
      width={g.width}
      height={g.height}
      data-annotation-layer=""
      style={{ ...props.style, position: 'absolute', inset: 0, imageRendering: 'pixelated' }}
    />
  )
}

/** The legend and chips of a NiftiViewer's annotations. */
export function NiftiAnnotationLegend(props: {
  annotations: readonly ViewerAnnotation[]
  display: AnnotationDisplay
}) {
  const chips = props.annotations.filter((a) => annotationKind(a) === 'chip').map(chipText)
  return <AnnotationLegend display={props.display} chips={chips} />
}
