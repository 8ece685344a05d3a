import type { ReactNode } from 'react'

/**
 * A loading or error message inside a viewer. Errors are announced (`role="alert"`), loading is polite
 * (`role="status"`). Children are rendered as React text, never as HTML.
 */
export function ViewerMessage({ kind, children }: { kind: 'loading' | 'error'; children: ReactNode }) {
  return (
    <div
      role={kind === 'error' ? 'alert' : 'status'}
      data-viewer-message={kind}
      style={{
        padding: '0.5em 0.75em',
        font: '13px/1.4 system-ui, sans-serif',
        color: kind === 'error' ? '#b00020' : 'inherit',
      }}
    >
      {children}
    </div>
  )
}
