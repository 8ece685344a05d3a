import type { NiftiData } from '../../api/format/ConvertedData.js'
import type { ViewerAnnotation } from '../annotations/viewerAnnotations.js'
import type { ColormapName } from '../render/colormaps.js'
import type { Interpolation } from '../ui/Interpolation.js'
import type { ViewerProps } from '../ui/ViewerProps.js'
import type { NiftiPlane } from './niftiSliceGeometry.js'
import type { NiftiWindow } from './useNiftiVolume.js'

export interface NiftiViewerProps extends ViewerProps {
  data: NiftiData
  /** Shown plane. Controlled when given; pair with `onPlaneChange`. */
  plane?: NiftiPlane
  defaultPlane?: NiftiPlane
  onPlaneChange?: (plane: NiftiPlane) => void
  /** Called with the slice index (see {@link niftiSlice}) whenever the user changes slice. */
  onSliceChange?: (index: number, plane: NiftiPlane) => void
  /** Called when the user changes the window (scaled units). */
  onWindowChange?: (window: NiftiWindow) => void
  /** The toolbar above the image (default true). */
  toolbar?: boolean
  /** The text overlay in the image's corners (default true). */
  overlay?: boolean
  /** Magnification: `smooth` (bilinear, default) or `pixelated` (nearest neighbour). */
  interpolation?: Interpolation
  /**
   * Annotations to draw: segmentations with their NIfTI label volume as `fileBytes` (resampled into the shown
   * plane in patient space, so a label volume on another grid lands where it belongs), with a legend;
   * classification labels as chips.
   */
  annotations?: readonly ViewerAnnotation[]
  /** Colour map of grey volumes (default grayscale). Controlled when given. */
  colormap?: ColormapName
  onColormapChange?: (colormap: ColormapName) => void
}
