// Hostile input families (issue 10): each family runs in its own child process; the table gives, per family, the
// number of inputs, their outcomes, the slowest input and its time, and the process's peak memory (max RSS, with
// the RSS before the first input; peak V8 heap and ArrayBuffers sampled after each input). Measured, not asserted.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { FAMILIES } from './hostileFamilies.js'

const only = process.argv.slice(2)
const child = fileURLToPath(new URL('./hostileFamily.ts', import.meta.url))
const rows: string[][] = [
  [
    'family',
    'inputs',
    'outcomes',
    'worst input',
    'worst ms',
    'max RSS MiB (base)',
    'heap / ArrayBuffers MiB',
  ],
]
for (const [name, family] of Object.entries(FAMILIES)) {
  if (only.length && !only.some((o) => name.includes(o))) continue
  console.log(`${name}: ${family.about}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, name], {
    encoding: 'utf8',
    timeout: 600_000,
  })
  if (r.stderr.trim()) console.log(r.stderr.trim())
  const line = r.stdout.trim().split('\n').at(-1) ?? ''
  if (r.status !== 0 || !line.startsWith('{')) {
    rows.push([name, '?', `exit ${r.status ?? r.signal}`, '', '', '', ''])
    continue
  }
  const m = JSON.parse(line)
  rows.push([
    name,
    String(m.inputs),
    Object.entries(m.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    m.worst.name,
    m.worst.ms.toFixed(0),
    `${m.maxRssMiB.toFixed(0)} (${m.baselineRssMiB.toFixed(0)})`,
    `${m.peakHeapMiB.toFixed(0)} / ${m.peakArrayBuffersMiB.toFixed(0)}`,
  ])
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`)
  if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`)
}
