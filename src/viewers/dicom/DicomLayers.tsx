import type { DicomData } from '../../api/format/ConvertedData.js'
import { transferSyntaxInfo } from '../decode/transferSyntax.js'
import { ColorBar } from '../overlay/ColorBar.js'
import {
  DEFAULT_DICOM_OVERLAY,
  type DicomOverlayLayout,
  overlayLines,
} from '../overlay/dicomOverlayFields.js'
import { ViewerOverlay } from '../overlay/ViewerOverlay.js'
import type { ColormapName } from '../render/colormaps.js'
import { describeViewerError } from '../ui/describeViewerError.js'
import { downloadBytes } from '../ui/downloadBytes.js'
import { ViewerError } from '../ui/ViewerState.js'
import type { DicomViewport } from './DicomViewport.js'
import type { DicomViewState } from './DicomViewportController.js'
import { dicomUnits } from './dicomUnits.js'

/** What a DicomViewer draws over its canvas: corner text, colour bar, loading and error states. */
export function DicomLayers(props: {
  data: DicomData
  view: DicomViewState
  frame: number
  colormap: ColormapName
  overlay: boolean
  overlayFields?: DicomOverlayLayout
  hidePatientInfo?: boolean
  /** cornerstone-core could not be loaded. */
  rendererError?: unknown
  filename?: string
}) {
  const { data, view } = props
  const { viewport, image } = view
  const units = dicomUnits(data)
  const ready = view.status === 'ready' && viewport && image
  const error = props.rendererError ?? (view.status === 'error' ? view.error : undefined)
  const syntax = transferSyntaxInfo(data.transferSyntaxUID)
  return (
    <>
      {ready && props.overlay && (
        <ViewerOverlay
          lines={overlayLines(
            { ...DEFAULT_DICOM_OVERLAY, ...props.overlayFields },
            {
              data,
              frame: props.frame,
              frameCount: Math.max(1, data.numberOfFrames),
              viewport: scaled(viewport, units.scale),
              color: image.color,
              unit: units.unit,
            },
            !!props.hidePatientInfo,
          )}
        />
      )}
      {ready && !image.color && props.colormap !== 'grayscale' && (
        <ColorBar
          colormap={props.colormap}
          low={(viewport.windowCenter - viewport.windowWidth / 2) * units.scale}
          high={(viewport.windowCenter + viewport.windowWidth / 2) * units.scale}
          unit={units.unit}
        />
      )}
      {view.status === 'loading' && error === undefined && (
        <div className="dmv-overlay dmv-center" role="status">
          Loading DICOM image…
        </div>
      )}
      {error !== undefined && (
        <div className="dmv-cover">
          <ViewerError
            text={describeViewerError(error, {
              format: syntax?.encoding === 'native' ? undefined : syntax?.name,
              action: props.rendererError ? 'open' : 'decode',
            })}
            onDownload={() =>
              downloadBytes(data.dataSet.byteArray, 'application/dicom', props.filename ?? 'image.dcm')
            }
          />
        </div>
      )}
    </>
  )
}

/** The viewport with its window in display units (e.g. Gy for RT Dose). */
function scaled(v: DicomViewport, scale: number): DicomViewport {
  return scale === 1 ? v : { ...v, windowCenter: v.windowCenter * scale, windowWidth: v.windowWidth * scale }
}
