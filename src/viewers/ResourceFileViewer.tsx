'use client'
import { useResourceFile } from '../hooks/useResourceFile.js'
import { ResourceViewer } from './ResourceViewer.js'
import { formatBytes } from './ui/formatBytes.js'
import { ViewerMessage } from './ui/ViewerMessage.js'
import type { ViewerProps } from './ui/ViewerProps.js'

export interface ResourceFileViewerProps extends ViewerProps {
  /** Id of the resource whose file to download and show. */
  resourceId: string
  /** Convert with `convertFormat` (default true); false shows the raw bytes as a hex dump. */
  autoConvert?: boolean
  /** File name for download buttons. */
  filename?: string
}

/**
 * Downloads a resource's file through {@link useResourceFile} (inside a `DatamintProvider`), showing a progress
 * bar with the bytes received, then the right viewer for it. A failed download or conversion shows the error's
 * message and a Retry button.
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
  ...common
}: ResourceFileViewerProps) {
  const file = useResourceFile(resourceId, { autoConvert })
  const name = common.label ?? 'Resource file viewer'
  if (file.status === 'success' && file.data !== undefined) {
    return <ResourceViewer data={file.data} filename={filename} {...common} />
  }
  if (file.status === 'error') {
    return (
      <section aria-label={name} className={common.className} style={common.style}>
        <ViewerMessage kind="error">
          The file could not be loaded: {file.error?.message ?? 'unknown error'}{' '}
          <button type="button" onClick={() => void file.refetch()} disabled={file.isFetching}>
            Retry
          </button>
        </ViewerMessage>
      </section>
    )
  }
  const { transferredBytes, totalBytes, fraction } = file.progress
  return (
    <section aria-label={name} aria-busy="true" className={common.className} style={common.style}>
      <ViewerMessage kind="loading">
        <progress
          aria-label="Download progress"
          max={1}
          value={totalBytes === undefined ? undefined : (fraction ?? 0)}
          style={{ display: 'block', width: '100%' }}
        />
        {totalBytes === undefined
          ? `Downloading… ${formatBytes(transferredBytes)}`
          : `Downloading… ${formatBytes(transferredBytes)} of ${formatBytes(totalBytes)}`}
      </ViewerMessage>
    </section>
  )
}

export { formatBytes } from './ui/formatBytes.js'
