import { createLimiter } from './concurrency.js'
import { DatamintError } from './errors.js'

/** One item of a bulk operation that failed, with why. */
export interface BulkFailure {
  id: string
  error: unknown
}

/**
 * A bulk operation (e.g. `bulkDelete`) where some items failed. Every item was attempted; `failures` lists
 * each failed id with its error, `succeeded` the ids that went through.
 *
 * @example
 * try { await api.projects.bulkDelete(ids) } catch (e) {
 *   if (e instanceof BulkOperationError) retryLater(e.failures.map((f) => f.id))
 * }
 */
export class BulkOperationError extends DatamintError {
  override name = 'BulkOperationError'
  readonly failures: BulkFailure[]
  readonly succeeded: string[]

  constructor(operation: string, failures: BulkFailure[], succeeded: string[]) {
    const shown = failures.slice(0, 10).map((f) => `${f.id} (${describe(f.error)})`)
    const more = failures.length > shown.length ? `; and ${failures.length - shown.length} more` : ''
    super(
      `${operation}: ${failures.length} of ${failures.length + succeeded.length} failed: ${shown.join('; ')}${more}. ` +
        'See error.failures for each cause; the others succeeded.',
      { cause: failures[0]?.error },
    )
    this.failures = failures
    this.succeeded = succeeded
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * Sends `ids` in batches of `batchSize` with at most `inFlight` batches at once. Every batch is attempted;
 * if any fail, one {@link BulkOperationError} lists each id of the failed batches with the batch's cause.
 * An aborted `signal` stops starting batches and rejects with its reason.
 *
 * @example
 * await bulk(`bulkDelete of ${ids.length} projects`, ids, 1, 20, ([id]) => api.delete(id), signal)
 */
export async function bulk(
  operation: string,
  ids: readonly string[],
  batchSize: number,
  inFlight: number,
  send: (batch: string[]) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<void> {
  const batches: string[][] = []
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize))
  const limiter = createLimiter(inFlight)
  const results = await Promise.allSettled(batches.map((batch) => limiter.run(() => send(batch), signal)))
  signal?.throwIfAborted()
  const failures: BulkFailure[] = []
  const succeeded: string[] = []
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') succeeded.push(...batches[i])
    else for (const id of batches[i]) failures.push({ id, error: r.reason })
  })
  if (failures.length > 0) throw new BulkOperationError(operation, failures, succeeded)
}
