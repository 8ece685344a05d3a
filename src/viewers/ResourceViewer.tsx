'use client'
import type { ConvertedData } from '../api/format/ConvertedData.js'
import type { ViewerAnnotation } from './annotations/viewerAnnotations.js'
import { BytesViewer } from './BytesViewer.js'
import { DicomViewer } from './DicomViewer.js'
import { ImageViewer } from './ImageViewer.js'
import { JsonViewer } from './JsonViewer.js'
import { NiftiViewer } from './NiftiViewer.js'
import type { ViewerProps } from './ui/ViewerProps.js'
import { ViewerError } from './ui/ViewerState.js'
import { VideoViewer } from './VideoViewer.js'

export interface ResourceViewerProps extends ViewerProps {
  /** What `convertFormat` returned, or raw bytes (shown as a hex dump). */
  data: ConvertedData | Uint8Array
  /** File name for download buttons (videos the browser cannot play, unknown bytes). */
  filename?: string
  /** Annotations drawn by the DICOM and NIfTI viewers (see `DicomViewerProps.annotations`). */
  annotations?: readonly ViewerAnnotation[]
}

/**
 * Picks the viewer for converted data by its `kind`: DICOM, NIfTI, image, video, JSON, or a hex dump for
 * anything else.
 *
 * @example
 * const data = BaseApi.convertFormat(bytes, resource.mimetype)
 * <ResourceViewer data={data} filename={resource.filename} />
 */
export function ResourceViewer({ data, filename, annotations, ...common }: ResourceViewerProps) {
  if (data instanceof Uint8Array)
    return <BytesViewer data={{ bytes: data }} filename={filename} {...common} />
  switch (data.kind) {
    case 'dicom':
      return <DicomViewer data={data} filename={filename} annotations={annotations} {...common} />
    case 'nifti':
      return <NiftiViewer data={data} annotations={annotations} {...common} />
    case 'image':
      return <ImageViewer data={data} filename={filename} {...common} />
    case 'video':
      return <VideoViewer data={data} filename={filename} {...common} />
    case 'json':
      return <JsonViewer data={data} {...common} />
    case 'bytes':
      return <BytesViewer data={data} filename={filename} {...common} />
    default:
      return (
        <section
          aria-label={common.label ?? 'Resource viewer'}
          className={common.className}
          style={common.style}
        >
          <ViewerError
            text={{
              title: 'No viewer for this data',
              message: `No viewer for data of kind ${JSON.stringify((data as { kind?: unknown }).kind)}; pass what convertFormat returns.`,
              details: '',
            }}
          />
        </section>
      )
  }
}
