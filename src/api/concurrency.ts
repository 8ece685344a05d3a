/** Most requests a bulk operation keeps in flight at once (the Python SDK's limit). */
export const MAX_IN_FLIGHT = 20

/**
 * Runs `task` on every item with at most `limit` running at once and waits for all of them, like
 * `Promise.allSettled` (results in input order). An aborted `signal` stops starting new tasks and rejects
 * with its reason once the running ones have settled.
 *
 * @example
 * const results = await mapSettled(ids, 20, (id) => api.delete(id))
 */
export async function mapSettled<I, R>(
  items: readonly I[],
  limit: number,
  task: (item: I, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index], index) }
      } catch (reason) {
        results[index] = { status: 'rejected', reason }
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  signal?.throwIfAborted()
  return results
}

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
