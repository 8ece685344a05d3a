export { type LabelVolumeLabel, labelVolumeLabels } from './annotations/labelVolumeLabels.js'
export { niftiLabelSlice } from './annotations/niftiLabelSlice.js'
export {
  type AnnotationShape,
  annotationShape,
  type ViewerAnnotation,
} from './annotations/viewerAnnotations.js'
export { BytesViewer, type BytesViewerProps } from './BytesViewer.js'
export { DicomViewer, type DicomViewerProps, type DicomViewport } from './DicomViewer.js'
export { setCodecBaseUrl } from './decode/codecs/codecBaseUrl.js'
export type { DecodedFrame, PixelArray } from './decode/DecodedFrame.js'
export { type DecodeFrameOptions, decodeDicomFrame } from './decode/decodeDicomFrame.js'
export type { LookupTable } from './decode/lookupTable.js'
export type { ModalityLut } from './decode/modalityLut.js'
export type { VoiLut } from './decode/voi.js'
export type {
  Cornerstone,
  CornerstoneEnabledElement,
  CornerstoneImage,
  CornerstoneLut,
  CornerstoneViewport,
  ImageLoadObject,
} from './dicom/Cornerstone.js'
export {
  type DicomImageInfo,
  type DicomViewOptions,
  DicomViewportController,
  type DicomViewState,
} from './dicom/DicomViewportController.js'
export { type DicomUnits, dicomUnits } from './dicom/dicomUnits.js'
export { setDicomCacheSize } from './dicom/loadCornerstone.js'
export { type ImageFit, ImageViewer, type ImageViewerProps } from './ImageViewer.js'
export { JsonViewer, type JsonViewerProps } from './JsonViewer.js'
export {
  commandForKey,
  type KeyBinding,
  type KeyPress,
  type Modifier,
  VIEWER_GESTURES,
  VIEWER_KEYMAP,
  type ViewerCommand,
} from './keymap/viewerKeymap.js'
export { NiftiViewer, type NiftiViewerProps, type NiftiWindow } from './NiftiViewer.js'
export { niftiSlice } from './nifti/niftiSlice.js'
export {
  type NiftiPlane,
  type NiftiSliceGeometry,
  type NiftiSliceLabels,
  niftiSliceGeometry,
} from './nifti/niftiSliceGeometry.js'
export { niftiSliceRgb } from './nifti/niftiSliceRgb.js'
export {
  DEFAULT_DICOM_OVERLAY,
  type DicomOverlayField,
  type DicomOverlayLayout,
  type OverlayCorner,
} from './overlay/dicomOverlayFields.js'
export { ResourceFileViewer, type ResourceFileViewerProps } from './ResourceFileViewer.js'
export { ResourceViewer, type ResourceViewerProps } from './ResourceViewer.js'
export { COLORMAPS, type ColormapName, colormapTable } from './render/colormaps.js'
export { ResourceThumbnail, type ResourceThumbnailProps } from './thumbnail/ResourceThumbnail.js'
export { renderThumbnail, type ThumbnailImage } from './thumbnail/renderThumbnail.js'
export { type UseResourceThumbnailOptions, useResourceThumbnail } from './thumbnail/useResourceThumbnail.js'
export {
  describeViewerError,
  type ViewerErrorContext,
  type ViewerErrorText,
} from './ui/describeViewerError.js'
export type { Interpolation } from './ui/Interpolation.js'
export type { ViewerProps } from './ui/ViewerProps.js'
export { ViewerError, ViewerLoading } from './ui/ViewerState.js'
export type { DragMode } from './ui/ViewerToolbar.js'
export { CT_WINDOW_PRESETS, type WindowPreset, windowPresets } from './ui/windowPresets.js'
export { VideoViewer, type VideoViewerProps } from './VideoViewer.js'
export { setWorkerPoolSize } from './workers/offThread.js'
