// Size of the hooks layer on top of the API layer, measured exactly as scripts/size.mjs does (min+gzip, peers
// external, lazy chunks apart), against its budget there: one method, one place for the numbers.
// Run: npx tsx bench/hooksSize.bench.ts
// @ts-expect-error: a plain .mjs script without declarations.
import { gzipSize, HOOKS_LIMIT } from '../scripts/size.mjs'

type Size = { min: number; gzip: number }
const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`
const api: Size = await gzipSize('src/api/index.ts')
const root: Size = await gzipSize('src/index.ts')
const share = root.gzip - api.gzip
console.log('hooks layer size (min+gzip, peers external, lazy chunks apart):')
console.log(
  `  root entry − datamint-react/api: ${kB(share)} gzip (${kB(root.min - api.min)} min); ` +
    `api ${kB(api.gzip)} → root ${kB(root.gzip)}`,
)
console.log(
  `  budget (scripts/size.mjs HOOKS_LIMIT) ${kB(HOOKS_LIMIT)}: ${share <= HOOKS_LIMIT ? 'within' : 'OVER'}`,
)
