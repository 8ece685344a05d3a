import type { DicomData } from '../../api/format/ConvertedData.js'
import type { ViewerAnnotation } from '../annotations/viewerAnnotations.js'
import type { DicomOverlayLayout } from '../overlay/dicomOverlayFields.js'
import type { ColormapName } from '../render/colormaps.js'
import type { Interpolation } from '../ui/Interpolation.js'
import type { ViewerProps } from '../ui/ViewerProps.js'
import type { DicomViewport } from './DicomViewport.js'

export interface DicomViewerProps extends ViewerProps {
  data: DicomData
  /** Shown frame (0-based). Controlled when given; pair with `onFrameChange`. */
  frame?: number
  defaultFrame?: number
  onFrameChange?: (frame: number) => void
  /** Viewport fields to control (window, zoom, pan, invert); fields left out follow the user. */
  viewport?: Partial<DicomViewport>
  /** Every viewport change the user makes, with the full viewport. */
  onViewportChange?: (viewport: DicomViewport) => void
  /** Cine playback of multi-frame files. Controlled when given; pair with `onPlayingChange`. */
  playing?: boolean
  onPlayingChange?: (playing: boolean) => void
  /** Cine frames per second (default: the file's recommended rate, else 10). */
  fps?: number
  /** The toolbar above the image (default true). */
  toolbar?: boolean
  /** The text overlay in the image's corners (default true); `overlayFields` chooses what each corner shows. */
  overlay?: boolean
  overlayFields?: DicomOverlayLayout
  /** Leave patient name, ID, birth date and sex out of the overlay (demos, screenshots). */
  hidePatientInfo?: boolean
  /** Magnification: `smooth` (bilinear, default) or `pixelated` (nearest neighbour). */
  interpolation?: Interpolation
  /** Colour map of grey images (default grayscale; RT Dose: hot). Controlled when given. */
  colormap?: ColormapName
  onColormapChange?: (colormap: ColormapName) => void
  /** File name offered by the error view's Download button. */
  filename?: string
  /**
   * Annotations to draw (the API's entities; segmentations with their downloaded file as `fileBytes`): masks,
   * boxes, lines and points on their frame, classification labels as chips, with a legend to toggle labels.
   */
  annotations?: readonly ViewerAnnotation[]
  /** Called after a frame has been drawn onto the canvas. */
  onImageRendered?: (frame: number) => void
}
