'use client'
import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { FormatError } from '../api/errors.js'
import { useDatamintApi } from '../hooks/DatamintProvider.js'
import { entityHooksFor } from '../hooks/entityHooks.js'
import { useResourceFile } from '../hooks/useResourceFile.js'
import { useResourceAnnotations } from './annotations/useResourceAnnotations.js'
import { ResourceViewer, type ResourceViewerProps } from './ResourceViewer.js'
import { describeViewerError } from './ui/describeViewerError.js'
import { downloadBytes } from './ui/downloadBytes.js'
import { formatBytes } from './ui/formatBytes.js'
import type { ViewerProps } from './ui/ViewerProps.js'
import { ViewerError, ViewerLoading } from './ui/ViewerState.js'
import { ViewerStyles } from './ui/ViewerStyles.js'

export interface ResourceFileViewerProps extends ViewerProps {
  /** Id of the resource whose file to download and show. */
  resourceId: string
  /** Convert with `convertFormat` (default true); false shows the raw bytes as a hex dump. */
  autoConvert?: boolean
  /** File name for download buttons. */
  filename?: string
  /**
   * Load the resource's annotations (and their segmentation files) through the hooks and draw them on the
   * DICOM or NIfTI viewer. Default false.
   */
  showAnnotations?: boolean
}

/**
 * Downloads a resource's file through {@link useResourceFile} (inside a `DatamintProvider`), showing a progress
 * bar with the bytes received and a Cancel button, then the right viewer for it. A failed download says why
 * with Retry; a file that cannot be converted says so in plain words, with the technical details and a
 * "Download file" button for the raw bytes.
 *
 * @example
 * <DatamintProvider config={{ serverUrl, apiKey }}>
 *   <ResourceFileViewer resourceId={id} />
 * </DatamintProvider>
 */
export function ResourceFileViewer({
  resourceId,
  autoConvert = true,
  filename,
  showAnnotations = false,
  ...common
}: ResourceFileViewerProps) {
  const file = useResourceFile(resourceId, { autoConvert })
  const { resources } = useDatamintApi()
  const client = useQueryClient()
  const [cancelled, setCancelled] = useState<string>()
  const name = common.label ?? 'Resource file viewer'
  if (file.status === 'success' && file.data !== undefined) {
    return showAnnotations ? (
      <AnnotatedResourceViewer resourceId={resourceId} data={file.data} filename={filename} {...common} />
    ) : (
      <ResourceViewer data={file.data} filename={filename} {...common} />
    )
  }
  const frame = (children: ReactNode, busy = false) => (
    <section
      aria-label={name}
      aria-busy={busy}
      className={['dmv-root', common.className].filter(Boolean).join(' ')}
      style={{ display: 'flex', minHeight: 160, ...common.style }}
    >
      <ViewerStyles />
      {children}
    </section>
  )
  const retry = () => {
    setCancelled(undefined)
    void file.refetch()
  }
  if (file.status === 'error') {
    const converting = file.error instanceof FormatError
    const saveRaw = async () => {
      const bytes = await resources.downloadResourceFile(resourceId, { autoConvert: false })
      downloadBytes(bytes, 'application/octet-stream', filename ?? resourceId)
    }
    return frame(
      <ViewerError
        text={describeViewerError(file.error, { action: converting ? 'open' : 'download' })}
        onDownload={converting ? () => void saveRaw() : undefined}
        onRetry={file.isFetching ? undefined : retry}
      />,
    )
  }
  if (cancelled === resourceId && !file.isFetching) {
    return frame(
      <ViewerError
        text={{ title: 'Download cancelled', message: 'The file was not downloaded.', details: '' }}
        onRetry={retry}
      />,
    )
  }
  const { transferredBytes, totalBytes, fraction } = file.progress
  const cancel = () => {
    setCancelled(resourceId)
    // The file query sits below the resource's detail key; cancelling aborts the request's signal.
    void client.cancelQueries({ queryKey: [...entityHooksFor(resources).keys.detail(resourceId), 'file'] })
  }
  return frame(
    <ViewerLoading
      progressLabel="Download progress"
      fraction={totalBytes === undefined ? undefined : (fraction ?? 0)}
      onCancel={cancel}
    >
      {totalBytes === undefined
        ? `Downloading… ${formatBytes(transferredBytes)}`
        : `Downloading… ${formatBytes(transferredBytes)} of ${formatBytes(totalBytes)}`}
    </ViewerLoading>,
    true,
  )
}

/** The viewer with the resource's annotations, loaded through the hooks (only when asked for). */
function AnnotatedResourceViewer({ resourceId, ...props }: ResourceViewerProps & { resourceId: string }) {
  const annotations = useResourceAnnotations(resourceId, true)
  return <ResourceViewer {...props} annotations={annotations} />
}

export { formatBytes } from './ui/formatBytes.js'
