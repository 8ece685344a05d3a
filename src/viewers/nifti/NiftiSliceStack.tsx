import type { ReactNode, RefObject } from 'react'
import type { NiftiSliceGeometry } from './niftiSliceGeometry.js'

/**
 * The slice canvas (voxel resolution, scaled by CSS to its physical size and zoom, panned) with the annotation
 * canvas laid exactly over it, centred in the image area.
 */
export function NiftiSliceStack(props: {
  canvasRef: RefObject<HTMLCanvasElement | null>
  size: { width: number; height: number }
  pan: { x: number; y: number }
  pixelated: boolean
  g: NiftiSliceGeometry
  annotationCanvas?: ReactNode
}) {
  const { size, pan, g } = props
  return (
    <div className="dmv-canvas dmv-center">
      <div
        style={{
          ...size,
          flex: 'none',
          position: 'relative',
          transform: `translate(${pan.x}px, ${pan.y}px)`,
        }}
      >
        <canvas
          ref={props.canvasRef}
          width={g.width}
          height={g.height}
          style={{ ...size, display: 'block', imageRendering: props.pixelated ? 'pixelated' : 'auto' }}
        />
        {props.annotationCanvas}
      </div>
    </div>
  )
}
