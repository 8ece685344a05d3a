import type { DicomData } from '../../api/format/ConvertedData.js'

/**
 * Frames per second a multi-frame file asks for: Recommended Display Frame Rate (0008,2144), Cine Rate
 * (0018,0040), else 1000 / Frame Time (0018,1063, ms); 10 when it says nothing.
 */
export function cineRate(dicom: DicomData): number {
  const ds = dicom.dataSet
  for (const tag of ['x00082144', 'x00180040']) {
    const v = ds.intString(tag)
    if (v !== undefined && v > 0) return v
  }
  const frameTime = ds.floatString('x00181063')
  if (frameTime !== undefined && frameTime > 0) return Math.round(1000 / frameTime)
  return 10
}
