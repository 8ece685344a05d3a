// convertFormat per call. For uncompressed DICOM the pixel data is referenced, never copied or read, so the
// time is that of parsing the header (dicom-parser) and does not grow with the file: it is reported per call,
// for two file sizes, not as MB/s (a throughput would only be the file size divided by a header parse).
// MB/s is given only where every byte is processed: inflating a deflated DICOM or a .nii.gz (output bytes).
// The large inputs are CT_small.dcm grown to many frames: a NumberOfFrames element is inserted and the pixel
// data repeated, so the file is a real Explicit VR Little Endian multi-frame DICOM.
// Run: npx tsx bench/convertFormat.bench.ts
import { readFileSync } from 'node:fs'
import dicomParser from 'dicom-parser'
import { gunzipSync } from 'fflate'
import { convertFormat } from '../src/api/format/convertFormat.js'
import { detectMimetype } from '../src/api/format/detectMimetype.js'

const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url)))

function multiFrame(frames: number): Uint8Array {
  const source = fixture('dicom/CT_small.dcm')
  const elements = dicomParser.parseDicom(source).elements
  const rowsHeader = elements.x00280010.dataOffset - 8
  const pixelsHeader = elements.x7fe00010.dataOffset - 12
  const frame = source.subarray(
    elements.x7fe00010.dataOffset,
    elements.x7fe00010.dataOffset + elements.x7fe00010.length,
  )
  const count = String(frames).padEnd(
    String(frames).length % 2 ? String(frames).length + 1 : String(frames).length,
    ' ',
  )
  // (0028,0008) IS Number of Frames, then (7FE0,0010) OW with the new length.
  const framesElement = new Uint8Array(8 + count.length)
  framesElement.set([0x28, 0x00, 0x08, 0x00, 0x49, 0x53, count.length, 0])
  for (let i = 0; i < count.length; i++) framesElement[8 + i] = count.charCodeAt(i)
  const pixelHeader = new Uint8Array(12)
  const view = new DataView(pixelHeader.buffer)
  pixelHeader.set([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57, 0, 0])
  view.setUint32(8, frame.length * frames, true)
  const head = source.subarray(0, pixelsHeader)
  const out = new Uint8Array(head.length + framesElement.length + 12 + frame.length * frames)
  out.set(head.subarray(0, rowsHeader))
  out.set(framesElement, rowsHeader)
  out.set(head.subarray(rowsHeader), rowsHeader + framesElement.length)
  let at = head.length + framesElement.length
  out.set(pixelHeader, at)
  at += 12
  for (let i = 0; i < frames; i++, at += frame.length) out.set(frame, at)
  return out
}

// The machine is shared: report the best and the median of many short batches. The best batch is the
// code's own speed (least disturbed by other processes); the median shows what a busy machine gives.
function time(label: string, calls: number, fn: () => unknown): { best: number; median: number } {
  const batches = 60
  const perBatch = Math.max(1, Math.round(calls / batches))
  for (let i = 0; i < Math.min(calls, 200); i++) fn() // warm-up
  const times: number[] = []
  for (let b = 0; b < batches; b++) {
    const start = performance.now()
    for (let i = 0; i < perBatch; i++) fn()
    times.push((performance.now() - start) / perBatch)
  }
  times.sort((a, b) => a - b)
  const result = { best: times[0], median: times[batches >> 1] }
  const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(9)} µs`
  console.log(`${label.padEnd(60)} best ${us(result.best)}   median ${us(result.median)}`)
  return result
}

console.log('uncompressed multi-frame DICOM (header parse; pixel data referenced in place):')
for (const frames of [16, 2048]) {
  const big = multiFrame(frames)
  const data = convertFormat(big)
  if (data.kind !== 'dicom' || data.numberOfFrames !== frames || data.dataSet.byteArray !== big) {
    throw new Error(`the multi-frame input did not parse as a ${frames}-frame DICOM referencing its input`)
  }
  time(`  convertFormat, ${frames} frames (${(big.length / 1e6).toFixed(1)} MB)`, 600, () =>
    convertFormat(big),
  )
}

console.log('\nper call on small files (target < 50 µs):')
for (const name of [
  'CT_small.dcm',
  'MR_small.dcm',
  'MR_small_implicit.dcm',
  'CT_small_nometa.dcm',
  'rtdose.dcm',
]) {
  const bytes = fixture(`dicom/${name}`)
  time(`  convertFormat ${name} (${(bytes.length / 1024).toFixed(1)} kB)`, 5000, () => convertFormat(bytes))
}
const ct = fixture('dicom/CT_small.dcm')
time('  for comparison: dicomParser.parseDicom alone, CT_small.dcm', 5000, () => dicomParser.parseDicom(ct))
time('  detectMimetype CT_small.dcm', 20000, () => detectMimetype(ct))

console.log('\nother formats:')
const others: Array<[string, string, () => number]> = [
  ['dicom/image_dfl.dcm', 'deflated DICOM (inflated once)', () => inflatedSize('dicom/image_dfl.dcm')],
  ['nifti/anatomical.nii', 'NIfTI-1 .nii (header, voxels swapped to native order)', () => 0],
  [
    'nifti/example4d.nii.gz',
    'NIfTI-1 .nii.gz (gunzipped once)',
    () => gunzipSync(fixture('nifti/example4d.nii.gz')).length,
  ],
  ['image/ct_small.png', 'PNG size', () => 0],
  ['image/mr_small.jpg', 'JPEG size', () => 0],
  ['video/ct_rotate.webm', 'WebM detection', () => 0],
]
for (const [path, label, output] of others) {
  const bytes = fixture(path)
  const rounds = bytes.length > 100_000 ? 120 : 2000
  const { best, median } = time(
    `  ${label}, ${path.split('/')[1]} (${(bytes.length / 1024).toFixed(1)} kB)`,
    rounds,
    () => convertFormat(bytes),
  )
  const out = output()
  if (out > 0) {
    const mbps = (ms: number) => (out / 1e6 / (ms / 1000)).toFixed(0)
    console.log(
      `    → inflates to ${(out / 1e6).toFixed(2)} MB: ${mbps(best)} MB/s best, ${mbps(median)} MB/s median`,
    )
  }
}

/** Size of a deflated DICOM's data set once inflated, plus its meta: what the inflate step writes. */
function inflatedSize(path: string): number {
  const data = convertFormat(fixture(path))
  return data.kind === 'dicom' ? data.dataSet.byteArray.length : 0
}
