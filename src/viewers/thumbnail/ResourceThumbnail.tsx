'use client'
import { type CSSProperties, useEffect, useRef } from 'react'
import type { Resource } from '../../api/models/Resource.js'
import { useResourceThumbnail } from './useResourceThumbnail.js'

export interface ResourceThumbnailProps {
  resource: Pick<Resource, 'id' | 'mimetype' | 'filename'>
  /** Square size in CSS pixels (default 64). */
  size?: number
  className?: string
  style?: CSSProperties
}

/** A short label for files with no picture (or while it loads): "MP4", "DCM", "NII", ... */
function typeLabel(resource: ResourceThumbnailProps['resource']): string {
  const name = resource.filename ?? ''
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : ''
  if (ext && ext.length <= 4) return ext.toUpperCase()
  return (resource.mimetype?.split('/')[1] ?? 'FILE').slice(0, 4).toUpperCase()
}

/**
 * A resource's thumbnail on a canvas ({@link useResourceThumbnail}), centred in a dark square; the file type
 * while it loads and for files with no picture. Hidden from assistive technology: put it beside the file's
 * name (the name is also its `title`).
 *
 * @example
 * <ResourceThumbnail resource={resource} size={48} />
 */
export function ResourceThumbnail({ resource, size = 64, className, style }: ResourceThumbnailProps) {
  const ratio = typeof devicePixelRatio === 'number' ? Math.min(2, Math.max(1, devicePixelRatio)) : 1
  const { data, status } = useResourceThumbnail(resource.id, { size: Math.round(size * ratio) })
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const element = canvas.current
    if (!element || !data) return
    element.width = data.width
    element.height = data.height
    element
      .getContext('2d')
      ?.putImageData(new ImageData(new Uint8ClampedArray(data.rgba), data.width, data.height), 0, 0)
  }, [data])
  return (
    <span
      className={className}
      title={resource.filename ?? undefined}
      // Decorative: the row or card around it names the file.
      aria-hidden="true"
      data-thumbnail={data ? 'image' : status}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: size,
        height: size,
        background: '#0b0f14',
        color: '#8b98a9',
        borderRadius: 6,
        overflow: 'hidden',
        font: '600 10px/1 system-ui, sans-serif',
        letterSpacing: '0.04em',
        flex: 'none',
        ...style,
      }}
    >
      {data ? (
        <canvas
          ref={canvas}
          style={{
            width: (data.width / Math.max(data.width, data.height)) * size,
            height: (data.height / Math.max(data.width, data.height)) * size,
          }}
        />
      ) : (
        <span style={{ opacity: status === 'pending' ? 0.5 : 1 }}>{typeLabel(resource)}</span>
      )}
    </span>
  )
}
