// `datamint-react/api` (src/api/index.ts) must work with no React installed: nothing in its module graph,
// ours or a dependency's, may import react, react-dom, @tanstack/*, the hooks or the viewer components (the
// framework-free src/viewers/decode and src/viewers/workers, which convertDownload loads lazily, are allowed).
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const FORBIDDEN =
  /(^|\/)node_modules\/(react|react-dom|@tanstack\/[^/]+)\/|(^|\/)src\/hooks\/|(^|\/)src\/viewers\/(?!decode\/|workers\/)|\.tsx$/
const FORBIDDEN_IMPORT = /^(react|react-dom|@tanstack\/[^/]+)(\/|$)/

async function graphOf(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    // The browser graph (bundlers); the packed-tarball test runs the Node one.
    platform: 'browser',
    // A dynamic import of a file that does not bundle (wasm glue) is still an edge of the graph.
    loader: { '.wasm': 'empty' },
    logLevel: 'silent',
  })
  const inputs = result.metafile.inputs
  const imports = Object.entries(inputs).flatMap(([file, input]) =>
    input.imports.map((i) => ({ file, path: i.path })),
  )
  return { files: Object.keys(inputs), imports }
}

describe('datamint-react/api module graph', () => {
  it('holds no React, TanStack Query, hooks or viewers module (own code and dependencies)', async () => {
    const { files, imports } = await graphOf('src/api/index.ts')
    expect(files.length).toBeGreaterThan(20)
    expect(files.some((f) => f.includes('src/api/BaseApi.ts'))).toBe(true)
    expect(files.filter((f) => FORBIDDEN.test(f))).toEqual([])
    expect(imports.filter((i) => FORBIDDEN_IMPORT.test(i.path))).toEqual([])
  })

  it('the check catches React where it is (the root entry pulls the hooks in)', async () => {
    const { files } = await graphOf('src/index.ts')
    expect(files.some((f) => FORBIDDEN.test(f))).toBe(true)
  })
})
