// test/fixtures/hostile/: every input that ever broke (or was built to break) the hostile-input contract, with a
// manifest saying what each file is and what it triggered. `npm run fuzz` appends to it.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

export const HOSTILE_DIR = new URL('../fixtures/hostile/', import.meta.url)
const MANIFEST = new URL('manifest.json', HOSTILE_DIR)

export interface HostileEntry {
  /** File name in test/fixtures/hostile/. */
  file: string
  /** What the file is: how it was made. */
  what: string
  /** What it triggered before the fix (or "nothing: kept as a guard"). */
  triggered: string
  /** Mimetype to pass to convertFormat, when the bug needed one. */
  mimetype?: string
}

export function readManifest(): HostileEntry[] {
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as HostileEntry[]
}

/** Writes `bytes` as a new hostile file (named by content hash) and records it; returns the file name. */
export function addHostileFile(
  bytes: Uint8Array,
  entry: Omit<HostileEntry, 'file'>,
  extension = 'bin',
): string {
  const file = `fuzz-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${extension}`
  const manifest = readManifest()
  if (!manifest.some((e) => e.file === file)) {
    writeFileSync(new URL(file, HOSTILE_DIR), bytes)
    manifest.push({ file, ...entry })
    writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`)
  }
  return file
}
