// `npm run bench`: every bench/*.bench.ts in Node (tsx), then the Chromium benchmarks when a config exists.
// Benchmarks print figures; nothing here asserts a timing.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((f) => /\.bench\.tsx?$/.test(f) && !f.includes('.browser.'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

let failed = 0
for (const file of files) {
  console.log(`\n=== bench/${file}`)
  const r = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
if (existsSync('vitest.bench.config.ts') && (only.length === 0 || only.includes('browser'))) {
  console.log('\n=== Chromium benchmarks (vitest.bench.config.ts)')
  const r = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.bench.config.ts'], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
const size = spawnSync('node', ['scripts/size.mjs', '--report'], { stdio: 'inherit' })
if (size.status !== 0) failed++
process.exit(failed ? 1 : 0)
