import type { CSSProperties, HTMLAttributes, ReactNode, RefObject } from 'react'
import { frameStyle } from './frameStyle.js'
import { ViewerStyles } from './ViewerStyles.js'

/**
 * The frame of an image viewer: a labelled `<section>` with the stylesheet, the toolbar, and the focusable
 * image area (`role="application"`) holding the picture and its layers.
 */
export function ViewerShell(props: {
  name: string
  busy: boolean
  className?: string
  style?: CSSProperties
  toolbar?: ReactNode
  imageRef: RefObject<HTMLDivElement | null>
  /** e.g. "DICOM image"; read by screen readers with `imageLabel`. */
  roleDescription: string
  imageLabel: string
  imageProps: HTMLAttributes<HTMLDivElement>
  children: ReactNode
}) {
  return (
    <section
      aria-label={props.name}
      aria-busy={props.busy}
      className={['dmv-root', props.className].filter(Boolean).join(' ')}
      style={frameStyle(128, props.style)}
    >
      <ViewerStyles />
      {props.toolbar}
      <div
        ref={props.imageRef}
        className="dmv-image"
        role="application"
        aria-roledescription={props.roleDescription}
        aria-label={props.imageLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region takes keyboard commands
        tabIndex={0}
        {...props.imageProps}
      >
        {props.children}
      </div>
    </section>
  )
}
