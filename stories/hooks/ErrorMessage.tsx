import { DatamintError } from '../../src/api/index.js'

/** Shows a library error as the user would: its class, HTTP status and message, with an optional retry. */
export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const status = error instanceof DatamintError ? error.status : undefined
  return (
    <div role="alert" style={{ color: '#b00020', fontFamily: 'system-ui, sans-serif' }}>
      <strong>
        {error.name}
        {status !== undefined ? ` (${status})` : ''}
      </strong>
      : {error.message}{' '}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
