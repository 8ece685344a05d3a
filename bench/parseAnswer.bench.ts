// What the hostile-JSON guard costs on a large answer: `JSON.parse` alone vs `parseAnswer` (JSON.parse + one
// iterative walk checking depth ≤ 500 and dropping __proto__/constructor/prototype keys), on a 100,000-resource
// list (~40 MB), with and without a prototype key present (the walk then also deletes keys).
// Run: npx tsx bench/parseAnswer.bench.ts
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parseAnswer } from '../src/api/safeJson.js'

setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

const N = 100_000
const ROUNDS = 9
const items = Array.from({ length: N }, (_, i) => ({
  id: `1b9f74fe-278e-48a9-82f4-${i.toString(16).padStart(12, '0')}`,
  filename: `image_${i}.dcm`,
  mimetype: 'application/dicom',
  size: 1000 + i,
  status: 'published',
  tags: ['study-1', 'ct'],
  metadata: { series: { uid: `1.2.3.${i}`, frames: 3 }, window: [40, 400] },
  created_at: '2025-01-01T00:00:00Z',
}))
const plain = JSON.stringify({ data: items, totalCount: N })
const poisoned = `${plain.slice(0, -1)},"__proto__":{"x":1}}`

function median(run: () => void): number {
  const times: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    gc()
    const t0 = performance.now()
    run()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[ROUNDS >> 1]
}

const mb = (plain.length / 1e6).toFixed(1)
const base = median(() => JSON.parse(plain))
const safe = median(() => parseAnswer(plain, 'GET /resources'))
const safePoisoned = median(() => parseAnswer(poisoned, 'GET /resources'))
console.log(`parse a ${N.toLocaleString('en')}-resource list (${mb} MB), median of ${ROUNDS}:`)
console.log(
  `  JSON.parse:                      ${base.toFixed(0)} ms (${(plain.length / 1e3 / base).toFixed(0)} MB/s)`,
)
console.log(`  parseAnswer:                     ${safe.toFixed(0)} ms (×${(safe / base).toFixed(2)})`)
console.log(
  `  parseAnswer, prototype key sent: ${safePoisoned.toFixed(0)} ms (×${(safePoisoned / base).toFixed(2)})`,
)
