'use client'
import { useEffect, useRef } from 'react'
import { VIEWER_GESTURES, VIEWER_KEYMAP, type ViewerCommand } from '../keymap/viewerKeymap.js'

/**
 * The keyboard help popover: the viewer's keys from the shared keymap, then the mouse gestures. Escape or the
 * Close button closes it and focus returns to the button that opened it.
 */
export function KeyboardHelp({
  id,
  commands,
  onClose,
}: {
  id: string
  commands: ReadonlySet<ViewerCommand>
  onClose: () => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    ref.current?.focus()
    return () => opener?.focus?.()
  }, [])
  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-label="Keyboard shortcuts"
      className="dmv-help"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <h2>Keyboard (click the image first)</h2>
      <table>
        <tbody>
          {VIEWER_KEYMAP.filter((b) => commands.has(b.command)).map((b) => (
            <tr key={b.command}>
              <td>
                <kbd>{b.label}</kbd>
              </td>
              <td>{b.description}</td>
            </tr>
          ))}
          {VIEWER_GESTURES.map((g) => (
            <tr key={g.label}>
              <td>
                <kbd>{g.label}</kbd>
              </td>
              <td>{g.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ textAlign: 'right', marginTop: 6 }}>
        <button type="button" className="dmv-btn" style={{ color: '#fff' }} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}
