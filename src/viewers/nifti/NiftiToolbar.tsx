import { ViewerToolbar, type ViewerToolbarProps } from '../ui/ViewerToolbar.js'
import type { NiftiPlane } from './niftiSliceGeometry.js'
import { NIFTI_PLANES } from './useNiftiVolume.js'

/** The shared viewer toolbar with NIfTI's plane buttons and, for 4D series, a volume slider in front. */
export function NiftiToolbar(props: {
  label: string
  plane: NiftiPlane
  onPlaneChange: (plane: NiftiPlane) => void
  volumes: number
  volume: number
  onVolumeChange: (volume: number) => void
  toolbar: Omit<ViewerToolbarProps, 'label' | 'children'>
}) {
  return (
    <ViewerToolbar label={props.label} {...props.toolbar}>
      <PlaneButtons plane={props.plane} onChange={props.onPlaneChange} />
      {props.volumes > 1 && (
        <label className="dmv-label">
          Volume
          <input
            className="dmv-range"
            type="range"
            min={0}
            max={props.volumes - 1}
            value={props.volume}
            onChange={(e) => props.onVolumeChange(Number(e.target.value))}
          />
          <span className="dmv-count">
            {props.volume + 1}/{props.volumes}
          </span>
        </label>
      )}
    </ViewerToolbar>
  )
}

function PlaneButtons({ plane, onChange }: { plane: NiftiPlane; onChange: (plane: NiftiPlane) => void }) {
  return (
    <fieldset className="dmv-group" aria-label="Plane">
      {NIFTI_PLANES.map((p) => (
        <button
          key={p}
          type="button"
          className="dmv-btn"
          aria-pressed={p === plane}
          title={`${p[0].toUpperCase()}${p.slice(1)} plane (${p[0].toUpperCase()})`}
          aria-keyshortcuts={p[0].toUpperCase()}
          onClick={() => onChange(p)}
        >
          {p[0].toUpperCase() + p.slice(1)}
        </button>
      ))}
      <span className="dmv-sep" aria-hidden="true" />
    </fieldset>
  )
}
