import { ColorBar } from '../overlay/ColorBar.js'
import { ViewerOverlay } from '../overlay/ViewerOverlay.js'
import type { ColormapName } from '../render/colormaps.js'
import { formatWindowValue } from '../ui/formatWindowValue.js'
import type { NiftiSliceGeometry } from './niftiSliceGeometry.js'
import type { NiftiWindow } from './useNiftiVolume.js'

const EDGES = [
  ['top', { top: 2, left: '50%' }],
  ['bottom', { bottom: 2, left: '50%' }],
  ['left', { left: 4, top: '50%' }],
  ['right', { right: 4, top: '50%' }],
] as const

/** What a NiftiViewer draws around its slice: orientation letters, corner text and the colour bar. */
export function NiftiLayers(props: {
  g: NiftiSliceGeometry
  index: number
  volume: number
  window: NiftiWindow
  grey: boolean
  zoomPercent: number
  colormap: ColormapName
  overlay: boolean
  description?: string
}) {
  const { g, window: w } = props
  return (
    <>
      {EDGES.map(([side, position]) => (
        <span key={side} className="dmv-edge" style={position}>
          {g.labels[side]}
        </span>
      ))}
      {props.overlay && (
        <ViewerOverlay
          lines={{
            topLeft: props.description ? [props.description] : [],
            topRight: [
              `${g.plane[0].toUpperCase()}${g.plane.slice(1)} ${props.index + 1}/${g.count}`,
              ...(g.volumes > 1 ? [`Volume ${props.volume + 1}/${g.volumes}`] : []),
            ],
            bottomLeft: [
              ...(props.grey ? [`W ${formatWindowValue(w.width)} L ${formatWindowValue(w.center)}`] : []),
              `Zoom ${props.zoomPercent}%`,
            ],
            bottomRight: [`${g.width} × ${g.height}`],
          }}
        />
      )}
      {props.grey && props.colormap !== 'grayscale' && (
        <ColorBar
          colormap={props.colormap}
          low={w.center - w.width / 2}
          high={w.center + w.width / 2}
          unit=""
        />
      )}
    </>
  )
}
