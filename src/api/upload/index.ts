export type { Point3, ViewVectors } from './annotationGeometry.js'
export { ANONYMIZED_TAGS, CLEARED, type DicomTagCode } from './anonymizeDicom.js'
export type { BulkDownloadOptions, BulkDownloadProgress, Downloaded } from './downloadInCompletionOrder.js'
export type { LabelVolume } from './niftiLabelVolume.js'
export {
  type LabelArray,
  MAX_MASK_COLORS,
  type SegmentationMask,
  type SegmentationNames,
} from './segmentationMask.js'
export { FileSkippedError, UploadResourcesError, type UploadResult } from './UploadResourcesError.js'
export type { NamedFile, UploadInput } from './uploadInput.js'
export type { SegmentationFiles, UploadResourcesOptions, UploadResourcesProgress } from './uploadResources.js'
export { type ZipResult, zipDownloads } from './zipDownloads.js'
