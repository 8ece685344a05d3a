import type { AnnotationDisplay } from './useAnnotationDisplay.js'
import { cssColour } from './viewerAnnotations.js'

/**
 * The annotation legend over the image: one toggle per label (its colour, pressed while shown), the masks'
 * opacity, and the classification chips of the current frame.
 */
export function AnnotationLegend({
  display,
  chips,
}: {
  display: AnnotationDisplay
  chips: readonly string[]
}) {
  return (
    <>
      {display.labels.length > 0 && (
        <fieldset
          className="dmv-legend"
          aria-label="Annotations"
          // The legend sits on the image: its clicks and keys are not image drags or viewer shortcuts.
          onPointerDown={(e) => e.stopPropagation()}
          onDoubleClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
        >
          {display.labels.map((label) => (
            <button
              key={label}
              type="button"
              aria-pressed={!display.hidden.has(label)}
              title={`${display.hidden.has(label) ? 'Show' : 'Hide'} ${label}`}
              onClick={() => display.toggle(label)}
            >
              <span
                className="dmv-swatch"
                style={{ background: cssColour(display.colours.get(label) ?? [255, 255, 255]) }}
              />
              {label}
            </button>
          ))}
          <label className="dmv-opacity" title="Mask opacity">
            Opacity
            <input
              type="range"
              min={0}
              max={100}
              value={Math.round(display.opacity * 100)}
              onChange={(e) => display.setOpacity(Number(e.target.value) / 100)}
            />
          </label>
        </fieldset>
      )}
      {chips.length > 0 && (
        <div className="dmv-chips" data-annotation-chips="">
          {chips.map((chip) => (
            <span key={chip} className="dmv-chip">
              {chip}
            </span>
          ))}
        </div>
      )}
    </>
  )
}
