import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { NiftiData } from '../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { labelColours } from '../../src/viewers/annotations/viewerAnnotations.js'
import { NiftiViewer, type NiftiWindow } from '../../src/viewers/NiftiViewer.js'
import { niftiSlice } from '../../src/viewers/nifti/niftiSlice.js'
import { type NiftiPlane, niftiSliceGeometry } from '../../src/viewers/nifti/niftiSliceGeometry.js'
import { colormapTable } from '../../src/viewers/render/colormaps.js'
import { annotation } from './support/annotationFixtures.js'
import { fixtureBytes } from './support/fixtures.js'

afterEach(() => cleanup())

async function example4d(): Promise<NiftiData> {
  const data = convertFormat(await fixtureBytes('example4d.nii.gz'))
  if (data.kind !== 'nifti') throw new Error('not NIfTI')
  return data
}

/** Canvas pixels vs. niftiSlice through the DICOM linear window (our reference, written out here). */
function mismatches(nifti: NiftiData, plane: NiftiPlane, index: number, volume: number, w: NiftiWindow) {
  const canvas = document.querySelector('canvas') as HTMLCanvasElement
  const shown = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
  const values = niftiSlice(nifti, plane, index, volume)
  let over = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    const lo = w.center - 0.5 - (w.width - 1) / 2
    const hi = w.center - 0.5 + (w.width - 1) / 2
    const y = x <= lo ? 0 : x > hi ? 255 : ((x - (w.center - 0.5)) / (w.width - 1) + 0.5) * 255
    if (Math.abs(shown[i * 4] - y) > 1 || shown[i * 4 + 3] !== 255) over++
  }
  return { over, size: [canvas.width, canvas.height] }
}

describe('NiftiViewer', () => {
  it('draws example4d slices through the window, switches plane, slice and volume, and drags the window', async () => {
    const nifti = await example4d()
    const windows: NiftiWindow[] = []
    const slices: Array<[number, NiftiPlane]> = []
    render(
      <div style={{ width: 500, height: 400 }}>
        <NiftiViewer
          data={nifti}
          onWindowChange={(w) => windows.push(w)}
          onSliceChange={(i, p) => slices.push([i, p])}
        />
      </div>,
    )
    const app = screen.getByRole('application')
    expect(app.getAttribute('aria-label')).toBe('NIfTI viewer: axial slice 13 of 24')
    // Default window: the whole series' range.
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    for (const v of nifti.voxels) {
      min = Math.min(min, v)
      max = Math.max(max, v)
    }
    const initial = { center: (min + max) / 2, width: max - min }
    await waitFor(() =>
      expect(mismatches(nifti, 'axial', 12, 0, initial)).toEqual({ over: 0, size: [128, 96] }),
    )
    // Orientation letters and physical aspect (2 mm × 2 mm in axial).
    expect(['A', 'P', 'R', 'L'].every((l) => screen.getAllByText(l).length > 0)).toBe(true)
    const canvas = document.querySelector('canvas') as HTMLCanvasElement
    expect(canvas.clientWidth / canvas.clientHeight).toBeCloseTo(128 / 96, 1)

    // Volume 2 of the 4D series.
    fireEvent.change(screen.getByRole('slider', { name: /Volume/ }), { target: { value: '1' } })
    await waitFor(() => expect(mismatches(nifti, 'axial', 12, 1, initial).over).toBe(0))

    // Window/level drag.
    fireEvent.pointerDown(app, { button: 0, clientX: 100, clientY: 100, pointerId: 3 })
    fireEvent.pointerMove(app, { clientX: 60, clientY: 130, pointerId: 3 })
    fireEvent.pointerUp(app, { pointerId: 3 })
    const dragged = windows.at(-1)!
    expect(dragged.width).toBeLessThan(initial.width)
    expect(dragged.center).toBeGreaterThan(initial.center)
    await waitFor(() => expect(mismatches(nifti, 'axial', 12, 1, dragged).over).toBe(0))
    expect(mismatches(nifti, 'axial', 12, 1, initial).over).toBeGreaterThan(100)
    // A cancelled pointer (e.g. the browser took the touch) ends the drag: its later moves change nothing.
    fireEvent.pointerDown(app, { button: 0, clientX: 100, clientY: 100, pointerId: 4 })
    fireEvent.pointerCancel(app, { pointerId: 4 })
    const windowChanges = windows.length
    fireEvent.pointerMove(app, { clientX: 150, clientY: 160, pointerId: 4 })
    expect(windows.length).toBe(windowChanges)

    // Keyboard: coronal plane, next slice; the pixel aspect follows pixDims (2 mm × 2.2 mm).
    app.focus()
    fireEvent.keyDown(app, { key: 'c' })
    fireEvent.keyDown(app, { key: 'ArrowDown' }) // the shared keymap: Down/Right = next, as in DicomViewer
    expect(slices.at(-1)).toEqual([49, 'coronal'])
    await waitFor(() =>
      expect(mismatches(nifti, 'coronal', 49, 1, dragged)).toEqual({ over: 0, size: [128, 24] }),
    )
    expect(canvas.clientWidth / canvas.clientHeight).toBeCloseTo((128 * 2) / (24 * nifti.pixDims[2]), 1)
    expect(screen.getByRole('button', { name: 'Coronal' }).getAttribute('aria-pressed')).toBe('true')
    fireEvent.keyDown(app, { key: 'r' })
    expect(windows.at(-1)).toEqual(initial)
    // The wheel scrolls slices (down = next, as in DicomViewer) without scrolling the page.
    const wheel = new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true })
    app.dispatchEvent(wheel)
    expect(wheel.defaultPrevented).toBe(true)
    await waitFor(() => expect(slices.at(-1)).toEqual([50, 'coronal']))
    fireEvent.keyDown(app, { key: 'ArrowUp' })
    expect(slices.at(-1)).toEqual([49, 'coronal'])
  })

  it('shares the DICOM toolbar model: colour map, invert, zoom, 1:1, reset and interpolation', async () => {
    const nifti = await example4d()
    render(
      <div style={{ width: 500, height: 400 }}>
        <NiftiViewer data={nifti} interpolation="pixelated" />
      </div>,
    )
    const toolbar = screen.getByRole('toolbar', { name: 'NIfTI viewer tools' })
    const canvas = document.querySelector('canvas') as HTMLCanvasElement
    expect(canvas.style.imageRendering).toBe('pixelated')
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    for (const v of nifti.voxels) {
      min = Math.min(min, v)
      max = Math.max(max, v)
    }
    const w = { center: (min + max) / 2, width: max - min }
    const greyAt = (x: number) => {
      const lo = w.center - 0.5 - (w.width - 1) / 2
      const hi = w.center - 0.5 + (w.width - 1) / 2
      return x <= lo ? 0 : x > hi ? 255 : ((x - (w.center - 0.5)) / (w.width - 1) + 0.5) * 255
    }
    const values = niftiSlice(nifti, 'axial', 12, 0)
    const pixels = () => canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    // Colour map: each pixel is the map's entry for its windowed value; inverted, the entry for 255 − value.
    fireEvent.change(within(toolbar).getByRole('combobox', { name: 'Colour map' }), {
      target: { value: 'viridis' },
    })
    const lut = colormapTable('viridis')
    const off = (invert: boolean) => {
      const p = pixels()
      let n = 0
      for (let i = 0; i < values.length; i++) {
        const y = Math.round(invert ? 255 - greyAt(values[i]) : greyAt(values[i]))
        if (Math.abs(p[i * 4] - lut[y * 3]) > 1 || Math.abs(p[i * 4 + 1] - lut[y * 3 + 1]) > 1) n++
      }
      return n
    }
    await waitFor(() => expect(off(false)).toBe(0))
    expect(document.querySelector('[data-colorbar="viridis"]')).not.toBeNull()
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Invert' }))
    await waitFor(() => expect(off(true)).toBe(0))
    // Zoom from the keyboard and the overlay; 1:1 shows one voxel per screen pixel across; Reset fits again.
    const app = screen.getByRole('application')
    const zoomText = () => document.querySelector('[data-corner="bottomLeft"]')!.textContent
    expect(zoomText()).toContain('Zoom 100%')
    app.focus()
    fireEvent.keyDown(app, { key: '+' })
    expect(zoomText()).toContain('Zoom 125%')
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Actual size' }))
    await waitFor(() => expect(canvas.getBoundingClientRect().width).toBeCloseTo(canvas.width, 0))
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Reset' }))
    expect(zoomText()).toContain('Zoom 100%')
    await waitFor(() => expect(off(false)).toBe(0))
  })

  it('draws NIfTI label volumes in all three planes, resampled in patient space', async () => {
    const bytes = await fixtureBytes('anatomical.nii')
    const anatomy = convertFormat(bytes) as NiftiData
    const [nx, ny] = anatomy.dims
    // Label 1 in voxels [10, 20) × [15, 30) × [8, 16) of a copy of the file (same grid), and of a second copy
    // whose sform puts its voxel i at the anatomy's i + 3 (srow_x translation 32 → 26 mm, x = −2 i + t).
    // anatomical.nii is big-endian.
    const box = { i: [10, 20], j: [15, 30], k: [8, 16] }
    const labelFile = (shiftMm: number) => {
      const out = bytes.slice()
      const view = new DataView(out.buffer)
      const voxOffset = Number(anatomy.header.vox_offset)
      for (let k = 0; k < anatomy.dims[2]; k++)
        for (let j = 0; j < ny; j++)
          for (let i = 0; i < nx; i++) {
            const inside =
              i >= box.i[0] && i < box.i[1] && j >= box.j[0] && j < box.j[1] && k >= box.k[0] && k < box.k[1]
            view.setInt16(voxOffset + 2 * (i + nx * (j + ny * k)), inside ? 1 : 0, false)
          }
      view.setFloat32(280 + 12, view.getFloat32(280 + 12, false) + shiftMm, false) // srow_x[3]
      return out
    }
    const cases = [
      { name: 'same grid', file: labelFile(0), shift: 0 },
      { name: 'shifted grid', file: labelFile(-6), shift: 3 },
    ]
    for (const c of cases) {
      const annotations = [
        annotation({
          id: `seg-${c.shift}`,
          identifier: 'Lesion',
          annotation_type: 'segmentation',
          fileBytes: c.file,
        }),
      ]
      const { unmount } = render(
        <div style={{ width: 400, height: 400 }}>
          <NiftiViewer data={anatomy} annotations={annotations} />
        </div>,
      )
      for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
        fireEvent.click(screen.getByRole('button', { name: plane[0].toUpperCase() + plane.slice(1) }))
        const g = niftiSliceGeometry(anatomy, plane)
        // A slice through the box: the middle of its extent along this plane's fixed axis.
        const index = plane === 'axial' ? 12 : plane === 'coronal' ? 22 : nx - 1 - (15 + c.shift)
        fireEvent.change(screen.getByRole('slider', { name: 'Slice' }), {
          target: { value: String(index + 1) },
        })
        const layer = document.querySelector('[data-annotation-layer]') as HTMLCanvasElement
        const expected = (x: number, y: number) => {
          const o = g.start + index * g.sliceStride + x * g.colStride + y * g.rowStride
          const [i, j, k] = [o % nx, Math.floor(o / nx) % ny, Math.floor(o / (nx * ny))]
          const li = i - c.shift
          return (
            li >= box.i[0] && li < box.i[1] && j >= box.j[0] && j < box.j[1] && k >= box.k[0] && k < box.k[1]
          )
        }
        await waitFor(() => {
          expect([layer.width, layer.height]).toEqual([g.width, g.height])
          const p = layer.getContext('2d')!.getImageData(0, 0, g.width, g.height).data
          let wrong = 0
          let inside = 0
          for (let y = 0; y < g.height; y++)
            for (let x = 0; x < g.width; x++) {
              const want = expected(x, y)
              if (want) inside++
              const a = p[(y * g.width + x) * 4 + 3]
              if (want ? a === 0 || Math.abs(p[(y * g.width + x) * 4] - 230) > 3 : a !== 0) wrong++
            }
          expect({ case: c.name, plane, wrong, some: inside > 20 }).toEqual({
            case: c.name,
            plane,
            wrong: 0,
            some: true,
          })
        })
      }
      // The legend hides the label.
      fireEvent.click(screen.getByRole('button', { name: 'Lesion' }))
      await waitFor(() => {
        const layer = document.querySelector('[data-annotation-layer]') as HTMLCanvasElement
        const p = layer.getContext('2d')!.getImageData(0, 0, layer.width, layer.height).data
        expect(p.some((v, i) => i % 4 === 3 && v > 0)).toBe(false)
      })
      unmount()
    }
  })

  it('draws each label value of a multi-label volume in its own colour, named and toggled in the legend', async () => {
    const bytes = await fixtureBytes('anatomical.nii')
    const anatomy = convertFormat(bytes) as NiftiData
    const [nx, ny, nz] = anatomy.dims
    // Label 1 in voxels [4, 12) × [15, 30) × [8, 16), label 2 in [18, 28) × [15, 30) × [8, 16) of a copy of the
    // file (big-endian int16). The annotation names label 1 only; label 2 falls back to "Label 2".
    const boxes = [
      { value: 1, i: [4, 12], j: [15, 30], k: [8, 16] },
      { value: 2, i: [18, 28], j: [15, 30], k: [8, 16] },
    ]
    const valueAt = (i: number, j: number, k: number) =>
      boxes.find((b) => i >= b.i[0] && i < b.i[1] && j >= b.j[0] && j < b.j[1] && k >= b.k[0] && k < b.k[1])
        ?.value ?? 0
    const file = bytes.slice()
    const view = new DataView(file.buffer)
    const voxOffset = Number(anatomy.header.vox_offset)
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          view.setInt16(voxOffset + 2 * (i + nx * (j + ny * k)), valueAt(i, j, k), false)
    const annotations = [
      annotation({
        id: 'organs',
        identifier: 'Organs',
        annotation_type: 'segmentation',
        segmentation_map: { 1: 'Liver' },
        fileBytes: file,
      } as Parameters<typeof annotation>[0]),
    ]
    render(
      <div style={{ width: 400, height: 400 }}>
        <NiftiViewer data={anatomy} annotations={annotations} />
      </div>,
    )
    const legend = await screen.findByRole('group', { name: 'Annotations' })
    await waitFor(() =>
      expect(
        within(legend)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual(['Liver', 'Label 2']),
    )
    // The palette the DICOM masks use, in legend order: two different colours.
    const colours = labelColours(['Liver', 'Label 2'])
    const colour = { 1: colours.get('Liver')!, 2: colours.get('Label 2')! } as Record<number, number[]>
    expect(colour[1]).not.toEqual(colour[2])

    /** Pixels of the annotation layer that differ from what labels `shown` should draw at `alpha`. */
    const check = (plane: NiftiPlane, index: number, shown: number[], alpha: number) => {
      const g = niftiSliceGeometry(anatomy, plane)
      const layer = document.querySelector('[data-annotation-layer]') as HTMLCanvasElement
      expect([layer.width, layer.height]).toEqual([g.width, g.height])
      const p = layer.getContext('2d')!.getImageData(0, 0, g.width, g.height).data
      let wrong = 0
      const counts: Record<number, number> = { 1: 0, 2: 0 }
      for (let y = 0; y < g.height; y++)
        for (let x = 0; x < g.width; x++) {
          const o = g.start + index * g.sliceStride + x * g.colStride + y * g.rowStride
          const v = valueAt(o % nx, Math.floor(o / nx) % ny, Math.floor(o / (nx * ny)))
          const want = shown.includes(v) ? v : 0
          const at = (y * g.width + x) * 4
          if (want) counts[want]++
          const ok = want
            ? Math.abs(p[at + 3] - alpha) <= 1 && colour[want].every((c, n) => Math.abs(p[at + n] - c) <= 3)
            : p[at + 3] === 0
          if (!ok) wrong++
        }
      return { plane, index, wrong, counts }
    }
    const slices: { plane: NiftiPlane; index: number; labels: number[] }[] = [
      { plane: 'axial', index: 12, labels: [1, 2] },
      { plane: 'coronal', index: 22, labels: [1, 2] },
      { plane: 'sagittal', index: nx - 1 - 8, labels: [1] },
      { plane: 'sagittal', index: nx - 1 - 22, labels: [2] },
    ]
    const show = (plane: NiftiPlane, index: number) => {
      fireEvent.click(screen.getByRole('button', { name: plane[0].toUpperCase() + plane.slice(1) }))
      fireEvent.change(screen.getByRole('slider', { name: 'Slice' }), {
        target: { value: String(index + 1) },
      })
    }
    for (const s of slices) {
      show(s.plane, s.index)
      await waitFor(() => {
        const r = check(s.plane, s.index, [1, 2], 128)
        // Each expected label covers its box's cross-section (at least 8 × 8 pixels), the other none.
        expect({ ...r, present: [1, 2].filter((v) => r.counts[v] >= 64) }).toEqual({
          ...r,
          wrong: 0,
          present: s.labels,
        })
      })
    }
    // Hiding "Liver" removes label 1's pixels only; label 2 keeps its colour. Opacity applies to both.
    show('axial', 12)
    fireEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    expect(within(legend).getByRole('button', { name: 'Liver' }).getAttribute('aria-pressed')).toBe('false')
    await waitFor(() => expect(check('axial', 12, [2], 128).wrong).toBe(0))
    fireEvent.change(within(legend).getByRole('slider'), { target: { value: '100' } })
    await waitFor(() => expect(check('axial', 12, [2], 255).wrong).toBe(0))
    fireEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    fireEvent.click(within(legend).getByRole('button', { name: 'Label 2' }))
    await waitFor(() => expect(check('axial', 12, [1], 255).wrong).toBe(0))
  })

  it('shows an error for a volume it cannot slice', async () => {
    const nifti = await example4d()
    const broken = { ...nifti, dims: [0, 96, 24, 2] as [number, number, number, number] }
    render(<NiftiViewer data={broken} />)
    await waitFor(() => expect(document.querySelector('[role="alert"]')).not.toBeNull())
  })
})
