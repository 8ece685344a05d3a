// Series assembly for upload (src/api/upload/assembleDicoms.ts): a 300-instance 512×512 16-bit CT series built
// from the CT_small fixture is turned into one multi-frame DICOM ready to send (Blob), as uploadResources does
// before the request. Target (issue 12): < 2 s and peak memory < 2× the series' bytes.
// Run: npx tsx bench/assembleDicoms.bench.ts
// Each measurement runs in a fresh process so peak RSS (maxRSS) is its own: files on disk opened as Blobs
// (fs.openAsBlob: what a browser's dropped Files are, not in memory), and the same series as Uint8Arrays.
import { spawnSync } from 'node:child_process'
import { openAsBlob, readFileSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assembledHeader, groupSeries, writeAssembled } from '../src/api/upload/assembleDicoms.js'
import { type DicomInstance, readDicomInstance } from '../src/api/upload/dicomInstance.js'
import { uploadSource } from '../src/api/upload/uploadInput.js'
import { makeSeries } from '../test/api/upload/buildSeries.js'

const COUNT = 300
const SIZE = 512
const dir = join(tmpdir(), 'datamint-assemble-bench')
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

async function measure(mode: 'blob' | 'bytes') {
  const names = (await readdir(dir)).sort()
  const inputs =
    mode === 'blob'
      ? await Promise.all(names.map(async (name) => ({ name, data: await openAsBlob(join(dir, name)) })))
      : names.map((name) => ({ name, data: new Uint8Array(readFileSync(join(dir, name))) }))
  const seriesBytes = inputs.reduce(
    (sum, i) => sum + (i.data instanceof Blob ? i.data.size : i.data.byteLength),
    0,
  )
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  const start = performance.now()
  const instances: DicomInstance[] = []
  for (const [index, input] of inputs.entries())
    instances.push(await readDicomInstance(uploadSource(input, index), index))
  const groups = groupSeries(instances)
  if (groups.length !== 1 || groups[0].instances.length !== COUNT)
    throw new Error(`expected one series of ${COUNT}`)
  const blob = await writeAssembled(await assembledHeader(groups[0]), groups[0])
  const assembled = performance.now() - start
  const peak = process.resourceUsage().maxRSS * 1024 - baseline
  // What the upload then does: stream the file once (chunks, never the whole file at once).
  const streamStart = performance.now()
  let streamed = 0
  const reader = blob.stream().getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read()) streamed += r.value.byteLength
  const streamMs = performance.now() - streamStart
  const peakAfterStream = process.resourceUsage().maxRSS * 1024 - baseline
  console.log(
    `  inputs as ${mode === 'blob' ? 'Blobs on disk (browser Files)' : 'Uint8Arrays in memory'}: series ${mb(seriesBytes)} → file ${mb(blob.size)} (streamed ${mb(streamed)})\n` +
      `    assembly ${assembled.toFixed(0)} ms; peak RSS over the inputs ${mb(Math.max(0, peak))} = ${(Math.max(0, peak) / seriesBytes).toFixed(2)}× the series; ` +
      `streaming it once ${streamMs.toFixed(0)} ms, peak then ${mb(Math.max(0, peakAfterStream))} (${(Math.max(0, peakAfterStream) / seriesBytes).toFixed(2)}×)`,
  )
}

const mode = process.argv[2]
if (mode === 'blob' || mode === 'bytes') {
  await measure(mode)
} else {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const ct = new Uint8Array(readFileSync(new URL('../test/fixtures/dicom/CT_small.dcm', import.meta.url)))
  // 512² frames tiled from the fixture's 128² pixels, shifted per instance so every frame differs.
  const series = makeSeries(
    ct,
    COUNT,
    (i, t) => {
      const out = new Uint16Array(SIZE * SIZE)
      for (let y = 0; y < SIZE; y++)
        for (let x = 0; x < SIZE; x++) out[y * SIZE + x] = (t[(y % 128) * 128 + (x % 128)] + i) & 0xfff
      return out
    },
    { rows: SIZE, columns: SIZE },
  )
  for (const [i, bytes] of series.entries())
    await writeFile(join(dir, `IM${String(i).padStart(4, '0')}.dcm`), bytes)
  console.log(`${COUNT} instances of ${SIZE}×${SIZE} (16-bit) written to ${dir}`)
  for (const m of ['blob', 'bytes', 'blob', 'bytes']) {
    const r = spawnSync('npx', ['tsx', '--expose-gc', new URL(import.meta.url).pathname, m], {
      stdio: 'inherit',
    })
    if (r.status !== 0) process.exitCode = 1
  }
  await rm(dir, { recursive: true, force: true })
}
