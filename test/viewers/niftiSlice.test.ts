import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/api/errors.js'
import type { NiftiData, NiftiDatatype, NiftiVoxels } from '../../src/api/format/ConvertedData.js'
import { niftiOrientation } from '../../src/viewers/nifti/niftiOrientation.js'
import { niftiSlice } from '../../src/viewers/nifti/niftiSlice.js'
import { type NiftiPlane, niftiSliceGeometry } from '../../src/viewers/nifti/niftiSliceGeometry.js'
import { niftiSliceRgb } from '../../src/viewers/nifti/niftiSliceRgb.js'

function volume(
  dims: [number, number, number, number],
  affine: number[][],
  voxels: NiftiVoxels,
  extra: Partial<NiftiData> = {},
): NiftiData {
  return {
    kind: 'nifti',
    mimetype: 'application/x-nifti',
    version: 1,
    dims,
    pixDims: [1, 1, 1, 1],
    datatype: 'float32',
    datatypeCode: 16,
    sclSlope: 1,
    sclInter: 0,
    affine,
    affineSource: 'sform',
    voxels,
    header: {},
    ...extra,
  }
}

/** Voxels whose value is their own linear index, so a slice tells which voxel each pixel came from. */
function indexed(dims: [number, number, number, number]): Float32Array {
  const n = dims[0] * dims[1] * dims[2] * dims[3]
  return Float32Array.from({ length: n }, (_, i) => i)
}

function patient(affine: number[][], [nx, ny]: number[], linear: number): number[] {
  const i = linear % nx
  const j = Math.floor(linear / nx) % ny
  const k = Math.floor(linear / (nx * ny))
  return [0, 1, 2].map((r) => affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3])
}

/** All 48 axis permutations × flips, with distinct voxel sizes and an origin offset. */
function orthogonalAffines(): number[][][] {
  const perms = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ]
  const out: number[][][] = []
  for (const perm of perms) {
    for (let flips = 0; flips < 8; flips++) {
      const m = [
        [0, 0, 0, -10],
        [0, 0, 0, 20],
        [0, 0, 0, 5],
        [0, 0, 0, 1],
      ]
      // voxel axis v goes along patient axis perm[v]
      for (let v = 0; v < 3; v++) m[perm[v]][v] = (flips & (1 << v) ? -1 : 1) * (v + 1)
      out.push(m)
    }
  }
  return out
}

const PLANE_AXES: Record<NiftiPlane, { fixed: number; across: number; down: number }> = {
  axial: { fixed: 2, across: 0, down: 1 },
  coronal: { fixed: 1, across: 0, down: 2 },
  sagittal: { fixed: 0, across: 1, down: 2 },
}

describe('niftiOrientation', () => {
  it('finds the LAS axes of a radiological-storage affine', () => {
    const o = niftiOrientation([
      [-2, 0, 0, 32],
      [0, 2, 0, -40],
      [0, 0, 2, -16],
      [0, 0, 0, 1],
    ])
    expect(o).toEqual({ voxelAxis: [0, 1, 2], sign: [-1, 1, 1] })
  })

  it('assigns each voxel axis once on an oblique affine (20° about x, like example4d)', () => {
    const c = Math.cos(0.35)
    const s = Math.sin(0.35)
    const o = niftiOrientation([
      [-2, 0, 0, 0],
      [0, 2 * c, -2.2 * s, 0],
      [0, 2 * s, 2.2 * c, 0],
      [0, 0, 0, 1],
    ])
    expect(o).toEqual({ voxelAxis: [0, 1, 2], sign: [-1, 1, 1] })
  })

  it('reads permuted storage (voxel i along S, j along R, k along P)', () => {
    const o = niftiOrientation([
      [0, 1, 0, 0],
      [0, 0, -1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ])
    expect(o).toEqual({ voxelAxis: [1, 2, 0], sign: [1, -1, 1] })
  })
})

describe('niftiSlice orientation in patient space', () => {
  const dims: [number, number, number, number] = [4, 5, 6, 1]
  for (const affine of orthogonalAffines()) {
    const nifti = volume(dims, affine, indexed(dims))
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      it(`${plane} of ${JSON.stringify(affine.slice(0, 3).map((r) => r.slice(0, 3)))}`, () => {
        const g = niftiSliceGeometry(nifti, plane)
        const { fixed, across, down } = PLANE_AXES[plane]
        let previousFixed = Number.NEGATIVE_INFINITY
        for (let index = 0; index < g.count; index++) {
          const slice = niftiSlice(nifti, plane, index)
          expect(slice.length).toBe(g.width * g.height)
          const at = (x: number, y: number) => patient(affine, dims, slice[y * g.width + x])
          const origin = at(0, 0)
          // slice index grows towards +R/+A/+S
          expect(origin[fixed]).toBeGreaterThan(previousFixed)
          previousFixed = origin[fixed]
          for (let y = 0; y < g.height; y++) {
            for (let x = 0; x < g.width; x++) {
              const p = at(x, y)
              expect(p[fixed]).toBe(origin[fixed]) // one patient plane
              if (x > 0) expect(p[across]).toBeLessThan(at(x - 1, y)[across]) // screen right = patient L or P
              if (y > 0) expect(p[down]).toBeLessThan(at(x, y - 1)[down]) // screen down = patient P or I
            }
          }
        }
      })
    }
  }

  it('gives the pixel aspect and labels from pixDims and the plane', () => {
    const nifti = volume([4, 5, 6, 1], orthogonalAffines()[0], indexed([4, 5, 6, 1]), {
      pixDims: [0.5, 2, 3, 1],
    })
    expect(niftiSliceGeometry(nifti, 'axial')).toMatchObject({
      width: 4,
      height: 5,
      count: 6,
      pixelWidth: 0.5,
      pixelHeight: 2,
      labels: { top: 'A', bottom: 'P', left: 'R', right: 'L' },
    })
    expect(niftiSliceGeometry(nifti, 'coronal')).toMatchObject({
      width: 4,
      height: 6,
      count: 5,
      pixelWidth: 0.5,
      pixelHeight: 3,
      labels: { top: 'S', bottom: 'I', left: 'R', right: 'L' },
    })
    expect(niftiSliceGeometry(nifti, 'sagittal')).toMatchObject({
      width: 5,
      height: 6,
      count: 4,
      pixelWidth: 2,
      pixelHeight: 3,
      labels: { top: 'S', bottom: 'I', left: 'A', right: 'P' },
    })
  })
})

describe('niftiSlice values', () => {
  const ras = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ]

  it('picks the requested volume of a 4D series', () => {
    const dims: [number, number, number, number] = [2, 2, 2, 3]
    const nifti = volume(dims, ras, indexed(dims))
    // RAS storage, axial slice 1 of volume 2: rows from anterior (j=1), columns from right (i=1)
    expect(Array.from(niftiSlice(nifti, 'axial', 1, 2))).toEqual([23, 22, 21, 20])
    expect(niftiSliceGeometry(nifti, 'axial').volumes).toBe(3)
  })

  const cases: Array<[NiftiDatatype, NiftiVoxels, number[]]> = [
    ['uint8', Uint8Array.of(0, 255), [0, 255]],
    ['int8', Int8Array.of(-128, 127), [-128, 127]],
    ['int16', Int16Array.of(-32768, 32767), [-32768, 32767]],
    ['uint16', Uint16Array.of(0, 65535), [0, 65535]],
    ['int32', Int32Array.of(-2147483648, 2147483647), [-2147483648, 2147483647]],
    ['uint32', Uint32Array.of(0, 4294967295), [0, 4294967295]],
    ['float32', Float32Array.of(-1.5, 3.25), [-1.5, 3.25]],
    ['float64', Float64Array.of(-1e-3, 1e6), [Math.fround(-1e-3), 1e6]],
  ]
  for (const [datatype, voxels, values] of cases) {
    it(`reads ${datatype} voxels and applies scl_slope/scl_inter`, () => {
      const dims: [number, number, number, number] = [2, 1, 1, 1]
      // axial of RAS storage: x runs right-to-left on screen
      // Float32Array output: values beyond 2^24 round as Math.fround does
      expect(Array.from(niftiSlice(volume(dims, ras, voxels, { datatype }), 'axial', 0))).toEqual([
        Math.fround(values[1]),
        Math.fround(values[0]),
      ])
      const scaled = niftiSlice(
        volume(dims, ras, voxels, { datatype, sclSlope: 0.5, sclInter: -10 }),
        'axial',
        0,
      )
      expect(Array.from(scaled)).toEqual([
        Math.fround(values[1] * 0.5 - 10),
        Math.fround(values[0] * 0.5 - 10),
      ])
    })
  }

  it('gives rgb24 luminance from niftiSlice and the colours from niftiSliceRgb', () => {
    const voxels = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30)
    const nifti = volume([2, 2, 1, 1], ras, voxels, { datatype: 'rgb24', datatypeCode: 128 })
    // axial, RAS storage: top row is j=1 (voxels 3, 2), bottom row j=0 (voxels 1, 0)
    const lum = niftiSlice(nifti, 'axial', 0)
    expect(Array.from(lum)).toEqual(
      [0.299 * 10 + 0.587 * 20 + 0.114 * 30, 0.114 * 255, 0.587 * 255, 0.299 * 255].map(Math.fround),
    )
    expect(Array.from(niftiSliceRgb(nifti, 'axial', 0))).toEqual([
      10, 20, 30, 0, 0, 255, 0, 255, 0, 255, 0, 0,
    ])
    expect(() => niftiSliceRgb(volume([2, 2, 1, 1], ras, indexed([2, 2, 1, 1])), 'axial', 0)).toThrow(
      ValidationError,
    )
  })

  it('rejects an index, volume or plane out of range with a ValidationError saying the range', () => {
    const nifti = volume([2, 3, 4, 2], ras, indexed([2, 3, 4, 2]))
    expect(() => niftiSlice(nifti, 'axial', 4)).toThrow(
      /axial index 4 is out of range; use an integer from 0 to 3/,
    )
    expect(() => niftiSlice(nifti, 'coronal', -1)).toThrow(ValidationError)
    expect(() => niftiSlice(nifti, 'sagittal', 0.5)).toThrow(ValidationError)
    expect(() => niftiSlice(nifti, 'axial', 0, 2)).toThrow(
      /volume 2 is out of range; use an integer from 0 to 1/,
    )
    expect(() => niftiSlice(nifti, 'oblique' as NiftiPlane, 0)).toThrow(/plane must be/)
  })
})

describe('niftiSlice on real files, against nibabel', () => {
  // Expected values computed with nibabel 5.0.0 (Debian python3-nibabel):
  //   c = nib.as_closest_canonical(img).get_fdata()   # RAS+ storage
  //   axial k:    c[:, :, k][::-1, ::-1].T   (rows anterior→posterior, columns right→left)
  //   coronal j:  c[:, j, :][::-1, ::-1].T   (rows superior→inferior, columns right→left)
  //   sagittal i: c[i, :, :][::-1, ::-1].T   (rows superior→inferior, columns anterior→posterior)
  // Both files are stored LAS (aff2axcodes), so x is flipped relative to canonical; example4d is oblique.
  const expected: Record<
    string,
    {
      volume: number
      planes: Record<
        NiftiPlane,
        { index: number; width: number; height: number; sum: number; at: number[][] }
      >
    }
  > = {
    'anatomical.nii': {
      volume: 0,
      planes: {
        axial: {
          index: 12,
          width: 33,
          height: 41,
          sum: 11555526,
          at: [
            [0, 0, 7602],
            [13, 8, 8562],
            [20, 16, 11881],
            [27, 24, 10725],
            [38, 16, 13705],
          ],
        },
        coronal: {
          index: 20,
          width: 33,
          height: 25,
          sum: 7192085,
          at: [
            [0, 0, 9034],
            [8, 8, 10770],
            [12, 16, 11881],
            [16, 24, 6703],
            [24, 24, 28535],
          ],
        },
        sagittal: {
          index: 16,
          width: 41,
          height: 25,
          sum: 7144069,
          at: [
            [0, 0, 3776],
            [8, 10, 9444],
            [12, 20, 11881],
            [16, 30, 4094],
            [23, 15, 25049],
          ],
        },
      },
    },
    'example4d.nii.gz': {
      volume: 1,
      planes: {
        axial: {
          index: 12,
          width: 128,
          height: 96,
          sum: 2274168,
          at: [
            [0, 0, 0],
            [32, 32, 221],
            [48, 64, 349],
            [64, 96, 34],
            [8, 61, 1026],
          ],
        },
        coronal: {
          index: 48,
          width: 128,
          height: 24,
          sum: 681134,
          at: [
            [8, 32, 126],
            [12, 64, 444],
            [16, 96, 0],
            [23, 61, 933],
          ],
        },
        sagittal: {
          index: 64,
          width: 96,
          height: 24,
          sum: 978812,
          at: [
            [8, 24, 566],
            [12, 48, 460],
            [16, 72, 433],
            [12, 9, 1073],
          ],
        },
      },
    },
  }

  for (const [file, { volume: vol, planes }] of Object.entries(expected)) {
    for (const [plane, e] of Object.entries(planes) as Array<[NiftiPlane, (typeof planes)[NiftiPlane]]>) {
      it(`${file} ${plane} slice ${e.index} matches nibabel's canonical orientation`, async () => {
        const nifti = await loadNifti(file)
        const g = niftiSliceGeometry(nifti, plane)
        expect([g.width, g.height]).toEqual([e.width, e.height])
        const slice = niftiSlice(nifti, plane, e.index, vol)
        expect(slice.reduce((a, b) => a + b, 0)).toBe(e.sum)
        for (const [row, col, value] of e.at) expect(slice[row * g.width + col]).toBe(value)
      })
    }
  }

  it('example4d: geometry counts its 2 volumes and takes pixel sizes from pixDims', async () => {
    const nifti = await loadNifti('example4d.nii.gz')
    const g = niftiSliceGeometry(nifti, 'coronal')
    expect(g).toMatchObject({ count: 96, volumes: 2, pixelWidth: 2, pixelHeight: nifti.pixDims[2] })
    expect(g.pixelHeight).toBeCloseTo(2.2, 5)
    expect(niftiSlice(nifti, 'axial', 12, 0)).not.toEqual(niftiSlice(nifti, 'axial', 12, 1))
  })
})

async function loadNifti(file: string): Promise<NiftiData> {
  const { readFile } = await import('node:fs/promises')
  const { convertFormat } = await import('../../src/api/format/convertFormat.js')
  const data = convertFormat(await readFile(new URL(`../fixtures/nifti/${file}`, import.meta.url)))
  if (data.kind !== 'nifti') throw new Error(`${file} did not convert to NIfTI`)
  return data
}
