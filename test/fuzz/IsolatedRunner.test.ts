import { afterAll, describe, expect, it } from 'vitest'
import { IsolatedRunner } from './IsolatedRunner.js'

// The fuzz suites trust this runner to turn a hang, a heap exhaustion or a crash into a failed input and carry on.
const runner = new IsolatedRunner({
  entry: new URL('./support/misbehavingWorker.mjs', import.meta.url),
  timeoutMs: 1500,
  memoryMb: 64,
})
afterAll(() => runner.close())

describe('IsolatedRunner', () => {
  it('reports a hang as a timeout, a heap exhaustion and an uncaught error as crashes, and keeps going', async () => {
    expect(await runner.run(Uint8Array.of(0, 0))).toMatchObject({ status: 'ok', summary: '2 bytes' })
    expect(await runner.run(Uint8Array.of(1))).toMatchObject({ status: 'timeout' })
    expect(await runner.run(Uint8Array.of(0))).toMatchObject({ status: 'ok', summary: '1 bytes' })
    const oom = await runner.run(Uint8Array.of(2))
    expect(oom.status).toBe('crash')
    expect(oom.status !== 'ok' && oom.message).toMatch(/ERR_WORKER_OUT_OF_MEMORY|out of memory/i)
    const thrown = await runner.run(Uint8Array.of(3))
    expect(thrown.status !== 'ok' && thrown.message).toContain('thrown outside any handler')
    expect(await runner.run(Uint8Array.of(0, 0, 0))).toMatchObject({ status: 'ok', summary: '3 bytes' })
  }, 60_000)
})
