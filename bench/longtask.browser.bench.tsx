// Chromium: main-thread long tasks (> 50 ms, PerformanceObserver 'longtask') while a 512² JPEG 2000 frame, a
// 512² HTJ2K frame and a 256³ .nii.gz load — decoded/converted on the main thread (setWorkerPoolSize(0)) and in
// the worker pool. Also the longest gap a 4 ms heartbeat saw (what a user's input or animation would wait).
// Prints figures; asserts nothing. Run: npm run bench -- browser
import { it } from 'vitest'
import { convertDownload } from '../src/api/convertDownload.js'
import type { DicomData } from '../src/api/format/ConvertedData.js'
import { convertFormat } from '../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../src/viewers/decode/decodeDicomFrame.js'
import { setWorkerPoolSize } from '../src/viewers/workers/offThread.js'
import { encodeHtj2k, encodeJ2k } from '../test/viewers/workers/encoders.js'
import { ctSlice, encapsulatedCt, niftiGz } from '../test/viewers/workers/generators.js'

interface Figures {
  wall: number
  longTasks: number
  longest: number
  blocking: number
  maxGap: number
}

/** Runs `load` while observing long tasks and a heartbeat; the figures of that run. */
async function observe(load: () => Promise<unknown>): Promise<Figures> {
  const tasks: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration)
  })
  observer.observe({ type: 'longtask' })
  let maxGap = 0
  let last = performance.now()
  let beating = true
  const beat = () => {
    const now = performance.now()
    maxGap = Math.max(maxGap, now - last)
    last = now
    if (beating) setTimeout(beat, 4)
  }
  setTimeout(beat, 4)
  const t0 = performance.now()
  await load()
  const wall = performance.now() - t0
  // Let the observer and the heartbeat report what ended with the load.
  await new Promise((r) => setTimeout(r, 100))
  beating = false
  for (const e of observer.takeRecords()) tasks.push(e.duration)
  observer.disconnect()
  return {
    wall,
    longTasks: tasks.length,
    longest: Math.max(0, ...tasks),
    blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    maxGap,
  }
}

function row(label: string, runs: Figures[]) {
  const median = (pick: (f: Figures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b)
    return sorted[sorted.length >> 1]
  }
  console.log(
    `${label.padEnd(44)} wall ${median((f) => f.wall)
      .toFixed(0)
      .padStart(5)} ms  long tasks ${median((f) => f.longTasks)}` +
      `  longest ${median((f) => f.longest)
        .toFixed(0)
        .padStart(4)} ms  blocking ${median((f) => f.blocking)
        .toFixed(0)
        .padStart(4)} ms` +
      `  max heartbeat gap ${median((f) => f.maxGap)
        .toFixed(0)
        .padStart(4)} ms  (median of ${runs.length})`,
  )
}

it('main-thread long tasks while JPEG 2000, HTJ2K frames and a 256³ .nii.gz load', async () => {
  const pixels = ctSlice(512)
  const j2k = encapsulatedCt(512, [await encodeJ2k(pixels, 512)], '1.2.840.10008.1.2.4.90')
  const htj2k = encapsulatedCt(512, [await encodeHtj2k(pixels, 512)], '1.2.840.10008.1.2.4.201')
  const nii = await niftiGz(256)
  console.log(
    `\ninputs: 512² J2K DICOM ${(j2k.length / 1024).toFixed(0)} kB, 512² HTJ2K DICOM ${(htj2k.length / 1024).toFixed(0)} kB, ` +
      `256³ int16 .nii.gz ${(nii.length / 1e6).toFixed(1)} MB (${((256 ** 3 * 2) / 1e6).toFixed(1)} MB inflated)`,
  )
  const frame = (bytes: Uint8Array) => async () => {
    const dicom = convertFormat(bytes) as DicomData
    await decodeDicomFrame(dicom, 0)
  }
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['512² JPEG 2000 frame (parse + decode)', frame(j2k)],
    ['512² HTJ2K frame (parse + decode)', frame(htj2k)],
    // As useResourceFile receives it: a download's own bytes (a copy per run, since they may be moved).
    ['256³ .nii.gz (convert, as a download)', () => convertDownload(nii.slice(), undefined)],
  ]
  for (const [mode, size] of [
    ['main thread', 0],
    ['worker pool', 2],
  ] as const) {
    setWorkerPoolSize(size)
    console.log(`\n${mode}${size ? ` (${size} workers)` : ''}:`)
    for (const [label, load] of cases) {
      // The first load also instantiates the codec (and starts the worker): reported apart.
      row(`${label}, first`, [await observe(load)])
      const runs: Figures[] = []
      for (let i = 0; i < 5; i++) runs.push(await observe(load))
      row(`${label}, warm`, runs)
    }
  }
  setWorkerPoolSize(2)
})
