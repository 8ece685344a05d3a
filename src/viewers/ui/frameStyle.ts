import type { CSSProperties } from 'react'

/**
 * Style of a viewer's outer `<section>`: a column that fills its container (toolbar on top, image below),
 * at least `minHeight` px tall, with the caller's `style` applied last.
 */
export function frameStyle(minHeight: number, style?: CSSProperties): CSSProperties {
  return { display: 'flex', flexDirection: 'column', width: '100%', height: '100%', minHeight, ...style }
}

/** Style of the row of controls above a viewer's picture. */
export const toolbarStyle: CSSProperties = {
  display: 'flex',
  gap: 8,
  alignItems: 'center',
  flexWrap: 'wrap',
  font: '13px system-ui, sans-serif',
}
