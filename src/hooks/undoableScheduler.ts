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
  /** Cancels the send if it is still waiting; returns whether it did. */
  undo(): boolean
  /** Sends now (skips the rest of the wait). */
  flush(): void
}

const waiting = new Set<UndoTicket>()
let listening = false

// A closing tab must not lose an edit: everything still waiting is sent on pagehide.
function onPageHide() {
  flushUndoable()
}

function updateListener() {
  const target = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
  }
  if (typeof target.addEventListener !== 'function') return
  if (waiting.size > 0 && !listening) {
    target.addEventListener('pagehide', onPageHide)
    listening = true
  } else if (waiting.size === 0 && listening) {
    target.removeEventListener?.('pagehide', onPageHide)
    listening = false
  }
}

/**
 * Starts the wait of an undoable mutation: `ready` resolves after `timeoutMs`, on `flush()`, or on
 * `pagehide`; `undo()` rejects it instead. The `pagehide` listener exists only while something waits,
 * so importing this module touches no `window`.
 *
 * @example
 * const ticket = scheduleUndoable(5000)
 * ticket.ready.then(send, () => restoreCache())
 */
export function scheduleUndoable(timeoutMs: number): UndoTicket {
  let resolve!: () => void
  let reject!: (error: Error) => void
  const ready = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // Undone tickets nobody awaits must not surface as unhandled rejections.
  ready.catch(() => {})
  let state: UndoTicket['state'] = 'waiting'
  const settle = (next: 'sent' | 'undone') => {
    if (state !== 'waiting') return false
    state = next
    clearTimeout(timer)
    waiting.delete(ticket)
    updateListener()
    if (next === 'sent') resolve()
    else reject(new MutationUndoneError())
    return true
  }
  const ticket: UndoTicket = {
    get state() {
      return state
    },
    ready,
    undo: () => settle('undone'),
    flush: () => {
      settle('sent')
    },
  }
  const timer = setTimeout(() => settle('sent'), Math.max(0, timeoutMs))
  waiting.add(ticket)
  updateListener()
  return ticket
}

/** Sends every undoable mutation still waiting (what `pagehide` does). */
export function flushUndoable(): void {
  for (const ticket of [...waiting]) ticket.flush()
}
