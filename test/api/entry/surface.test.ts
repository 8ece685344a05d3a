// docs/surface.md documents the public surface: every run-time export of every entry point must be named there.
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ENTRIES = {
  'datamint-react/api': 'src/api/index.ts',
  'datamint-react': 'src/index.ts',
  'datamint-react/viewers': 'src/viewers/index.ts',
  'datamint-react/testing': 'src/testing/index.ts',
  'datamint-react/testing/node': 'src/testing/node.ts',
}

async function exportsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    loader: { '.wasm': 'empty' },
    logLevel: 'silent',
  })
  return Object.values(result.metafile.outputs)[0].exports
}

describe('docs/surface.md', () => {
  const doc = readFileSync('docs/surface.md', 'utf8')
  const named = new Set([...doc.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/[A-Za-z_$][\w$]*/g) ?? []))

  for (const [entry, file] of Object.entries(ENTRIES)) {
    it(`names every run-time export of ${entry}`, async () => {
      const exported = await exportsOf(file)
      expect(exported.length).toBeGreaterThan(3)
      expect(exported.filter((name) => !named.has(name))).toEqual([])
    })
  }
})
