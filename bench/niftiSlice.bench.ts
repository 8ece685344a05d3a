// NIfTI slice extraction on a 256³ int16 volume, every plane, two storage orders. Run: npx tsx bench/niftiSlice.bench.ts
// Target (issue 4): < 2 ms per plane.
import type { NiftiData } from '../src/api/format/ConvertedData.js'
import { niftiSlice } from '../src/viewers/nifti/niftiSlice.js'

const n = 256
const voxels = new Int16Array(n * n * n)
for (let i = 0; i < voxels.length; i++) voxels[i] = (i * 2654435761) % 4096

function volume(affine: number[][], sclSlope: number): NiftiData {
  return {
    kind: 'nifti',
    mimetype: 'application/x-nifti',
    version: 1,
    dims: [n, n, n, 1],
    pixDims: [1, 1, 1, 1],
    datatype: 'int16',
    datatypeCode: 4,
    sclSlope,
    sclInter: 0,
    affine,
    affineSource: 'sform',
    voxels,
    header: {},
  }
}

const storages: Array<[string, NiftiData]> = [
  [
    'LAS, unscaled',
    volume(
      [
        [-1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
      1,
    ),
  ],
  [
    'PSR (permuted), scl_slope 0.5',
    volume(
      [
        [0, 0, 1, 0],
        [-1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 1],
      ],
      0.5,
    ),
  ],
]

let sink = 0
for (const [label, nifti] of storages) {
  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    for (let i = 0; i < 30; i++) sink += niftiSlice(nifti, plane, i)[0] // warm-up
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      sink += niftiSlice(nifti, plane, (i * 37) % n)[1]
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const median = times[times.length >> 1]
    const p95 = times[Math.floor(times.length * 0.95)]
    console.log(
      `niftiSlice 256³ int16 ${label.padEnd(30)} ${plane.padEnd(9)} median ${median.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  (target < 2 ms)`,
    )
  }
}
if (Number.isNaN(sink)) console.log(sink)
