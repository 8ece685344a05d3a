/** Rejects the send of an undoable mutation whose `undo()` was called in time. Nothing was sent. */
export class MutationUndoneError extends Error {
  override name = 'MutationUndoneError'
  constructor() {
    super('The mutation was undone before it was sent; the cache was restored and no request was made.')
  }
}

/** One undoable mutation waiting for its send. */
export interface UndoTicket {
  readonly state: 'waiting' | 'sent' | 'undone'
  /** Resolves when the mutation may be sent (timeout or flush); rejects with {@link MutationUndoneError} on undo. */
  readonly ready: Promise<void>
  /**
   * True when `pagehide` released it: the request must be sent with fetch `keepalive`, or the closing
   * tab cancels it.
   */
  readonly keepalive: boolean
  /** Cancels the send if it is still waiting; returns whether it did. */
  undo(): boolean
  /** Sends now (skips the rest of the wait); `keepalive` as for a closing page. */
  flush(keepalive?: boolean): void
}

const waiting = new Set<UndoTicket>()
const PAGEHIDE = 'pagehide'
const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>

// A closing tab must not lose an edit: everything still waiting is sent on pagehide, with keepalive.
const onPageHide = () => flushUndoable(true)

/** Listens for `pagehide` only while something waits, so importing this module touches no `window`. */
function track(ticket: UndoTicket, add: boolean) {
  const before = waiting.size
  waiting[add ? 'add' : 'delete'](ticket)
  if (!before !== !waiting.size)
    target[waiting.size ? 'addEventListener' : 'removeEventListener']?.(PAGEHIDE, onPageHide)
}

/**
 * Starts the wait of an undoable mutation: `ready` resolves after `timeoutMs`, on `flush()`, or on
 * `pagehide`; `undo()` rejects it instead.
 *
 * @example
 * const ticket = scheduleUndoable(5000)
 * ticket.ready.then(send, () => restoreCache())
 */
export function scheduleUndoable(timeoutMs: number): UndoTicket {
  let settle!: (sent: boolean, keepalive?: boolean) => boolean
  const ticket = {
    state: 'waiting',
    keepalive: false,
    ready: new Promise<void>((resolve, reject) => {
      settle = (sent, keepalive = false) => {
        if (ticket.state !== 'waiting') return false
        ticket.state = sent ? 'sent' : 'undone'
        ticket.keepalive = keepalive
        clearTimeout(timer)
        track(ticket, false)
        sent ? resolve() : reject(new MutationUndoneError())
        return true
      }
    }),
    undo: () => settle(false),
    flush: (keepalive?: boolean) => {
      settle(true, keepalive)
    },
  } as { -readonly [K in keyof UndoTicket]: UndoTicket[K] }
  // Undone tickets nobody awaits must not surface as unhandled rejections.
  ticket.ready.catch(() => {})
  const timer = setTimeout(() => settle(true), Math.max(0, timeoutMs))
  track(ticket, true)
  return ticket
}

/**
 * Sends every undoable mutation still waiting (what `pagehide` does, with `keepalive`).
 *
 * @example
 * router.beforeNavigate(() => flushUndoable())
 */
export function flushUndoable(keepalive?: boolean): void {
  for (const ticket of [...waiting]) ticket.flush(keepalive)
}
