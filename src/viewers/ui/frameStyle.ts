import type { CSSProperties } from 'react'

/**
 * Style of a viewer's outer `<section>`: a column that fills its container (toolbar on top, image below),
 * at least `minHeight` px tall, with the caller's `style` applied last.
 */
export function frameStyle(minHeight: number, style?: CSSProperties): CSSProperties {
  return { display: 'flex', flexDirection: 'column', width: '100%', height: '100%', minHeight, ...style }
}
