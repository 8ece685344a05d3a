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
