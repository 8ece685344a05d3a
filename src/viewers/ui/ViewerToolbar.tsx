'use client'
import { type KeyboardEvent, type ReactNode, useId } from 'react'
import type { ViewerCommand } from '../keymap/viewerKeymap.js'
import { COLORMAP_LABELS, COLORMAPS, type ColormapName } from '../render/colormaps.js'
import { KeyboardHelp } from './KeyboardHelp.js'
import type { ViewerCommandHandlers } from './useViewerKeys.js'
import type { WindowPreset } from './windowPresets.js'

/** What a plain left-drag on the image does. */
export type DragMode = 'window' | 'zoom' | 'pan'

export interface ViewerToolbarProps {
  /** Accessible name, e.g. "DICOM viewer tools". */
  label: string
  dragMode: DragMode
  onDragModeChange: (mode: DragMode) => void
  /** Grey images: window/level drag, presets, colour maps and invert. Colour images have none of them. */
  grey: boolean
  presets?: readonly WindowPreset[]
  onPreset?: (preset: WindowPreset) => void
  colormap?: ColormapName
  onColormapChange?: (colormap: ColormapName) => void
  inverted?: boolean
  onInvert?: () => void
  onFit?: () => void
  onActualSize?: () => void
  onReset: () => void
  /** Frame or slice navigation (shown when there is more than one). */
  stack?: { noun: 'Frame' | 'Slice'; index: number; count: number; onChange: (index: number) => void }
  cine?: {
    playing: boolean
    onPlayingChange: (playing: boolean) => void
    fps: number
    onFpsChange: (fps: number) => void
  }
  /** Extra controls, e.g. NIfTI plane buttons, placed first. */
  children?: ReactNode
  /** The viewer's keyboard handlers; their keys are listed in the help popover. */
  commands: ViewerCommandHandlers
  helpOpen: boolean
  onHelpOpenChange: (open: boolean) => void
}

const DRAG_MODES: { mode: DragMode; text: string; title: string; key: string }[] = [
  { mode: 'window', text: 'W/L', title: 'Drag adjusts window/level', key: 'W' },
  { mode: 'zoom', text: 'Zoom', title: 'Drag zooms', key: 'Z' },
  { mode: 'pan', text: 'Pan', title: 'Drag pans', key: 'M' },
]

/**
 * The toolbar both image viewers share (`role="toolbar"`): drag mode, window presets, colour map, invert,
 * fit / 1:1 / reset, cine with fps, frame or slice slider and the keyboard help. Every control is reachable
 * with Tab; Left/Right also move between buttons as in a WAI-ARIA toolbar. Buttons carry a label and a tooltip
 * naming their key.
 */
export function ViewerToolbar(props: ViewerToolbarProps) {
  const { grey, stack, cine } = props
  const helpId = useId()
  return (
    <div role="toolbar" aria-label={props.label} className="dmv-toolbar" onKeyDown={moveFocus}>
      {props.children}
      <fieldset className="dmv-group" aria-label="Drag mode">
        {DRAG_MODES.filter((d) => grey || d.mode !== 'window').map((d) => (
          <button
            key={d.mode}
            type="button"
            className="dmv-btn"
            aria-pressed={props.dragMode === d.mode}
            title={`${d.title} (${d.key})`}
            aria-keyshortcuts={d.key}
            onClick={() => props.onDragModeChange(d.mode)}
          >
            {d.text}
          </button>
        ))}
      </fieldset>
      {grey && props.presets && props.onPreset && (
        <select
          className="dmv-select"
          aria-label="Window preset"
          title="Window/level preset"
          value=""
          onChange={(e) => {
            const preset = props.presets!.find((p) => p.id === e.target.value)
            if (preset) props.onPreset!(preset)
          }}
        >
          <option value="" disabled>
            Window…
          </option>
          {props.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
              {p.id === 'auto' || p.id === 'full' ? '' : ` (${p.width}/${p.center})`}
            </option>
          ))}
        </select>
      )}
      {grey && props.colormap && props.onColormapChange && (
        <select
          className="dmv-select"
          aria-label="Colour map"
          title="Colour map"
          value={props.colormap}
          onChange={(e) => props.onColormapChange!(e.target.value as ColormapName)}
        >
          {COLORMAPS.map((c) => (
            <option key={c} value={c}>
              {COLORMAP_LABELS[c]}
            </option>
          ))}
        </select>
      )}
      <span className="dmv-sep" aria-hidden="true" />
      <fieldset className="dmv-group" aria-label="View">
        {grey && props.onInvert && (
          <button
            type="button"
            className="dmv-btn"
            aria-pressed={!!props.inverted}
            title="Invert grey scale (I)"
            aria-keyshortcuts="I"
            onClick={props.onInvert}
          >
            Invert
          </button>
        )}
        {props.onFit && (
          <button
            type="button"
            className="dmv-btn"
            title="Fit to the viewer (F)"
            aria-keyshortcuts="F"
            onClick={props.onFit}
          >
            Fit
          </button>
        )}
        {props.onActualSize && (
          <button
            type="button"
            className="dmv-btn"
            aria-label="Actual size"
            title="Actual size, 1 image pixel per screen pixel (1)"
            aria-keyshortcuts="1"
            onClick={props.onActualSize}
          >
            1:1
          </button>
        )}
        <button
          type="button"
          className="dmv-btn"
          title="Reset window, zoom and pan (R)"
          aria-keyshortcuts="R"
          onClick={props.onReset}
        >
          Reset
        </button>
      </fieldset>
      {stack && stack.count > 1 && (
        <>
          <span className="dmv-sep" aria-hidden="true" />
          {cine && (
            <button
              type="button"
              className="dmv-btn"
              aria-label={cine.playing ? 'Pause' : 'Play'}
              aria-pressed={cine.playing}
              title={`${cine.playing ? 'Pause' : 'Play'} cine (Space)`}
              aria-keyshortcuts="Space"
              onClick={() => cine.onPlayingChange(!cine.playing)}
            >
              {cine.playing ? '❚❚' : '▶'}
            </button>
          )}
          {cine && (
            <label className="dmv-label" title="Cine speed, frames per second">
              <input
                className="dmv-num"
                type="number"
                min={1}
                max={120}
                value={cine.fps}
                onChange={(e) => cine.onFpsChange(Math.max(1, Math.min(120, Number(e.target.value) || 1)))}
              />
              fps
            </label>
          )}
          <input
            className="dmv-range"
            type="range"
            aria-label={stack.noun}
            title={`${stack.noun} (↑/↓, Page Up/Down, Home/End)`}
            min={1}
            max={stack.count}
            value={stack.index + 1}
            onChange={(e) => stack.onChange(Number(e.target.value) - 1)}
          />
          <span className="dmv-count" aria-hidden="true">
            {stack.index + 1}/{stack.count}
          </span>
        </>
      )}
      <button
        type="button"
        className="dmv-btn"
        aria-label="Keyboard shortcuts"
        aria-expanded={props.helpOpen}
        aria-controls={helpId}
        title="Keyboard shortcuts (?)"
        aria-keyshortcuts="?"
        onClick={() => props.onHelpOpenChange(!props.helpOpen)}
        style={{ marginLeft: 'auto' }}
      >
        ?
      </button>
      {props.helpOpen && (
        <KeyboardHelp
          id={helpId}
          commands={new Set(Object.keys(props.commands) as ViewerCommand[])}
          onClose={() => props.onHelpOpenChange(false)}
        />
      )}
    </div>
  )
}

/** Left/Right between the toolbar's buttons (inputs and selects keep their own arrow keys). */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || !(e.target instanceof HTMLButtonElement)) return
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('button, select, input')).filter(
    (b) => !(b as HTMLButtonElement).disabled && !b.closest('.dmv-help'),
  )
  const at = buttons.indexOf(e.target)
  const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length]
  if (!next) return
  e.preventDefault()
  next.focus()
}
