import { deserializeError, type SerializedError } from './serializeError.js'

/** What a worker answers to the task with id `id`. */
export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: SerializedError }

interface Task {
  id: number
  message: unknown
  transfer: Transferable[]
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
  /** Runs the task on this thread instead (the pool could not start a worker). */
  fallback: () => Promise<unknown>
  signal: AbortSignal | undefined
  onAbort: () => void
}

interface Slot {
  worker: Worker
  task: Task | undefined
  /** It posted 'ready': its module loaded, so an `error` event later is not a load failure. */
  started: boolean
  idleTimer: ReturnType<typeof setTimeout> | undefined
}

/**
 * A few module workers running tasks one at a time each, in arrival order. Workers start on demand and
 * stop after `idleMs` without work. Aborting a queued task drops it; aborting a running one terminates its
 * worker (the only way to stop WASM mid-frame), which is replaced on the next task. If a worker cannot
 * start (its script failed to load: an unsupported bundler, a CSP), every task from then on runs on the
 * calling thread through its `fallback`.
 */
export class WorkerPool {
  readonly #create: () => Worker
  readonly #size: number
  readonly #idleMs: number
  readonly #slots: Slot[] = []
  readonly #queue: Task[] = []
  #nextId = 0
  #broken = false

  constructor(create: () => Worker, size: number, idleMs = 30_000) {
    this.#create = create
    this.#size = Math.max(1, size)
    this.#idleMs = idleMs
  }

  /** Workers running now (for tests and diagnostics). */
  get workerCount(): number {
    return this.#slots.length
  }

  /** False once a worker failed to load: tasks then run on the calling thread. */
  get usable(): boolean {
    return !this.#broken
  }

  /**
   * Posts `message` (with `transfer` moved, not copied) to a free worker and resolves to its result;
   * rejects with the worker's error rebuilt (same class, same fields), or with `signal.reason`.
   */
  run<T>(
    message: unknown,
    transfer: Transferable[],
    fallback: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    if (this.#broken) return fallback()
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        id: this.#nextId++,
        message,
        transfer,
        resolve: resolve as (value: unknown) => void,
        reject,
        fallback,
        signal,
        onAbort: () => this.#abort(task),
      }
      signal?.addEventListener('abort', task.onAbort, { once: true })
      this.#queue.push(task)
      this.#dispatch()
    })
  }

  /** Stops every worker; queued and running tasks reject with an AbortError. */
  terminate(): void {
    const error = new DOMException('The worker pool was terminated.', 'AbortError')
    for (const task of this.#queue.splice(0)) this.#settle(task, () => task.reject(error))
    for (const slot of this.#slots.splice(0)) {
      slot.worker.terminate()
      clearTimeout(slot.idleTimer)
      if (slot.task) this.#settle(slot.task, () => slot.task?.reject(error))
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      // Only a worker that said it is ready gets work: until then the buffers stay here, for the fallback.
      const slot = this.#slots.find((s) => s.started && !s.task)
      if (!slot) break
      const task = this.#queue.shift() as Task
      clearTimeout(slot.idleTimer)
      slot.task = task
      slot.worker.postMessage({ id: task.id, task: task.message }, task.transfer)
    }
    let starting = this.#slots.filter((s) => !s.started).length
    while (this.#queue.length > starting && this.#slots.length < this.#size) {
      try {
        this.#spawn()
      } catch {
        // The constructor itself refused (e.g. a content security policy): no worker will start.
        this.#giveUp()
        return
      }
      starting++
    }
  }

  #spawn(): Slot {
    const slot: Slot = { worker: this.#create(), task: undefined, started: false, idleTimer: undefined }
    slot.worker.onmessage = (event: MessageEvent<WorkerReply | 'ready'>) => {
      const reply = event.data
      if (reply === 'ready') {
        slot.started = true
        this.#dispatch()
        return
      }
      const task = slot.task
      if (!task || reply.id !== task.id) return
      slot.task = undefined
      this.#settle(task, () =>
        reply.ok ? task.resolve(reply.result) : task.reject(deserializeError(reply.error)),
      )
      slot.idleTimer = setTimeout(() => this.#retire(slot), this.#idleMs)
      this.#dispatch()
    }
    slot.worker.onerror = (event) => {
      // A module that fails to load or throws at the top level: no worker will do better, use this thread.
      event.preventDefault()
      this.#retire(slot)
      if (!slot.started) {
        this.#giveUp()
        return
      }
      if (slot.task) {
        const task = slot.task
        this.#settle(task, () => task.reject(new Error(`Worker failed: ${event.message || 'unknown error'}`)))
      }
      this.#dispatch()
    }
    this.#slots.push(slot)
    return slot
  }

  /** Workers cannot start here: stop those still starting and run the queue on this thread. */
  #giveUp(): void {
    this.#broken = true
    for (const slot of this.#slots.filter((s) => !s.started)) this.#retire(slot)
    for (const task of this.#queue.splice(0)) {
      this.#settle(task, () => task.fallback().then(task.resolve, task.reject))
    }
  }

  #retire(slot: Slot): void {
    clearTimeout(slot.idleTimer)
    slot.worker.terminate()
    const index = this.#slots.indexOf(slot)
    if (index >= 0) this.#slots.splice(index, 1)
  }

  #abort(task: Task): void {
    const queued = this.#queue.indexOf(task)
    if (queued >= 0) this.#queue.splice(queued, 1)
    else {
      const slot = this.#slots.find((s) => s.task === task)
      if (slot) {
        slot.task = undefined
        this.#retire(slot)
      }
    }
    task.reject(task.signal?.reason)
    this.#dispatch()
  }

  #settle(task: Task, finish: () => void): void {
    task.signal?.removeEventListener('abort', task.onAbort)
    finish()
  }
}
