import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { HOSTILE_DIR, readManifest } from './hostileFolder.js'
import { IsolatedRunner } from './IsolatedRunner.js'

// Every input that ever broke the hostile-input contract (test/fixtures/hostile/, written by `npm run fuzz` or by
// hand), replayed in a worker thread with memory and time limits: a correct value or a FormatError, each time.
const manifest = readManifest()
const runner = new IsolatedRunner({ timeoutMs: 10_000 })
afterAll(() => runner.close())

describe('test/fixtures/hostile', () => {
  it('the manifest lists exactly the files in the folder, each saying what it is and what it triggered', () => {
    const files = readdirSync(HOSTILE_DIR).filter((f) => f !== 'manifest.json')
    expect(manifest.map((e) => e.file).sort()).toEqual(files.sort())
    for (const entry of manifest) {
      expect(entry.what.length).toBeGreaterThan(10)
      expect(entry.triggered.length).toBeGreaterThan(10)
    }
  })

  it.each(manifest.map((e) => [e.file, e] as const))(
    '%s',
    async (file, entry) => {
      const bytes = new Uint8Array(readFileSync(new URL(file, HOSTILE_DIR)))
      const result = await runner.run(bytes, entry.mimetype)
      expect(result, `${file}: ${entry.what}`).toMatchObject({ status: 'ok' })
    },
    30_000,
  )
})
