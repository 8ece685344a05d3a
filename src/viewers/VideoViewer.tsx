'use client'
import { useMemo, useState } from 'react'
import type { VideoData } from '../api/format/ConvertedData.js'
import { downloadBytes } from './ui/downloadBytes.js'
import { frameStyle } from './ui/frameStyle.js'
import { useObjectUrl } from './ui/useObjectUrl.js'
import { ViewerMessage } from './ui/ViewerMessage.js'
import type { ViewerProps } from './ui/ViewerProps.js'
import { ViewerError } from './ui/ViewerState.js'
import { ViewerStyles } from './ui/ViewerStyles.js'

export interface VideoViewerProps extends ViewerProps {
  data: VideoData
  /** File name offered by the download button when the browser cannot play the video. */
  filename?: string
  /** Start playing once loaded (muted, as browsers require for autoplay). */
  autoPlay?: boolean
  loop?: boolean
}

type VideoStatus = 'loading' | 'ready' | 'unsupported'

/**
 * A video with the browser's own controls (keyboard-accessible), from an object URL revoked on unmount.
 * When the browser cannot play the file's codec (e.g. MPEG-4 Part 2 or HEVC in Chromium) — the container
 * type is unknown to `canPlayType`, the element reports a decode/unsupported-source error, or it loads with
 * no video track — it says so and offers the file for download instead.
 *
 * @example
 * <VideoViewer data={converted} filename="echo.mp4" />
 */
export function VideoViewer({ data, filename, autoPlay, loop, label, className, style }: VideoViewerProps) {
  const url = useObjectUrl(data.bytes, data.mimetype)
  const [state, setState] = useState<{ url?: string; status: VideoStatus; detail?: string }>({
    status: 'loading',
  })
  // A container type the browser does not know at all (e.g. video/x-msvideo) fails before any loading.
  const typeUnknown = useMemo(
    () =>
      typeof document !== 'undefined' && document.createElement('video').canPlayType(data.mimetype) === '',
    [data.mimetype],
  )
  const status: VideoStatus = typeUnknown ? 'unsupported' : state.url === url ? state.status : 'loading'
  const name = label ?? 'Video viewer'

  return (
    <section
      aria-label={name}
      aria-busy={status === 'loading'}
      className={['dmv-root', className].filter(Boolean).join(' ')}
      style={frameStyle(128, style)}
    >
      <ViewerStyles />
      {status === 'loading' && <ViewerMessage kind="loading">Loading video…</ViewerMessage>}
      {status === 'unsupported' && (
        <ViewerError
          text={{
            title: 'This video cannot be played here',
            // The engine's own text (e.g. FFmpeg's DEMUXER_ERROR_…) is for Details, not the sentence.
            message: `This browser cannot play this video (${data.mimetype}); its codec is not supported here. Download the file to play it in another player.`,
            details: state.detail ?? `canPlayType('${data.mimetype}') is empty`,
          }}
          onDownload={() => downloadBytes(data.bytes, data.mimetype, filename ?? 'video')}
        />
      )}
      {url && !typeUnknown && (
        <video
          src={url}
          controls
          playsInline
          muted={autoPlay}
          autoPlay={autoPlay}
          loop={loop}
          aria-label={name}
          onLoadedMetadata={(e) => {
            const v = e.currentTarget
            // Chromium "loads" a file whose only video track it cannot decode, with no picture.
            if (v.videoWidth === 0 || v.videoHeight === 0) {
              setState({ url, status: 'unsupported', detail: 'no playable video track' })
            } else {
              setState({ url, status: 'ready' })
            }
          }}
          onError={(e) => {
            const error = e.currentTarget.error
            setState({ url, status: 'unsupported', detail: error?.message || undefined })
          }}
          style={{
            flex: 1,
            minHeight: 0,
            maxWidth: '100%',
            display: status === 'unsupported' ? 'none' : 'block',
            background: '#000',
          }}
        />
      )}
    </section>
  )
}
