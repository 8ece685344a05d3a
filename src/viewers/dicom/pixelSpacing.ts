import type { DicomData } from '../../api/format/ConvertedData.js'
import type { PixelSpacing } from './frameToImage.js'

/**
 * Row and column spacing (mm) from Pixel Spacing (0028,0030), else Imager Pixel Spacing (0018,1164), else 1:
 * only their ratio matters for display (non-square pixels).
 */
export function pixelSpacing(dicom: DicomData): PixelSpacing {
  for (const tag of ['x00280030', 'x00181164']) {
    const row = dicom.dataSet.floatString(tag, 0)
    const column = dicom.dataSet.floatString(tag, 1)
    if (row !== undefined && column !== undefined && row > 0 && column > 0) return { row, column }
  }
  return { row: 1, column: 1 }
}
