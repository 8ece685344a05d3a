// Size of the hooks layer on top of the API layer, min+gzip with the peers (react, react-dom,
// @tanstack/react-query) external. Two ways: the hooks entry with every src/api module external (the
// hooks' own code), and (api + hooks) − (api alone) as bundled from the root entry.
// Run: npx tsx bench/hooksSize.bench.ts
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query']

/** Marks every module under src/api as external (import paths as the hooks write them). */
const apiExternal: Plugin = {
  name: 'api-external',
  setup(b) {
    b.onResolve({ filter: /\/api\// }, (args) => ({ path: args.path, external: true }))
  },
}

async function size(entry: string | { contents: string }, plugins: Plugin[] = []) {
  const out = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: '.', loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: peers,
    plugins,
    logLevel: 'silent',
  })
  const code = out.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`
const own = await size('src/hooks/index.ts', [apiExternal])
// The API classes the hooks use, bundled once with and once without the hooks.
const apiOnly = await size({ contents: "export * from './src/api/index.ts'" })
const both = await size({
  contents: "export * from './src/api/index.ts'\nexport * from './src/hooks/index.ts'",
})
console.log('hooks layer size (min+gzip, peers external):')
console.log(`  src/hooks alone, src/api external: ${kB(own.gzip)} gzip (${kB(own.min)} min)`)
console.log(
  `  root entry with hooks − without: ${kB(both.gzip - apiOnly.gzip)} gzip (${kB(both.min - apiOnly.min)} min); ` +
    `api ${kB(apiOnly.gzip)} → api+hooks ${kB(both.gzip)}`,
)
console.log(`  budget 3 kB: ${Math.max(own.gzip, both.gzip - apiOnly.gzip) <= 3000 ? 'within' : 'OVER'}`)
