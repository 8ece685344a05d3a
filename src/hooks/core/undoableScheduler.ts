import { DatamintError } from '../../api/errors.js'

/** Rejects the send of an undoable mutation whose `undo()` was called in time. Nothing was sent. */
export class MutationUndoneError extends DatamintError {
  override name = 'MutationUndoneError'
  constructor() {
    super('Undone: undo() was called before the request was sent, so nothing was sent.')
  }
}

/** One undoable mutation waiting for its send. */
export interface UndoTicket {
  /**
   * Resolves when the mutation may be sent (timeout or `pagehide`) with `keepalive`: true when `pagehide`
   * released it, so the request must outlive the closing tab. Rejects with {@link MutationUndoneError} on undo.
   */
  readonly ready: Promise<boolean>
  /** Set once `undo()` cancelled it. */
  readonly undone?: boolean
  /** Cancels the send if it is still waiting; returns whether it did. */
  undo(): boolean
}

/** Release functions of the tickets still waiting (`null` undoes). */
const waiting = new Set<(keepalive: boolean | null) => boolean>()
let listening = false

/**
 * Starts the wait of an undoable mutation: `ready` resolves after `timeoutMs` or on `pagehide`; `undo()`
 * rejects it instead.
 *
 * @example
 * const ticket = scheduleUndoable(5000)
 * ticket.ready.then(send, () => restoreCache())
 */
export function scheduleUndoable(timeoutMs: number): UndoTicket {
  let release!: (keepalive: boolean | null) => boolean
  const ticket: { -readonly [K in keyof UndoTicket]: UndoTicket[K] } = {
    ready: new Promise((resolve, reject) => {
      release = (keepalive) => {
        if (!waiting.delete(release)) return false
        clearTimeout(timer)
        if (keepalive === null) {
          ticket.undone = true
          reject(new MutationUndoneError())
        } else resolve(keepalive)
        return true
      }
    }),
    undo: () => release(null),
  }
  // Undone tickets nobody awaits must not surface as unhandled rejections.
  ticket.ready.catch(() => {})
  const timer = setTimeout(release, timeoutMs, false)
  waiting.add(release)
  // A closing tab must not lose an edit. Added on first use, so importing this module touches no `window`.
  if (!listening) {
    listening = true
    // Everything still waiting is sent now, with keepalive.
    ;(globalThis as Partial<typeof window>).addEventListener?.('pagehide', () => {
      for (const release of [...waiting]) release(true)
    })
  }
  return ticket
}
