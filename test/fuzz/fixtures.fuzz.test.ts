import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { corpus } from './corpus.js'
import { IsolatedRunner } from './IsolatedRunner.js'
import { applyMutations, mutationsArbitrary } from './mutations.js'

// A bounded, seeded slice of `npm run fuzz`: every fixture mutated a few times, each input checked in a worker
// thread (memory limit, per-input time limit) for "a correct value or a FormatError". The time limit is
// generous: it catches hangs, not slowness on a busy machine.
const SEED = 20261206
const RUNS_PER_FILE = 10

const files = corpus()
const donors = files.map((f) => f.bytes)
const runner = new IsolatedRunner({ timeoutMs: 10_000 })
afterAll(() => runner.close())

describe('every fixture, mutated, gives a value or a FormatError within limits', () => {
  it('covers every fixture folder', () => {
    const folders = new Set(files.map((f) => f.path.split('/')[0]))
    expect([...folders].sort()).toEqual(['dicom', 'generated', 'image', 'nifti', 'video'])
    expect(files.some((f) => f.path.endsWith('.nii.gz'))).toBe(true)
  })

  it.each(files.map((f, index) => [f.path, index] as const))(
    '%s',
    async (_path, index) => {
      const file = files[index]
      await fc.assert(
        fc.asyncProperty(
          mutationsArbitrary(
            file.bytes.length,
            donors.map((d) => d.length),
          ),
          async (mutations) => {
            const result = await runner.run(applyMutations(file.bytes, mutations, donors))
            if (result.status !== 'ok')
              throw new Error(`${result.status} after ${Math.round(result.ms)} ms: ${result.message}`)
          },
        ),
        // Shrinking re-runs timeouts for minutes; the failing mutations are printed unshrunk.
        { numRuns: RUNS_PER_FILE, seed: SEED + index, endOnFailure: true },
      )
    },
    120_000,
  )
})
