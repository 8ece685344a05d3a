'use client'
import type { ReactNode } from 'react'
import type { ViewerErrorText } from './describeViewerError.js'

/**
 * The error view every viewer shows: a title and a plain sentence (`role="alert"`), the technical text behind
 * a Details toggle, and actions (Download file, Retry) when given.
 */
export function ViewerError({
  text,
  onDownload,
  onRetry,
}: {
  text: ViewerErrorText
  onDownload?: () => void
  onRetry?: () => void
}) {
  return (
    <div className="dmv-state dmv-state-error" data-viewer-message="error">
      <div className="dmv-state-box" role="alert">
        <p className="dmv-state-title">{text.title}</p>
        <p className="dmv-state-text">{text.message}</p>
        {(onDownload || onRetry) && (
          <div className="dmv-state-actions">
            {onDownload && (
              <button type="button" className="dmv-primary" onClick={onDownload}>
                Download file
              </button>
            )}
            {onRetry && (
              <button type="button" onClick={onRetry}>
                Retry
              </button>
            )}
          </div>
        )}
        {text.details && (
          <details>
            <summary>Details</summary>
            <pre>{text.details}</pre>
          </details>
        )}
      </div>
    </div>
  )
}

/**
 * The loading view: a message, a progress bar (indeterminate while `fraction` is undefined) and Cancel when the
 * load can be stopped.
 */
export function ViewerLoading({
  children,
  fraction,
  progressLabel = 'Progress',
  onCancel,
}: {
  children: ReactNode
  fraction?: number
  progressLabel?: string
  onCancel?: () => void
}) {
  return (
    <div className="dmv-state" data-viewer-message="loading">
      <div className="dmv-state-box" role="status">
        <progress className="dmv-progress" aria-label={progressLabel} max={1} value={fraction} />
        <p className="dmv-state-text">{children}</p>
        {onCancel && (
          <div className="dmv-state-actions">
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )}
      </div>
    </div>
  )
}
