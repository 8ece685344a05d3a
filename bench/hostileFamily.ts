// Child process of bench/hostile.bench.ts: runs one hostile family through checkInput and prints one JSON line
// with the worst time, the outcomes and this process's peak memory.
import { checkInput } from '../test/fuzz/checkInput.js'
import { FAMILIES } from './hostileFamilies.js'

const family = FAMILIES[process.argv[2]]
if (!family) throw new Error(`unknown family ${process.argv[2]}`)
const baselineRss = process.memoryUsage().rss
let worst = { name: '', ms: 0 }
let peakHeap = 0
let peakExternal = 0
const outcomes: Record<string, number> = {}
let inputs = 0
for (const input of family.inputs()) {
  inputs++
  const start = performance.now()
  let outcome: string
  try {
    outcome = (await checkInput(input.bytes, input.mimetype)).outcome
  } catch (error) {
    outcome = 'VIOLATION'
    console.error(`${input.name}: ${(error as Error).message}`)
  }
  const ms = performance.now() - start
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
  if (ms > worst.ms) worst = { name: input.name, ms }
  const memory = process.memoryUsage()
  peakHeap = Math.max(peakHeap, memory.heapUsed)
  peakExternal = Math.max(peakExternal, memory.arrayBuffers)
}
console.log(
  JSON.stringify({
    inputs,
    outcomes,
    worst,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    baselineRssMiB: baselineRss / 2 ** 20,
    peakHeapMiB: peakHeap / 2 ** 20,
    peakArrayBuffersMiB: peakExternal / 2 ** 20,
  }),
)
