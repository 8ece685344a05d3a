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
