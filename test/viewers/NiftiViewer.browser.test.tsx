import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { NiftiData } from '../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { NiftiViewer, type NiftiWindow } from '../../src/viewers/NiftiViewer.js'
import { niftiSlice } from '../../src/viewers/nifti/niftiSlice.js'
import type { NiftiPlane } from '../../src/viewers/nifti/niftiSliceGeometry.js'
import { colormapTable } from '../../src/viewers/render/colormaps.js'
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

  it('shows an error for a volume it cannot slice', async () => {
    const nifti = await example4d()
    const broken = { ...nifti, dims: [0, 96, 24, 2] as [number, number, number, number] }
    render(<NiftiViewer data={broken} />)
    await waitFor(() => expect(document.querySelector('[role="alert"]')).not.toBeNull())
  })
})
