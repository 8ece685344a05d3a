'use client'
import { useState } from 'react'
import type { ImageData } from '../api/format/ConvertedData.js'
import { downloadBytes } from './ui/downloadBytes.js'
import { frameStyle, toolbarStyle } from './ui/frameStyle.js'
import type { Interpolation } from './ui/Interpolation.js'
import { useObjectUrl } from './ui/useObjectUrl.js'
import { ViewerMessage } from './ui/ViewerMessage.js'
import type { ViewerProps } from './ui/ViewerProps.js'
import { ViewerError } from './ui/ViewerState.js'
import { ViewerStyles } from './ui/ViewerStyles.js'

export type ImageFit = 'fit' | 'actual'

export interface ImageViewerProps extends ViewerProps {
  data: ImageData
  /** File name offered by the Download button when the browser cannot display the image. */
  filename?: string
  /** Shown size: `'fit'` scales the image into the viewer (default), `'actual'` shows it 1:1 with scrolling. */
  fit?: ImageFit
  defaultFit?: ImageFit
  onFitChange?: (fit: ImageFit) => void
  /** Magnification: `smooth` (the default of every viewer) or `pixelated` (nearest neighbour). */
  interpolation?: Interpolation
}

/**
 * A still image (PNG, JPEG, GIF, BMP, WebP…) shown by the browser from an object URL that is revoked on
 * unmount. A toggle switches between fit-to-viewer and 1:1 (keyboard: the button, or `f` / `1` on the image);
 * in 1:1 the focused image scrolls with the arrow keys. Formats the browser cannot decode (TIFF in
 * Chromium, for one) show a message instead.
 *
 * @example
 * <ImageViewer data={converted} label="Chest X-ray" />
 */
export function ImageViewer({
  data,
  fit,
  defaultFit = 'fit',
  onFitChange,
  interpolation = 'smooth',
  filename,
  label,
  className,
  style,
}: ImageViewerProps) {
  const url = useObjectUrl(data.bytes, data.mimetype)
  const [innerFit, setInnerFit] = useState<ImageFit>(defaultFit)
  const [state, setState] = useState<{ url?: string; status: 'loading' | 'loaded' | 'error' }>({
    status: 'loading',
  })
  const shownFit = fit ?? innerFit
  const status = state.url === url ? state.status : 'loading'
  const name = label ?? 'Image viewer'

  const rendering = interpolation === 'pixelated' ? 'pixelated' : 'auto'
  const changeFit = (next: ImageFit) => {
    setInnerFit(next)
    onFitChange?.(next)
  }

  return (
    <section
      aria-label={name}
      aria-busy={status === 'loading'}
      className={['dmv-root', className].filter(Boolean).join(' ')}
      style={frameStyle(128, style)}
    >
      <ViewerStyles />
      <div style={toolbarStyle}>
        <button type="button" aria-pressed={shownFit === 'fit'} onClick={() => changeFit('fit')}>
          Fit
        </button>
        <button type="button" aria-pressed={shownFit === 'actual'} onClick={() => changeFit('actual')}>
          1:1
        </button>
        <span>
          {data.width} × {data.height} px
        </span>
      </div>
      {status === 'loading' && <ViewerMessage kind="loading">Loading image…</ViewerMessage>}
      {status === 'error' && (
        <ViewerError
          text={{
            title: 'This image cannot be displayed here',
            message: `This browser cannot display ${data.mimetype} images. Download the file to open it in another program.`,
            details: `The browser refused to decode ${data.mimetype} (${data.width} × ${data.height} px, ${data.bytes.length} bytes).`,
          }}
          onDownload={() => downloadBytes(data.bytes, data.mimetype, filename ?? 'image')}
        />
      )}
      <div
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so the arrow keys scroll a 1:1 image
        tabIndex={0}
        aria-label={`${name}: ${shownFit === 'fit' ? 'fitted' : 'actual size'}`}
        role="img"
        onKeyDown={(e) => {
          if (e.key === 'f') changeFit('fit')
          else if (e.key === '1') changeFit('actual')
        }}
        style={{
          flex: 1,
          minHeight: 0,
          overflow: shownFit === 'fit' ? 'hidden' : 'auto',
          display: status === 'error' ? 'none' : 'flex',
          alignItems: shownFit === 'fit' ? 'center' : 'flex-start',
          justifyContent: shownFit === 'fit' ? 'center' : 'flex-start',
        }}
      >
        {url && (
          <img
            src={url}
            alt=""
            width={data.width || undefined}
            height={data.height || undefined}
            onLoad={() => setState({ url, status: 'loaded' })}
            onError={() => setState({ url, status: 'error' })}
            style={
              shownFit === 'fit'
                ? { width: '100%', height: '100%', objectFit: 'contain', imageRendering: rendering }
                : { maxWidth: 'none', flex: 'none', imageRendering: rendering }
            }
          />
        )}
      </div>
    </section>
  )
}
