/**
 * The one keymap of the image viewers (DicomViewer, NiftiViewer; ImageViewer uses the fit keys): the same key
 * means the same thing everywhere. Frames of a DICOM file and slices of a NIfTI volume are both "images" here:
 * Down/Right go to the next one, Up/Left to the previous one (as radiology workstations scroll a stack).
 */
export type ViewerCommand =
  | 'next'
  | 'previous'
  | 'forward10'
  | 'back10'
  | 'first'
  | 'last'
  | 'widerWindow'
  | 'narrowerWindow'
  | 'raiseLevel'
  | 'lowerLevel'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'actualSize'
  | 'invert'
  | 'reset'
  | 'play'
  | 'dragWindow'
  | 'dragZoom'
  | 'dragPan'
  | 'axial'
  | 'coronal'
  | 'sagittal'
  | 'help'

/** A key press as the keymap sees it (a React or DOM KeyboardEvent fits). */
export interface KeyPress {
  key: string
  shiftKey?: boolean
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
}

export type Modifier = 'shift' | 'alt' | 'none' | 'any'

export interface KeyBinding {
  command: ViewerCommand
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[]
  /** Modifier required: `shift`, `alt`, `none` (neither), `any` (shift allowed, e.g. `+` is Shift+= on US keyboards). */
  modifier: Modifier
  /** What a person reads in the help popover, e.g. "↓ / →". */
  label: string
  description: string
}

const b = (
  command: ViewerCommand,
  keys: string[],
  modifier: Modifier,
  label: string,
  description: string,
): KeyBinding => ({ command, keys, modifier, label, description })

/** Every key binding, in the order the help popover lists them. */
export const VIEWER_KEYMAP: readonly KeyBinding[] = [
  b('next', ['ArrowDown', 'ArrowRight'], 'none', '↓ / →', 'Next frame or slice'),
  b('previous', ['ArrowUp', 'ArrowLeft'], 'none', '↑ / ←', 'Previous frame or slice'),
  b('forward10', ['PageDown'], 'none', 'Page Down', '10 frames or slices forward'),
  b('back10', ['PageUp'], 'none', 'Page Up', '10 frames or slices back'),
  b('first', ['Home'], 'none', 'Home', 'First frame or slice'),
  b('last', ['End'], 'none', 'End', 'Last frame or slice'),
  b('widerWindow', ['ArrowRight'], 'shift', 'Shift + →', 'Wider window (less contrast)'),
  b('narrowerWindow', ['ArrowLeft'], 'shift', 'Shift + ←', 'Narrower window (more contrast)'),
  b('raiseLevel', ['ArrowUp'], 'shift', 'Shift + ↑', 'Raise the level (darker)'),
  b('lowerLevel', ['ArrowDown'], 'shift', 'Shift + ↓', 'Lower the level (brighter)'),
  b('panLeft', ['ArrowLeft'], 'alt', 'Alt + ←', 'Pan left'),
  b('panRight', ['ArrowRight'], 'alt', 'Alt + →', 'Pan right'),
  b('panUp', ['ArrowUp'], 'alt', 'Alt + ↑', 'Pan up'),
  b('panDown', ['ArrowDown'], 'alt', 'Alt + ↓', 'Pan down'),
  b('zoomIn', ['+', '='], 'any', '+', 'Zoom in'),
  b('zoomOut', ['-', '_'], 'any', '−', 'Zoom out'),
  b('fit', ['f', 'F'], 'any', 'F', 'Fit to the viewer'),
  b('actualSize', ['1'], 'none', '1', 'Actual size (1 image pixel = 1 screen pixel)'),
  b('invert', ['i', 'I'], 'any', 'I', 'Invert grey scale'),
  b('reset', ['r', 'R', '0'], 'any', 'R / 0', 'Reset window, zoom and pan'),
  b('play', [' ', 'p', 'P'], 'any', 'Space / P', 'Play or pause cine'),
  b('dragWindow', ['w', 'W'], 'any', 'W', 'Drag adjusts window/level'),
  b('dragZoom', ['z', 'Z'], 'any', 'Z', 'Drag zooms'),
  b('dragPan', ['m', 'M'], 'any', 'M', 'Drag moves (pans) the image'),
  b('axial', ['a', 'A'], 'any', 'A', 'Axial plane (NIfTI)'),
  b('coronal', ['c', 'C'], 'any', 'C', 'Coronal plane (NIfTI)'),
  b('sagittal', ['s', 'S'], 'any', 'S', 'Sagittal plane (NIfTI)'),
  b('help', ['?'], 'any', '?', 'Show or hide this help'),
]

/** Mouse gestures, listed in the help popover after the keys. */
export const VIEWER_GESTURES: readonly { label: string; description: string }[] = [
  { label: 'Drag', description: 'The toolbar’s drag mode (window/level by default)' },
  { label: 'Right or Ctrl + drag', description: 'Zoom' },
  { label: 'Middle or Shift + drag', description: 'Pan' },
  { label: 'Wheel', description: 'Next / previous frame or slice' },
  { label: 'Double-click', description: 'Reset' },
]

function modifierMatches(modifier: Modifier, e: KeyPress): boolean {
  if (e.ctrlKey || e.metaKey) return false // browser and OS shortcuts are never taken
  if (modifier === 'any') return !e.altKey
  if (modifier === 'shift') return !!e.shiftKey && !e.altKey
  if (modifier === 'alt') return !!e.altKey && !e.shiftKey
  return !e.shiftKey && !e.altKey
}

/**
 * The command a key press means, or undefined.
 *
 * @example
 * commandForKey({ key: 'ArrowDown' }) // 'next'
 * commandForKey({ key: 'ArrowUp', shiftKey: true }) // 'raiseLevel'
 */
export function commandForKey(e: KeyPress): ViewerCommand | undefined {
  for (const binding of VIEWER_KEYMAP) {
    if (binding.keys.includes(e.key) && modifierMatches(binding.modifier, e)) return binding.command
  }
  return undefined
}

/** `aria-keyshortcuts` value for the commands a viewer handles. */
export function keyShortcuts(commands: ReadonlySet<ViewerCommand>): string {
  const out: string[] = []
  for (const binding of VIEWER_KEYMAP) {
    if (!commands.has(binding.command)) continue
    const prefix = binding.modifier === 'shift' ? 'Shift+' : binding.modifier === 'alt' ? 'Alt+' : ''
    for (const key of binding.keys) out.push(prefix + (key === ' ' ? 'Space' : key))
  }
  return out.join(' ')
}
