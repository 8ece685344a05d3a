import type { TransferProgress } from '../BaseApi.js'
import { badArgument } from '../errors.js'

/** Overall progress of a bulk download. */
export interface BulkDownloadProgress {
  /** Items finished (downloaded or failed) / all items. */
  done: number
  failed: number
  total: number
  /** Bytes received so far over all items. */
  transferredBytes: number
  /** 0..1: finished items plus the share of those in flight. */
  fraction: number
}

/** Options of the bulk downloads. */
export interface BulkDownloadOptions {
  /** Downloads in flight at once. Default 4. */
  concurrency?: number
  onProgress?: (progress: BulkDownloadProgress) => void
  signal?: AbortSignal
}

/** One finished item: its data, or why it has none. */
export type Downloaded<K extends string, E, T> =
  | ({ [key in K]: E } & { data: T; error?: undefined })
  | ({ [key in K]: E } & { data?: undefined; error: unknown })

/**
 * Runs `task` over `items` with at most `concurrency` in flight and yields each result as it finishes
 * (completion order), a failure as `{ error }` without stopping the others. Leaving the loop early (or
 * `signal` aborting) aborts what is in flight; an abort ends the iteration with the signal's reason.
 */
export async function* downloadInCompletionOrder<K extends string, E, T>(
  key: K,
  items: readonly E[],
  task: (item: E, options: { signal: AbortSignal; onProgress: (p: TransferProgress) => void }) => Promise<T>,
  options: BulkDownloadOptions = {},
): AsyncGenerator<Downloaded<K, E, T>, void, undefined> {
  const concurrency = options.concurrency ?? 4
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw badArgument(`concurrency must be a whole number ≥ 1, got ${concurrency}.`, 'concurrency')
  }
  options.signal?.throwIfAborted()
  const controller = new AbortController()
  const stop = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', stop, { once: true })
  const partial = new Map<number, { bytes: number; fraction: number }>()
  let done = 0
  let failed = 0
  const report = () => {
    if (!options.onProgress) return
    let bytes = 0
    let inFlight = 0
    for (const p of partial.values()) {
      bytes += p.bytes
      inFlight += p.fraction
    }
    options.onProgress({
      done,
      failed,
      total: items.length,
      transferredBytes: bytes,
      fraction: items.length === 0 ? 1 : (done + inFlight) / items.length,
    })
  }
  const running = new Map<number, Promise<{ index: number; result: Downloaded<K, E, T> }>>()
  let next = 0
  const start = (index: number) => {
    const item = items[index]
    partial.set(index, { bytes: 0, fraction: 0 })
    const onProgress = (p: TransferProgress) => {
      partial.set(index, { bytes: p.transferredBytes, fraction: p.fraction ?? 0 })
      report()
    }
    running.set(
      index,
      task(item, { signal: controller.signal, onProgress }).then(
        (data) => ({ index, result: { [key]: item, data } as Downloaded<K, E, T> }),
        (error: unknown) => ({ index, result: { [key]: item, error } as Downloaded<K, E, T> }),
      ),
    )
  }
  try {
    report()
    while (next < items.length || running.size > 0) {
      while (running.size < concurrency && next < items.length) start(next++)
      const { index, result } = await Promise.race(running.values())
      running.delete(index)
      if (controller.signal.aborted) throw controller.signal.reason
      const bytes = partial.get(index)?.bytes ?? 0
      partial.set(index, { bytes, fraction: 0 })
      done++
      if (result.error !== undefined) failed++
      // A finished item keeps its bytes in the total but leaves the in-flight share.
      partial.set(index, { bytes, fraction: 0 })
      report()
      yield result
    }
  } finally {
    options.signal?.removeEventListener('abort', stop)
    if (running.size > 0)
      controller.abort(new DOMException('The bulk download was left early.', 'AbortError'))
  }
}
