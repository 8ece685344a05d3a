'use client'
import { useRef, useState } from 'react'
import { DicomAnnotationLayer } from './annotations/DicomAnnotationLayer.js'
import { cineRate } from './dicom/cineRate.js'
import { DicomLayers } from './dicom/DicomLayers.js'
import type { DicomViewerProps } from './dicom/DicomViewerProps.js'
import { dicomCommands } from './dicom/dicomCommands.js'
import { defaultDicomColormap } from './dicom/dicomUnits.js'
import { useCornerstone, useDicomView } from './dicom/useDicomView.js'
import { useCine } from './ui/useCine.js'
import { useControllableState } from './ui/useControllableState.js'
import { useImageInteraction } from './ui/useImageInteraction.js'
import { ViewerShell } from './ui/ViewerShell.js'
import { type DragMode, ViewerToolbar } from './ui/ViewerToolbar.js'
import { windowPresets } from './ui/windowPresets.js'

export type { DicomViewerProps } from './dicom/DicomViewerProps.js'
export type { DicomViewport } from './dicom/DicomViewport.js'

/**
 * A DICOM image on cornerstone-core, fed by {@link decodeDicomFrame}, with a toolbar (window presets by
 * modality, drag modes, colour maps, invert, fit/1:1/reset, cine, frame slider, keyboard help), a corner
 * overlay and a colour bar for colour-mapped images. Keys follow the shared viewer keymap (`?` lists them):
 * ↓/→ next frame, ↑/← previous, Shift+arrows window, Alt+arrows pan, +/− zoom, I invert, R reset, Space cine.
 *
 * @example
 * const [frame, setFrame] = useState(0)
 * <div style={{ height: 512 }}>
 *   <DicomViewer data={dicom} frame={frame} onFrameChange={setFrame} label="CT, series 3" hidePatientInfo />
 * </div>
 */
export function DicomViewer(props: DicomViewerProps) {
  const { data, toolbar = true } = props
  const name = props.label ?? 'DICOM viewer'
  const frameCount = Math.max(1, data.numberOfFrames)
  const elementRef = useRef<HTMLDivElement>(null)
  const imageRef = useRef<HTMLDivElement>(null)
  const { cornerstone, error: rendererError } = useCornerstone()

  const controlled = props.frame === undefined ? undefined : clamp(props.frame, frameCount)
  const [wanted, setFrame] = useControllableState(controlled, props.defaultFrame ?? 0, props.onFrameChange)
  const frame = clamp(wanted, frameCount)
  const go = (f: number) => setFrame(clamp(f, frameCount))
  const [playing, setPlaying] = useControllableState(props.playing, false, props.onPlayingChange)
  const [colormap, setColormap] = useControllableState(
    props.colormap,
    () => defaultDicomColormap(data),
    props.onColormapChange,
  )
  const [fileFps, setFps] = useState(() => cineRate(data))
  const fps = props.fps ?? fileFps
  const [dragMode, setDragMode] = useState<DragMode>('window')
  const [helpOpen, setHelpOpen] = useState(false)

  const [view, controller] = useDicomView(elementRef, cornerstone, data, {
    frame,
    viewport: props.viewport,
    pixelReplication: props.interpolation === 'pixelated',
    colormap,
    onImageRendered: props.onImageRendered,
    onViewportChange: props.onViewportChange,
  })
  const grey = !view.image?.color
  const toggleHelp = () => setHelpOpen((open) => !open)
  const commands = dicomCommands({
    controller,
    frame,
    frameCount,
    goToFrame: go,
    grey,
    playing,
    setPlaying,
    setDragMode,
    toggleHelp,
  })
  // Colour images have no window: a plain drag pans them.
  const leftMode = !grey && dragMode === 'window' ? 'pan' : dragMode
  const imageProps = useImageInteraction(imageRef, {
    commands,
    leftMode,
    drag: (mode, dx, dy) => controller.drag(mode, dx, dy),
    wheel: frameCount > 1 ? (d) => go(frame + d) : undefined,
  })
  const cine = playing && frameCount > 1
  useCine(
    cine,
    fps,
    () => view.displayedFrame === frame,
    () => go((frame + 1) % frameCount),
  )

  const { image, initial } = view
  const presets =
    image && initial
      ? windowPresets(
          data.dataSet.string('x00080060'),
          { min: image.minValue, max: image.maxValue },
          { center: initial.windowCenter, width: initial.windowWidth },
        )
      : undefined
  return (
    <ViewerShell
      name={name}
      busy={view.status === 'loading'}
      className={props.className}
      style={props.style}
      imageRef={imageRef}
      roleDescription="DICOM image"
      imageLabel={`${name}: frame ${frame + 1} of ${frameCount}`}
      imageProps={imageProps}
      toolbar={
        toolbar && (
          <ViewerToolbar
            label={`${name} tools`}
            grey={grey}
            dragMode={leftMode}
            onDragModeChange={setDragMode}
            presets={presets}
            onPreset={(p) =>
              controller.update((v) => ({ ...v, windowCenter: p.center, windowWidth: p.width }))
            }
            colormap={colormap}
            onColormapChange={setColormap}
            inverted={view.viewport?.invert}
            onInvert={commands.invert}
            onFit={commands.fit}
            onActualSize={commands.actualSize}
            onReset={() => controller.reset()}
            stack={{ noun: 'Frame', index: frame, count: frameCount, onChange: go }}
            cine={{ playing, onPlayingChange: setPlaying, fps, onFpsChange: setFps }}
            commands={commands}
            helpOpen={helpOpen}
            onHelpOpenChange={setHelpOpen}
          />
        )
      }
    >
      <div ref={elementRef} data-dicom-element="" className="dmv-canvas" />
      {props.annotations && props.annotations.length > 0 && view.status === 'ready' && (
        <DicomAnnotationLayer controller={controller} annotations={props.annotations} frame={frame} />
      )}
      <DicomLayers
        data={data}
        view={view}
        frame={frame}
        colormap={colormap}
        overlay={props.overlay ?? true}
        overlayFields={props.overlayFields}
        hidePatientInfo={props.hidePatientInfo}
        rendererError={rendererError}
        filename={props.filename}
      />
    </ViewerShell>
  )
}

function clamp(frame: number, count: number): number {
  return Math.max(0, Math.min(count - 1, Math.trunc(frame) || 0))
}
