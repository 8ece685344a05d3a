// Runs checkInput in a worker thread with a memory limit and a per-input time limit: a hang or a runaway
// allocation is reported as such (and the worker replaced) instead of stalling or killing the test process.
import { Worker } from 'node:worker_threads'
import type { FuzzReply } from './fuzzWorker.js'

/** What one input did in the worker. */
export type RunResult =
  | { status: 'ok'; outcome: string; summary: string; ms: number }
  | { status: 'violation' | 'timeout' | 'crash'; message: string; ms: number }

export interface IsolatedRunnerOptions {
  /** Per-input time limit; generous, it catches hangs, not slowness. Default 8 s. */
  timeoutMs?: number
  /** The worker's V8 old-generation limit. Default 512 MB. */
  memoryMb?: number
  /** maxDecodedBytes inside the worker, below its memory limit. Default 64 MiB. */
  maxDecodedBytes?: number
  /** The worker's entry module; default the checkInput worker (tests of the runner pass a misbehaving one). */
  entry?: URL
}

interface Pending {
  id: number
  resolve: (result: RunResult) => void
  started: number
  timer?: NodeJS.Timeout
}

/** One worker thread at a time, checking one input at a time. */
export class IsolatedRunner {
  readonly #options: Required<IsolatedRunnerOptions>
  #worker?: Worker
  #ready?: Promise<void>
  #pending?: Pending
  #nextId = 0
  #output = ''

  constructor(options: IsolatedRunnerOptions = {}) {
    this.#options = {
      timeoutMs: 8000,
      memoryMb: 512,
      maxDecodedBytes: 64 * 2 ** 20,
      entry: new URL('./fuzzWorkerEntry.mjs', import.meta.url),
      ...options,
    }
  }

  /** Checks one input; never rejects. The worker starts before the clock does. */
  async run(bytes: Uint8Array, mimetype?: string): Promise<RunResult> {
    if (this.#pending) throw new Error('IsolatedRunner.run: one input at a time')
    const worker = await this.#start()
    return new Promise<RunResult>((resolve) => {
      const pending: Pending = { id: this.#nextId++, resolve, started: performance.now() }
      this.#pending = pending
      pending.timer = setTimeout(
        () => this.#fail('timeout', `no answer within ${this.#options.timeoutMs} ms`),
        this.#options.timeoutMs,
      )
      worker.postMessage({ id: pending.id, bytes, mimetype })
    })
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    this.#ready = undefined
    await worker?.terminate()
  }

  #start(): Promise<Worker> {
    if (!this.#ready) {
      const worker = new Worker(this.#options.entry, {
        workerData: { maxDecodedBytes: this.#options.maxDecodedBytes },
        resourceLimits: { maxOldGenerationSizeMb: this.#options.memoryMb, maxYoungGenerationSizeMb: 64 },
        stdout: true,
        stderr: true,
      })
      this.#worker = worker
      // What the worker printed (codecs, library warnings): kept for the report of a failing input.
      this.#output = ''
      const keep = (chunk: Buffer) => {
        this.#output = (this.#output + chunk.toString()).slice(-2000)
      }
      worker.stdout.on('data', keep)
      worker.stderr.on('data', keep)
      this.#ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve())
        worker.once('error', reject)
      })
      // Events of a worker already replaced (its exit after terminate()) must not fail the next input.
      const current = () => this.#worker === worker
      worker.on('message', (reply: FuzzReply) => current() && this.#answer(reply))
      worker.on('error', (error) => current() && this.#fail('crash', `${error.name}: ${error.message}`))
      worker.on('exit', (code) => current() && this.#fail('crash', `worker exited with code ${code}`))
    }
    const worker = this.#worker as Worker
    return (this.#ready as Promise<void>).then(() => worker)
  }

  #answer(reply: FuzzReply): void {
    const pending = this.#pending
    if (!pending || !('id' in reply) || reply.id !== pending.id) return
    this.#settle(
      'ok' in reply
        ? { status: 'ok', ...reply.ok, ms: performance.now() - pending.started }
        : { status: 'violation', message: reply.violation, ms: performance.now() - pending.started },
    )
  }

  /** A hang, a crash or an out-of-memory exit: report it and throw the worker away. */
  #fail(status: 'timeout' | 'crash', message: string): void {
    const pending = this.#pending
    if (!pending) return
    this.#settle({ status, message, ms: performance.now() - pending.started })
    void this.close()
  }

  #settle(result: RunResult): void {
    const pending = this.#pending
    if (!pending) return
    if (result.status !== 'ok' && this.#output) result.message += `\nworker output: ${this.#output}`
    this.#output = ''
    clearTimeout(pending.timer)
    this.#pending = undefined
    pending.resolve(result)
  }
}
