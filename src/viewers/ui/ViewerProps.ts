import type { CSSProperties } from 'react'

/** Props every viewer takes besides its data. */
export interface ViewerProps {
  /** Accessible name of the viewer (its `aria-label`); each viewer has a sensible default. */
  label?: string
  className?: string
  style?: CSSProperties
}
