import type { OverlayCorner } from './dicomOverlayFields.js'

const CLASS: Record<OverlayCorner, string> = {
  topLeft: 'dmv-tl',
  topRight: 'dmv-tr',
  bottomLeft: 'dmv-bl',
  bottomRight: 'dmv-br',
}

/**
 * Text in the four corners of the image, outlined so it reads on any picture; the font follows the viewer's
 * size (container query units, 11–16 px).
 */
export function ViewerOverlay({ lines }: { lines: Partial<Record<OverlayCorner, readonly string[]>> }) {
  return (
    <div className="dmv-overlay" data-viewer-overlay="">
      {(Object.keys(CLASS) as OverlayCorner[]).map((corner) =>
        lines[corner]?.length ? (
          <div key={corner} className={`dmv-corner ${CLASS[corner]}`} data-corner={corner}>
            {lines[corner]!.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </div>
        ) : null,
      )}
    </div>
  )
}
