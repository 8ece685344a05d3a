'use client'
import { type KeyboardEvent, useRef, useState } from 'react'
import type { BytesData } from '../api/format/ConvertedData.js'
import { formatHexRow } from './bytes/formatHexRow.js'
import { downloadBytes } from './ui/downloadBytes.js'
import { frameStyle, toolbarStyle } from './ui/frameStyle.js'
import { useElementSize } from './ui/useElementSize.js'
import type { ViewerProps } from './ui/ViewerProps.js'

export interface BytesViewerProps extends ViewerProps {
  data: BytesData | { bytes: Uint8Array; mimetype?: string }
  /** Name offered by the download button (default `download.bin`). */
  filename?: string
  /** Bytes per line (default 16). */
  bytesPerRow?: number
}

const ROW_HEIGHT = 18
// Browsers cap element heights (~33M px in Chromium); beyond this the scrollbar maps proportionally to rows.
const MAX_SCROLL_HEIGHT = 4_000_000
const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

/**
 * A hex + ASCII dump of any bytes, virtualised: only the lines in view are rendered, so 100 MB scrolls as
 * smoothly as 100 bytes. The dump is focusable: ↑/↓ move a line, PageUp/PageDown a screen, Home/End to the
 * ends; "Go to offset" jumps to a hex (`0x1f40`) or decimal offset. The download button saves the bytes.
 *
 * @example
 * <BytesViewer data={{ bytes, mimetype: 'application/octet-stream' }} filename="blob.bin" />
 */
export function BytesViewer({ data, filename, bytesPerRow = 16, label, className, style }: BytesViewerProps) {
  const { bytes } = data
  const mimetype = data.mimetype ?? 'application/octet-stream'
  const scroller = useRef<HTMLDivElement>(null)
  const { height } = useElementSize(scroller)
  const [scrollTop, setScrollTop] = useState(0)
  const [goTo, setGoTo] = useState('')
  const [goToError, setGoToError] = useState<string>()

  const totalRows = Math.ceil(bytes.length / bytesPerRow)
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT))
  const maxFirstRow = Math.max(0, totalRows - pageRows)
  const naturalHeight = totalRows * ROW_HEIGHT
  const scrollHeight = Math.min(naturalHeight, MAX_SCROLL_HEIGHT)
  const scaled = naturalHeight > MAX_SCROLL_HEIGHT
  const scrollRange = Math.max(1, scrollHeight - height)
  const firstRow = scaled
    ? Math.min(maxFirstRow, Math.round((scrollTop / scrollRange) * maxFirstRow))
    : Math.min(maxFirstRow, Math.floor(scrollTop / ROW_HEIGHT))
  const shift = scaled ? 0 : scrollTop - firstRow * ROW_HEIGHT
  const offsetDigits = Math.max(8, (bytes.length - 1).toString(16).length)

  const scrollToRow = (row: number) => {
    const target = Math.max(0, Math.min(maxFirstRow, row))
    const top = scaled ? (target / Math.max(1, maxFirstRow)) * scrollRange : target * ROW_HEIGHT
    if (scroller.current) scroller.current.scrollTop = top
    setScrollTop(top)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: firstRow + 1,
      ArrowUp: firstRow - 1,
      PageDown: firstRow + pageRows,
      PageUp: firstRow - pageRows,
      Home: 0,
      End: maxFirstRow,
    }
    if (e.key in moves) {
      e.preventDefault()
      scrollToRow(moves[e.key])
    }
  }

  const jump = () => {
    const text = goTo.trim().toLowerCase()
    const value = /^0x[0-9a-f]+$/.test(text)
      ? Number.parseInt(text, 16)
      : /^\d+$/.test(text)
        ? Number(text)
        : Number.NaN
    if (!Number.isFinite(value) || value < 0 || value >= bytes.length) {
      setGoToError(`Enter an offset from 0 to ${bytes.length - 1} (decimal, or hex like 0x1f40)`)
      return
    }
    setGoToError(undefined)
    scrollToRow(Math.floor(value / bytesPerRow))
  }

  const rows = []
  const visible = Math.ceil(height / ROW_HEIGHT) + 1
  for (let r = firstRow; r < Math.min(totalRows, firstRow + visible); r++) {
    const row = formatHexRow(bytes, r * bytesPerRow, bytesPerRow, offsetDigits)
    rows.push(
      <div key={r} data-offset={r * bytesPerRow} style={{ height: ROW_HEIGHT, whiteSpace: 'pre' }}>
        <span style={{ color: '#6b6b6b' }}>{row.offset}</span>
        {'  '}
        {row.hex}
        {'  '}
        <span style={{ color: '#1a4fb5' }}>{row.ascii}</span>
      </div>,
    )
  }

  const name = label ?? 'Bytes viewer'
  return (
    <section aria-label={name} className={className} style={frameStyle(160, style)}>
      <div style={toolbarStyle}>
        <span>
          {bytes.length.toLocaleString('en')} bytes · {mimetype}
        </span>
        <button type="button" onClick={() => downloadBytes(bytes, mimetype, filename ?? 'download.bin')}>
          Download
        </button>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            jump()
          }}
          style={{ display: 'flex', gap: 4 }}
        >
          <input
            aria-label="Go to offset"
            placeholder="offset (0x…)"
            value={goTo}
            onChange={(e) => setGoTo(e.target.value)}
            size={12}
          />
          <button type="submit">Go</button>
        </form>
        {goToError && <span role="alert">{goToError}</span>}
      </div>
      {bytes.length === 0 ? (
        <p role="status">The file is empty (0 bytes).</p>
      ) : (
        <div
          ref={scroller}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the dump scrolls with the keyboard when focused
          tabIndex={0}
          role="document"
          aria-label={`Hex dump, lines ${firstRow + 1} to ${Math.min(totalRows, firstRow + pageRows)} of ${totalRows}`}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
          style={{
            flex: 1,
            minHeight: 0,
            overflowY: 'auto',
            overflowX: 'auto',
            font: `13px/${ROW_HEIGHT}px ${mono}`,
          }}
        >
          <div style={{ height: scrollHeight, position: 'relative' }}>
            <div style={{ position: 'sticky', top: 0, height, overflow: 'hidden' }}>
              <div style={{ transform: `translateY(${-shift}px)` }}>{rows}</div>
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
