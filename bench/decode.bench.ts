// Decode ms per frame for each transfer syntax: decodeDicomFrame vs cornerstone-wado-image-loader 4's
// decodeImageFrame on the same bytes in the same run, plus native 16-bit throughput on a large frame.
// Run: npx tsx bench/decode.bench.ts [--native]   (figures only; nothing here asserts a timing)
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DataSet } from 'dicom-parser'
import type { DicomData } from '../src/api/format/ConvertedData.js'
import { convertFormat } from '../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../src/viewers/decode/decodeDicomFrame.js'
import { buildImage } from '../test/viewers/decode/buildDicom.js'

const require = createRequire(import.meta.url)

interface Case {
  label: string
  file: string
  /** The UID cornerstone knows the same bytes by (its HTJ2K support uses the private 3.2.840… UID). */
  theirUid?: string
}

const CASES: Case[] = [
  { label: 'Implicit VR LE', file: 'test/fixtures/dicom/MR_small_implicit.dcm' },
  { label: 'Explicit VR LE', file: 'test/fixtures/dicom/CT_small.dcm' },
  { label: 'Explicit VR BE', file: 'test/fixtures/dicom/MR_small_bigendian.dcm' },
  { label: 'Deflated LE (512² 8-bit)', file: 'test/fixtures/dicom/image_dfl.dcm' },
  { label: 'RLE 16-bit', file: 'test/fixtures/generated/CT_small_RLE.dcm' },
  { label: 'RLE RGB', file: 'test/fixtures/dicom/SC_rgb_rle_2frame.dcm' },
  { label: 'JPEG Baseline YBR_FULL', file: 'test/fixtures/dicom/SC_rgb_jpeg_dcmtk.dcm' },
  { label: 'JPEG Baseline YBR_FULL_422', file: 'test/fixtures/generated/SC_rgb_2frame_jpeg_ybr422.dcm' },
  { label: 'JPEG Extended 12-bit', file: 'test/fixtures/generated/MR_small_12bit_jpeg_extended.dcm' },
  { label: 'JPEG Lossless SV1', file: 'test/fixtures/generated/MR_small_jpeg_lossless_sv1.dcm' },
  { label: 'JPEG Lossless SV7', file: 'test/fixtures/generated/MR_small_jpeg_lossless_sv7.dcm' },
  { label: 'JPEG-LS lossless', file: 'test/fixtures/dicom/MR_small_jpeg_ls_lossless.dcm' },
  { label: 'JPEG-LS near-lossless', file: 'test/fixtures/generated/MR_small_12bit_jpeg_ls_near2.dcm' },
  { label: 'JPEG 2000 lossless', file: 'test/fixtures/generated/MR_small_j2k_lossless.dcm' },
  { label: 'JPEG 2000 (1024×256)', file: 'test/fixtures/dicom/JPEG2000.dcm' },
  { label: 'JPEG 2000 RGB ICT', file: 'test/fixtures/generated/SC_rgb_2frame_j2k_ict.dcm' },
  {
    label: 'HTJ2K lossless',
    file: 'test/fixtures/generated/MR_small_htj2k_lossless.dcm',
    theirUid: '3.2.840.10008.1.2.4.96',
  },
  {
    label: 'HTJ2K lossy',
    file: 'test/fixtures/generated/MR_small_htj2k_lossy.dcm',
    theirUid: '3.2.840.10008.1.2.4.96',
  },
]

/** Mean ms per call over one batch of at least `ms` milliseconds (and 3 calls). */
async function batch(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms || n < 3) {
    await fn()
    n++
    elapsed = performance.now() - start
  }
  return elapsed / n
}

const ROUNDS = 15

interface Comparison {
  /** Best batch of each side: the code's own speed, least disturbed by other processes. */
  ours: number | undefined
  theirs: number | undefined
  /** ours/theirs of each round (both sides timed back to back), as median and interquartile range. */
  ratio?: { median: number; low: number; high: number }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/**
 * Ours and theirs timed in alternating batches, ROUNDS rounds. The ratio is taken per round (both sides under the
 * same load, a few ms apart) and reported as its median and interquartile range: a busy machine moves the
 * absolute times a lot, the per-round ratio much less, and the spread says how far to trust it.
 */
async function compare(
  ours: (() => Promise<unknown>) | undefined,
  theirs: (() => Promise<unknown>) | undefined,
  ms = 30,
): Promise<Comparison> {
  const best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]
  const ratios: number[] = []
  for (const fn of [ours, theirs]) for (let i = 0; fn && i < 3; i++) await fn()
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first, so a load change within a round favours neither.
    const order = round % 2 ? ([1, 0] as const) : ([0, 1] as const)
    const times: [number, number] = [Number.NaN, Number.NaN]
    for (const side of order) {
      const fn = side === 0 ? ours : theirs
      if (fn) times[side] = await batch(fn, ms)
    }
    best[0] = Math.min(best[0], times[0])
    best[1] = Math.min(best[1], times[1])
    if (ours && theirs) ratios.push(times[0] / times[1])
  }
  ratios.sort((a, b) => a - b)
  return {
    ours: ours && best[0],
    theirs: theirs && best[1],
    ratio: ratios.length
      ? { median: quantile(ratios, 0.5), low: quantile(ratios, 0.25), high: quantile(ratios, 0.75) }
      : undefined,
  }
}

// cornerstone-wado-image-loader is a webpack browser bundle. To run its decoder in Node it needs `window`,
// `navigator`, and (only while the bundle loads, for webpack's publicPath) `importScripts` + `location`;
// with `importScripts` gone again its Emscripten codecs take their Node path and read the .wasm from disk.
type Theirs = {
  external: { dicomParser: unknown }
  decodeImageFrame(
    frame: object,
    uid: string,
    pixels: Uint8Array,
    canvas: undefined,
    options: object,
  ): Promise<{ pixelData: ArrayLike<number> }>
  wadouri: {
    getEncapsulatedImageFrame(ds: DataSet, frame: number): Uint8Array
    getUncompressedImageFrame(ds: DataSet, frame: number): Uint8Array
  }
}
function loadCornerstone(): Theirs {
  const g = globalThis as Record<string, unknown>
  g.window ??= globalThis
  g.navigator ??= { hardwareConcurrency: 1, userAgent: 'node' }
  g.importScripts = () => {}
  g.location = pathToFileURL(resolve('node_modules/cornerstone-wado-image-loader/dist')).href + '/'
  const bundle = require('cornerstone-wado-image-loader/dist/cornerstoneWADOImageLoaderNoWebWorkers.bundle.min.js')
  delete g.importScripts
  const cs = (bundle.default ?? bundle) as Theirs
  cs.external.dicomParser = require('dicom-parser')
  return cs
}

function theirFrame(ds: DataSet) {
  return {
    samplesPerPixel: ds.uint16('x00280002'),
    photometricInterpretation: ds.string('x00280004'),
    planarConfiguration: ds.uint16('x00280006'),
    rows: ds.uint16('x00280010'),
    columns: ds.uint16('x00280011'),
    bitsAllocated: ds.uint16('x00280100'),
    bitsStored: ds.uint16('x00280101'),
    pixelRepresentation: ds.uint16('x00280103'),
  }
}

async function theirDecode(
  cs: Theirs,
  dicom: DicomData,
  uid: string,
): Promise<{ pixelData: ArrayLike<number> }> {
  const ds = dicom.dataSet
  const pixels = ds.elements.x7fe00010.encapsulatedPixelData
    ? cs.wadouri.getEncapsulatedImageFrame(ds, 0)
    : cs.wadouri.getUncompressedImageFrame(ds, 0)
  return cs.decodeImageFrame(theirFrame(ds), uid, pixels, undefined, { preScale: { enabled: false } })
}

const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms < 1 ? ms.toFixed(3) : ms.toFixed(2))

async function main() {
  // Our codecs are loaded first: the cornerstone shims must not be what our code sees at import time.
  const dicoms = CASES.map((c) => convertFormat(readFileSync(c.file)) as DicomData)
  for (const d of dicoms) await decodeDicomFrame(d).catch(() => undefined)
  const cs = loadCornerstone()

  console.log(
    `Decode one frame, ms (mean; lower is better). Node ${process.version}, ${cpus().length} CPUs, ` +
      `load average ${loadavg()[0].toFixed(1)} (other work on this machine slows both sides alike)`,
  )
  console.log(
    `ours/theirs: median of ${ROUNDS} back-to-back rounds [interquartile range]; ms columns: best batch of each side`,
  )
  console.log(['transfer syntax', 'size', 'ours', 'cornerstone', 'ours/theirs', 'same values'].join(' | '))
  // `--native` skips the per-syntax table and measures only the large native frame.
  for (const [i, c] of process.argv.includes('--native') ? [] : CASES.entries()) {
    const dicom = dicoms[i]
    const size = `${dicom.columns}×${dicom.rows}`
    const uid = c.theirUid ?? dicom.transferSyntaxUID
    const ourFn = () => decodeDicomFrame(dicom, 0)
    const theirFn = () => theirDecode(cs, dicom, uid)
    const ourError = await ourFn().then(
      () => '',
      (e: Error) => e.message.slice(0, 60),
    )
    const theirError = await theirFn().then(
      () => '',
      (e: Error) => String(e?.message ?? e).slice(0, 60),
    )
    const {
      ours,
      theirs,
      ratio: r,
    } = await compare(ourError ? undefined : ourFn, theirError ? undefined : theirFn)
    let same = '—'
    if (!ourError && !theirError) {
      const a = (await ourFn()).pixelData
      const b = (await theirFn()).pixelData
      let diff = a.length === b.length ? 0 : Number.POSITIVE_INFINITY
      for (let k = 0; k < a.length && diff !== Number.POSITIVE_INFINITY; k++)
        diff = Math.max(diff, Math.abs(a[k] - b[k]))
      same =
        diff === 0
          ? 'yes'
          : diff === Number.POSITIVE_INFINITY
            ? `no (${a.length} vs ${b.length} values)`
            : `max |Δ| ${diff}`
    }
    const ratio = r ? `${r.median.toFixed(2)} [${r.low.toFixed(2)}–${r.high.toFixed(2)}]` : 'n/a'
    console.log(
      [
        c.label,
        size,
        ourError ? `error: ${ourError}` : fmt(ours),
        theirError ? `error: ${theirError}` : fmt(theirs),
        ratio,
        same,
      ].join(' | '),
    )
  }

  // Native 16-bit throughput: CT_small's pixels tiled into a 4096×4096 frame (32 MB).
  const ct = (await decodeDicomFrame(dicoms[1])).pixelData as Int16Array
  const side = 4096
  const big = new Int16Array(side * side)
  for (let y = 0; y < side; y++) big.set(tileRow(ct, y, side), y * side)
  const dicom = buildImage({
    rows: side,
    columns: side,
    pixels: big,
    bitsAllocated: 16,
    pixelRepresentation: 1,
  })
  const bytes = big.byteLength
  const big16 = await compare(
    () => decodeDicomFrame(dicom, 0),
    () => theirDecode(cs, dicom, '1.2.840.10008.1.2.1'),
    100,
  )
  // CPU time (user + system of this process) excludes time spent waiting for a core on a busy machine.
  const cpu = async (fn: () => unknown, calls = 3) => {
    let best = Number.POSITIVE_INFINITY
    for (let round = 0; round < 7; round++) {
      const before = process.cpuUsage()
      for (let i = 0; i < calls; i++) await fn()
      const used = process.cpuUsage(before)
      best = Math.min(best, (used.user + used.system) / 1000 / calls)
    }
    return best
  }
  const ourCpu = await cpu(() => decodeDicomFrame(dicom, 0))
  const theirCpu = await cpu(() => theirDecode(cs, dicom, '1.2.840.10008.1.2.1'))
  // What this machine allows at all right now: one pass reading the same 32 MiB as 32-bit words (a sum).
  const words = new Int32Array(big.buffer, big.byteOffset, big.byteLength / 4)
  const readCpu = await cpu(() => sumWords(words))
  // The scan itself, mostly out of memory's way: a 512×512 frame (512 KiB) stays in cache between calls.
  const small = buildImage({
    rows: 512,
    columns: 512,
    pixels: big.subarray(0, 512 * 512),
    bitsAllocated: 16,
    pixelRepresentation: 1,
  })
  const smallCpu = await cpu(() => decodeDicomFrame(small, 0), 100)
  const gbps = (n: number, ms: number) => (n / ms / 1e6).toFixed(2)
  const mib = (bytes / 2 ** 20).toFixed(0)
  console.log(
    `\nNative 16-bit ${side}×${side} (${mib} MiB; the frame is a view of the file, so the time is the min/max scan):`,
  )
  console.log(
    `  wall, best batch: ours ${big16.ours?.toFixed(2)} ms = ${gbps(bytes, big16.ours ?? 0)} GB/s; cornerstone ` +
      `${big16.theirs?.toFixed(2)} ms = ${gbps(bytes, big16.theirs ?? 0)} GB/s; ours/theirs ${big16.ratio?.median.toFixed(3)}`,
  )
  console.log(
    `  CPU time: ours ${ourCpu.toFixed(2)} ms = ${gbps(bytes, ourCpu)} GB/s; cornerstone ${theirCpu.toFixed(2)} ms = ${gbps(bytes, theirCpu)} GB/s`,
  )
  console.log(
    `  memory bound here: reading the ${mib} MiB once (a sum of 32-bit words) takes ${readCpu.toFixed(2)} ms CPU = ${gbps(bytes, readCpu)} GB/s; ` +
      `the scan runs at ${((100 * readCpu) / ourCpu).toFixed(0)}% of that`,
  )
  console.log(
    `  in cache (512×512 frame, 512 KiB, whole decodeDicomFrame call): ${(smallCpu * 1000).toFixed(1)} µs CPU = ${gbps(2 ** 19, smallCpu)} GB/s`,
  )
}

function sumWords(words: Int32Array): number {
  let sum = 0
  for (let i = 0; i < words.length; i++) sum = (sum + words[i]) | 0
  return sum
}

/** One row of the big frame: CT_small's row y % 128 repeated across. */
function tileRow(ct: Int16Array, y: number, side: number): Int16Array {
  const row = new Int16Array(side)
  const src = ct.subarray((y % 128) * 128, (y % 128) * 128 + 128)
  for (let x = 0; x < side; x += 128) row.set(src, x)
  return row
}

await main()
process.exit(0)
