// Bundle-size check: min+gzip of what an app ships at startup, with the peers (react, react-dom,
// @tanstack/react-query) external and the chunks that load with `import()` on first use left out.
// `node scripts/size.mjs` fails when a figure exceeds its budget; `--report` only prints.
// The budgets are regression guards (today's figures + 0.5 kB), not targets: never meet one by replacing a
// maintained dependency with own code. This file is the one place for them (bench/hooksSize.bench.ts reads
// BUDGETS from here); README.md states them.
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core']

// What loads with `import()` on first use — the upload code (series assembly, anonymisation, masks, NIfTI
// writing, geometry), the worker pool for large downloads, and the packages they use (dcmjs, fast-png,
// dicom-parser, fflate) — is a separate chunk in an app's bundle, not part of what an entry costs at startup.
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve(
      { filter: /^(dcmjs|fast-png|dicom-parser|fflate)$|\/upload\/|\/workers\/offThread\.js$/ },
      (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined),
    )
  },
}

/** min and gzip bytes of an entry file, or of `{ contents }` (an app's import statement) bundled as an app would. */
export async function gzipSize(entry, { external = peers } = {}) {
  const out = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: '.', loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    plugins: [lazyPackages],
    treeShaking: true,
    logLevel: 'silent',
  })
  const code = out.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

/**
 * What users pay, by what they import. `limit` is in gzip bytes. History: Nov 2026 data layer 17.3 kB, root
 * 26.0 kB; Dec 2026 issue 9 (dicom-parser and fflate back, ky ^1.14, the React-free entry) and issue 10 (redirects,
 * idle timeout, redaction, hostile JSON, 429), issues 12/13 (uploads and their hooks, management API) and issue 11
 * (viewer toolbars, worker pool) brought the figures below.
 */
export const BUDGETS = [
  {
    name: 'only `DatamintApi` from `datamint-react/api` (a Node script or a non-React app)',
    entry: { contents: "import { DatamintApi } from './src/api/index.ts'\nconsole.log(DatamintApi)" },
    limit: 40_700,
  },
  { name: 'entry `datamint-react/api` (all of it)', entry: 'src/api/index.ts', limit: 42_400 },
  // + 2.9 kB for issue 13's management hooks (query/mutation hooks, their cross-entity rows, optimistic edits).
  { name: 'root entry `datamint-react` (api + hooks)', entry: 'src/index.ts', limit: 51_700 },
  {
    name: 'viewers entry `datamint-react/viewers` (own code + cornerstone-core, codecs lazy)',
    entry: 'src/viewers/index.ts',
    // The codecs' Emscripten modules (src/viewers/decode/codecs/vendor) load on first use of their syntax.
    external: [...peers, './vendor/*', 'jpeg-lossless-decoder-js'],
    // 91.1 kB with the resource thumbnails (useResourceThumbnail / ResourceThumbnail) + 0.5 kB; + 0.7 kB for the
    // management rows of the cross-entity table, which the thumbnails' hooks reach through the cache core; 92.75 kB
    // with per-label NIfTI segmentation colours and the fuzz fixes (codec diagnostics, NIfTI voxel-size guard) + 0.5 kB.
    limit: 93_300,
  },
  {
    name: 'upload chunk, loaded on first upload (own code, packages lazy)',
    entry: 'src/api/upload/uploadResources.ts',
    limit: 6_600,
  },
]

/** The hooks' share: root entry − `datamint-react/api`, gzip bytes. */
// + 2.9 kB for issue 13's management hooks.
export const HOOKS_LIMIT = 9_400

async function main() {
  const report = process.argv.includes('--report')
  let over = 0
  const measured = new Map()
  const line = (name, gzip, min, limit) => {
    const verdict = gzip <= limit ? `≤ ${limit} ok` : `> ${limit} OVER BUDGET`
    if (gzip > limit) over++
    console.log(
      `  ${name}: ${(gzip / 1000).toFixed(2)} kB gzip${min === undefined ? '' : ` (${(min / 1000).toFixed(1)} kB min)`} ${verdict}`,
    )
  }
  console.log('bundle sizes (min+gzip, peers external, lazy chunks apart):')
  for (const b of BUDGETS) {
    try {
      const s = await gzipSize(b.entry, { external: b.external })
      measured.set(b.entry, s)
      line(b.name, s.gzip, s.min, b.limit)
    } catch (e) {
      console.log(`  ${b.name}: could not bundle (${e.message.split('\n')[0]})`)
      over++
    }
  }
  const root = measured.get('src/index.ts')
  const api = measured.get('src/api/index.ts')
  if (root && api)
    line('hooks on top of the API (root − api entry)', root.gzip - api.gzip, undefined, HOOKS_LIMIT)
  if (over && !report) process.exit(1)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main()
