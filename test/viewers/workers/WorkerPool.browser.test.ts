// WorkerPool's own behaviour in Chromium, with tiny workers made from Blob URLs.
import { afterEach, describe, expect, it } from 'vitest'
import { FormatError } from '../../../src/api/errors.js'
import { serializeError } from '../../../src/viewers/workers/serializeError.js'
import { WorkerPool } from '../../../src/viewers/workers/WorkerPool.js'

const pools: WorkerPool[] = []
afterEach(() => {
  for (const p of pools.splice(0)) p.terminate()
})

/** A module worker from source text: `handle(task)` returns the result or throws. */
function workerFrom(handle: string): () => Worker {
  const source = `
    const handle = ${handle}
    self.onmessage = async ({ data: { id, task } }) => {
      try { self.postMessage({ id, ok: true, result: await handle(task) }) }
      catch (e) { self.postMessage({ id, ok: false, error: e }) }
    }
    self.postMessage('ready')`
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
  return () => new Worker(url, { type: 'module' })
}

function pool(create: () => Worker, size: number): WorkerPool {
  const p = new WorkerPool(create, size)
  pools.push(p)
  return p
}

const never = () => Promise.reject(new Error('the fallback must not run'))

describe('WorkerPool', () => {
  it('runs tasks in at most `size` workers and answers each task with its own result', async () => {
    const p = pool(
      workerFrom('async (n) => { await new Promise((r) => setTimeout(r, 20)); return n * 2 }'),
      2,
    )
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => p.run<number>(n, [], never)))
    expect(results).toEqual([2, 4, 6, 8, 10])
    expect(p.workerCount).toBe(2)
  })

  it('moves transferred buffers (the sender’s copy is detached)', async () => {
    const p = pool(workerFrom('(bytes) => bytes.length'), 1)
    const bytes = new Uint8Array(1000)
    expect(await p.run<number>(bytes, [bytes.buffer], never)).toBe(1000)
    expect(bytes.byteLength).toBe(0)
  })

  it('rebuilds errors: a FormatError arrives as a FormatError with its reason', async () => {
    const serialized = serializeError(new FormatError('Unsupported mimetype: x/y', { reason: 'unsupported' }))
    const p = pool(workerFrom(`() => { throw ${JSON.stringify(serialized)} }`), 1)
    const error = await p.run(0, [], never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FormatError)
    expect(error).toMatchObject({
      name: 'FormatError',
      message: 'Unsupported mimetype: x/y',
      reason: 'unsupported',
    })
  })

  it('a worker that cannot load sends every task to the fallback, with its buffers intact', async () => {
    const p = pool(() => new Worker('/no-such-worker-script.js', { type: 'module' }), 2)
    const bytes = new Uint8Array([1, 2, 3])
    const result = await p.run<number>(bytes, [bytes.buffer], async () => bytes.length)
    expect(result).toBe(3)
    expect(p.usable).toBe(false)
    expect(await p.run<number>(0, [], async () => 42)).toBe(42)
  })

  it('abort: a queued task is dropped, a running one stops its worker, the next task gets a new one', async () => {
    const p = pool(
      workerFrom('async (ms) => { const end = Date.now() + ms; while (Date.now() < end); return ms }'),
      1,
    )
    expect(await p.run<number>(0, [], never)).toBe(0) // the worker is up: the next task runs at once
    const running = new AbortController()
    const queued = new AbortController()
    const first = p.run(10_000, [], never, running.signal)
    const second = p.run(10_000, [], never, queued.signal)
    queued.abort()
    await expect(second).rejects.toMatchObject({ name: 'AbortError' })
    running.abort(new Error('stop'))
    await expect(first).rejects.toThrow('stop')
    expect(p.workerCount).toBe(0)
    expect(await p.run<number>(1, [], never)).toBe(1)
  })
})
