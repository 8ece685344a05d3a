/** Most requests a bulk operation keeps in flight at once (the Python SDK's limit). */
export const MAX_IN_FLIGHT = 20

/** Runs tasks with at most `limit` of them started and not yet settled; the others wait in order. */
export interface Limiter {
  run<R>(task: () => Promise<R>, signal?: AbortSignal | null): Promise<R>
  /** Tasks running now. */
  readonly active: number
}

/**
 * A FIFO limiter. A task waiting for its turn is dropped when `signal` aborts (it rejects with the reason
 * and never starts).
 *
 * @example
 * const limit = createLimiter(20)
 * const res = await limit.run(() => fetch(url))
 */
export function createLimiter(limit: number): Limiter {
  let active = 0
  const queue: Array<() => void> = []
  const release = () => {
    active--
    queue.shift()?.()
  }
  return {
    get active() {
      return active
    },
    run<R>(task: () => Promise<R>, signal?: AbortSignal | null): Promise<R> {
      const start = (): Promise<R> => {
        active++
        let running: Promise<R>
        try {
          running = task()
        } catch (error) {
          running = Promise.reject(error)
        }
        return running.finally(release)
      }
      if (active < limit) return start()
      return new Promise<R>((resolve, reject) => {
        signal?.throwIfAborted()
        const onAbort = () => {
          queue.splice(queue.indexOf(go), 1)
          reject(signal?.reason)
        }
        const go = () => {
          signal?.removeEventListener('abort', onAbort)
          start().then(resolve, reject)
        }
        queue.push(go)
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    },
  }
}
