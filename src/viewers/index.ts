export { BytesViewer, type BytesViewerProps } from './BytesViewer.js'
export { DicomViewer, type DicomViewerProps, type DicomViewport } from './DicomViewer.js'
export { setCodecBaseUrl } from './decode/codecs/codecBaseUrl.js'
export type { DecodedFrame, PixelArray } from './decode/DecodedFrame.js'
export { decodeDicomFrame } from './decode/decodeDicomFrame.js'
export type { LookupTable } from './decode/lookupTable.js'
export type { ModalityLut } from './decode/modalityLut.js'
export type { VoiLut } from './decode/voi.js'
export { setDicomCacheSize } from './dicom/loadCornerstone.js'
export { type ImageFit, ImageViewer, type ImageViewerProps } from './ImageViewer.js'
export { JsonViewer, type JsonViewerProps } from './JsonViewer.js'
export { NiftiViewer, type NiftiViewerProps, type NiftiWindow } from './NiftiViewer.js'
export { niftiSlice } from './nifti/niftiSlice.js'
export {
  type NiftiPlane,
  type NiftiSliceGeometry,
  type NiftiSliceLabels,
  niftiSliceGeometry,
} from './nifti/niftiSliceGeometry.js'
export { niftiSliceRgb } from './nifti/niftiSliceRgb.js'
export { ResourceFileViewer, type ResourceFileViewerProps } from './ResourceFileViewer.js'
export { ResourceViewer, type ResourceViewerProps } from './ResourceViewer.js'
export type { ViewerProps } from './ui/ViewerProps.js'
export { VideoViewer, type VideoViewerProps } from './VideoViewer.js'
