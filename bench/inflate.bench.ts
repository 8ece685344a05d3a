// What bounded decompression costs: src/api/format/Inflater.ts (fflate's streaming Inflate, fed 16 kB at a time
// so it can stop at the size a header declares; used for .nii.gz and deflated DICOM) against fflate's one-shot
// inflateSync and Node's native zlib, on the same inputs.
// Run: npx tsx bench/inflate.bench.ts
import { readFileSync } from 'node:fs'
import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib'
import { inflateSync } from 'fflate'
import { Inflater } from '../src/api/format/Inflater.js'

const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url)))

// The shared machine: the best of many short batches is the code's own speed, the median what a busy machine gives.
function time(label: string, rounds: number, outputBytes: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(rounds, 20); i++) fn()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const [best, median] = [times[0], times[rounds >> 1]]
  const mbps = (ms: number) => (outputBytes / 1e6 / (ms / 1000)).toFixed(0).padStart(5)
  console.log(
    `  ${label.padEnd(44)} best ${best.toFixed(2).padStart(7)} ms (${mbps(best)} MB/s)   median ${median.toFixed(2).padStart(7)} ms (${mbps(median)} MB/s)`,
  )
}

const volume = gunzipSync(fixture('nifti/example4d.nii.gz'))
const inputs: Array<[string, Uint8Array]> = [
  ['example4d volume (1.18 MB), zlib level 6', new Uint8Array(deflateRawSync(volume))],
  ['example4d volume, zlib level 1', new Uint8Array(deflateRawSync(volume, { level: 1 }))],
  ['example4d volume, zlib level 9', new Uint8Array(deflateRawSync(volume, { level: 9 }))],
]
// The deflated data set of image_dfl.dcm, after its file meta.
const dfl = fixture('dicom/image_dfl.dcm')
const metaEnd = 132 + 12 + new DataView(dfl.buffer).getUint32(140, true)
inputs.push(['image_dfl.dcm data set (4.5 kB → 262 kB)', dfl.subarray(metaEnd)])

for (const [label, compressed] of inputs) {
  const inflate = () => Inflater.raw(compressed).head(Number.POSITIVE_INFINITY)
  const size = inflate().length
  if (Buffer.compare(inflate(), inflateRawSync(compressed)) !== 0) {
    throw new Error(`${label}: our output differs from zlib's`)
  }
  console.log(`${label}:`)
  const rounds = size > 500_000 ? 40 : 400
  time('Inflater (fflate streaming, 16 kB pushes)', rounds, size, inflate)
  time('fflate inflateSync', rounds, size, () => inflateSync(compressed))
  time("Node's zlib inflateRawSync (native)", rounds, size, () => inflateRawSync(compressed))
}
