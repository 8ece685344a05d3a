'use client'
import type { KeyboardEvent } from 'react'
import { commandForKey, keyShortcuts, type ViewerCommand } from '../keymap/viewerKeymap.js'

/** What a viewer does for each command it supports; commands left out are not taken (the key goes on). */
export type ViewerCommandHandlers = Partial<Record<ViewerCommand, () => void>>

/**
 * Keyboard props for a viewer's image area from {@link VIEWER_KEYMAP}: `onKeyDown` runs the handler of the
 * pressed key's command (and prevents the default, e.g. page scrolling), `aria-keyshortcuts` lists the keys.
 */
export function useViewerKeys(handlers: ViewerCommandHandlers) {
  return {
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      const command = commandForKey(e)
      const handler = command && handlers[command]
      if (!handler) return
      e.preventDefault()
      handler()
    },
    'aria-keyshortcuts': keyShortcuts(new Set(Object.keys(handlers) as ViewerCommand[])),
  }
}
