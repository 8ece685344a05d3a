'use client'
import { useRef, useState } from 'react'
import { NiftiAnnotationCanvas, NiftiAnnotationLegend } from './annotations/NiftiAnnotationLayer.js'
import { useAnnotationDisplay } from './annotations/useAnnotationDisplay.js'
import { useDecodedMasks } from './annotations/useDecodedMasks.js'
import { NiftiLayers } from './nifti/NiftiLayers.js'
import { NiftiSliceStack } from './nifti/NiftiSliceStack.js'
import { NiftiToolbar } from './nifti/NiftiToolbar.js'
import type { NiftiViewerProps } from './nifti/NiftiViewerProps.js'
import { niftiCommands } from './nifti/niftiCommands.js'
import { useNiftiSliceCanvas } from './nifti/useNiftiSliceCanvas.js'
import { useNiftiView } from './nifti/useNiftiView.js'
import { describeViewerError } from './ui/describeViewerError.js'
import { useCine } from './ui/useCine.js'
import { useControllableState } from './ui/useControllableState.js'
import { useElementSize } from './ui/useElementSize.js'
import { useImageInteraction } from './ui/useImageInteraction.js'
import { ViewerShell } from './ui/ViewerShell.js'
import { ViewerError } from './ui/ViewerState.js'
import type { DragMode } from './ui/ViewerToolbar.js'

export type { NiftiViewerProps } from './nifti/NiftiViewerProps.js'
export type { NiftiWindow } from './nifti/useNiftiVolume.js'

/**
 * A NIfTI volume slice by slice in patient space ({@link niftiSlice}: radiological convention, anatomy upright),
 * on a 2D canvas with the voxel aspect from pixDims and orientation letters at the edges. The toolbar is the
 * DicomViewer's (drag modes, invert, colour map, fit/1:1/reset, cine, slice slider, keyboard help) plus plane
 * buttons and a volume slider for 4D series; keys follow the shared keymap (`a`/`c`/`s` switch plane).
 *
 * @example
 * <div style={{ height: 480 }}><NiftiViewer data={nifti} defaultPlane="coronal" /></div>
 */
export function NiftiViewer(props: NiftiViewerProps) {
  const { data, toolbar = true } = props
  const name = props.label ?? 'NIfTI viewer'
  const [plane, setPlane] = useControllableState(
    props.plane,
    props.defaultPlane ?? 'axial',
    props.onPlaneChange,
  )
  const [colormap, setColormap] = useControllableState(props.colormap, 'grayscale', props.onColormapChange)
  const [playing, setPlaying] = useState(false)
  const [fps, setFps] = useState(10)
  const [dragMode, setDragMode] = useState<DragMode>('window')
  const [helpOpen, setHelpOpen] = useState(false)
  const imageRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const n = useNiftiView(data, plane, useElementSize(imageRef), props)
  const { g, index, count, view, grey } = n
  const annotations = props.annotations?.length ? props.annotations : undefined
  const { masks } = useDecodedMasks(annotations)
  const display = useAnnotationDisplay(annotations, masks)
  const drawError = useNiftiSliceCanvas(canvasRef, {
    ...{
      data,
      geometry: g,
      plane,
      index,
      volume: view.volume,
      window: n.window,
      invert: view.invert,
      colormap,
    },
  })
  const toggleHelp = () => setHelpOpen((open) => !open)
  const commands = niftiCommands({ ...n, setPlane, playing, setPlaying, setDragMode, toggleHelp })
  const leftMode = !grey && dragMode === 'window' ? 'pan' : dragMode
  const imageProps = useImageInteraction(imageRef, {
    commands,
    leftMode,
    drag: n.drag,
    wheel: (d) => n.goToSlice(index + d),
  })
  useCine(
    playing && count > 1,
    fps,
    () => true,
    () => n.goToSlice((index + 1) % count),
  )

  if (!n.vol || !g) {
    const text = describeViewerError(n.error, { format: 'NIfTI', action: 'open' })
    return (
      <section aria-label={name} className={props.className} style={props.style}>
        <ViewerError text={{ ...text, title: 'This NIfTI volume cannot be shown' }} />
      </section>
    )
  }
  return (
    <ViewerShell
      name={name}
      busy={false}
      className={props.className}
      style={props.style}
      imageRef={imageRef}
      roleDescription="NIfTI slice"
      imageLabel={`${name}: ${plane} slice ${index + 1} of ${count}`}
      imageProps={imageProps}
      toolbar={
        toolbar && (
          <NiftiToolbar
            label={`${name} tools`}
            plane={plane}
            onPlaneChange={setPlane}
            volumes={g.volumes}
            volume={view.volume}
            onVolumeChange={(volume) => n.change({ volume })}
            toolbar={{
              grey,
              dragMode: leftMode,
              onDragModeChange: setDragMode,
              colormap,
              onColormapChange: setColormap,
              inverted: view.invert,
              onInvert: commands.invert,
              onFit: commands.fit,
              onActualSize: commands.actualSize,
              onReset: n.reset,
              stack: { noun: 'Slice', index, count, onChange: n.goToSlice },
              cine: { playing, onPlayingChange: setPlaying, fps, onFpsChange: setFps },
              commands,
              helpOpen,
              onHelpOpenChange: setHelpOpen,
            }}
          />
        )
      }
    >
      <NiftiSliceStack
        canvasRef={canvasRef}
        size={n.size}
        pan={view.pan}
        pixelated={props.interpolation === 'pixelated'}
        g={g}
        annotationCanvas={
          annotations && (
            <NiftiAnnotationCanvas
              data={data}
              g={g}
              index={index}
              annotations={annotations}
              masks={masks}
              display={display}
              style={n.size}
            />
          )
        }
      />
      {annotations && <NiftiAnnotationLegend annotations={annotations} display={display} />}
      <NiftiLayers
        g={g}
        index={index}
        volume={view.volume}
        window={n.window}
        grey={grey}
        zoomPercent={Math.round(n.zoom * 100)}
        colormap={colormap}
        overlay={props.overlay ?? true}
      />
      {drawError !== undefined && (
        <div className="dmv-cover">
          <ViewerError text={describeViewerError(drawError, { format: 'NIfTI', action: 'open' })} />
        </div>
      )}
    </ViewerShell>
  )
}
