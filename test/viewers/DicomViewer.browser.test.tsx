import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DicomData } from '../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { DicomViewer, type DicomViewerProps, type DicomViewport } from '../../src/viewers/DicomViewer.js'
import { decodeDicomFrame } from '../../src/viewers/decode/decodeDicomFrame.js'
import type { Cornerstone } from '../../src/viewers/dicom/Cornerstone.js'
import { dicomUnits } from '../../src/viewers/dicom/dicomUnits.js'
import { colormapTable } from '../../src/viewers/render/colormaps.js'
import { annotation, rectPng } from './support/annotationFixtures.js'
import { colormapMismatches, compareRgb, expectedRgb } from './support/expectedPixels.js'
import { type FixtureName, fixtureBytes } from './support/fixtures.js'

afterEach(() => cleanup())

async function cornerstone(): Promise<Cornerstone> {
  const module = await import('cornerstone-core')
  return ((module as { default?: unknown }).default ?? module) as Cornerstone
}

async function dicomFixture(name: FixtureName): Promise<DicomData> {
  const data = convertFormat(await fixtureBytes(name))
  if (data.kind !== 'dicom') throw new Error(`${name} is not DICOM`)
  return data
}

/**
 * Renders a viewer whose image area is exactly rows × columns at scale 1 with pixel replication, so canvas
 * pixel (x, y) is image pixel (x, y). Resolves helpers to wait for frames and read the canvas back.
 */
async function renderExact(data: DicomData, props: Partial<DicomViewerProps> = {}) {
  const rendered: number[] = []
  const viewports: DicomViewport[] = []
  const box = document.createElement('div')
  box.style.width = `${data.columns}px`
  box.style.height = `${data.rows}px`
  document.body.append(box)
  const fixed = { scale: 1, translation: { x: 0, y: 0 }, pixelReplication: true }
  const view = render(
    <DicomViewer
      data={data}
      viewport={fixed}
      onImageRendered={(f) => rendered.push(f)}
      onViewportChange={(v) => viewports.push(v)}
      style={{ minHeight: 0 }}
      colormap="grayscale"
      toolbar={false}
      {...props}
    />,
    { container: box },
  )
  const app = screen.getByRole('application')
  const canvas = async () => {
    const c = await waitFor(() => {
      const found = box.querySelector('canvas') as HTMLCanvasElement
      expect(found).not.toBeNull()
      return found
    })
    expect([c.width, c.height]).toEqual([data.columns, data.rows])
    return c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
  }
  const waitRendered = async (frame: number) => {
    await waitFor(() => expect(rendered).toContain(frame), { timeout: 10_000 })
    rendered.length = 0
  }
  return { ...view, box, app, canvas, waitRendered, viewports, unmountAll: () => view.unmount() }
}

const renderable: FixtureName[] = [
  'CT_small.dcm',
  'CT_small_nometa.dcm',
  'MR_small.dcm',
  'MR_small_implicit.dcm',
  'MR_small_bigendian.dcm',
  'MR_small_RLE.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'JPEG2000.dcm',
  'SC_rgb_jpeg_dcmtk.dcm',
  'SC_rgb_rle_2frame.dcm',
  'image_dfl.dcm',
  'rtdose.dcm',
]

describe('DicomViewer paints the decoded frame through the VOI', () => {
  for (const name of renderable) {
    it(name, async () => {
      const data = await dicomFixture(name)
      const frame = await decodeDicomFrame(data, 0)
      const view = await renderExact(data)
      await view.waitRendered(0)
      const pixels = await view.canvas()
      const expected = expectedRgb(frame, frame.windowCenter, frame.windowWidth)
      const { maxDiff, over } = compareRgb(pixels, expected, 2)
      expect({ name, over }).toEqual({ name, over: 0 })
      expect(maxDiff).toBeLessThanOrEqual(2)
      // The overlay: frame (multi-frame files), window (grey images only) and zoom.
      const overlay = view.box.querySelector('[data-viewer-overlay]') as HTMLElement
      if (data.numberOfFrames > 1) expect(overlay.textContent).toContain(`Frame 1/${data.numberOfFrames}`)
      expect(overlay.textContent).toContain('Zoom 100%')
      expect(overlay.textContent?.includes('W ')).toBe(frame.samplesPerPixel === 1)
    })
  }

  it('a frame the decoder refuses shows its error instead of an image', async () => {
    // MR_truncated.dcm is refused by convertFormat already (test/viewers/decode/errors.test.ts), so the
    // viewer gets MR_small with its pixel data cut short: it parses, but frame 0 cannot be decoded.
    const mr = await dicomFixture('MR_small.dcm')
    const dataSet = Object.create(mr.dataSet)
    dataSet.byteArray = mr.dataSet.byteArray.subarray(0, mr.dataSet.elements.x7fe00010.dataOffset + 1200)
    const rendered: number[] = []
    render(
      <div style={{ width: 200, height: 200 }}>
        <DicomViewer data={{ ...mr, dataSet }} onImageRendered={(f) => rendered.push(f)} />
      </div>,
    )
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 })
    // A plain sentence, the technical text behind Details, and the file offered for download.
    expect(within(alert).getByText('The image could not be decoded')).toBeTruthy()
    expect(alert.textContent).toContain('The image data in this file is damaged or incomplete')
    expect(alert.querySelector('pre')!.textContent).toBe(
      'FormatError: DICOM frame 0: pixel data has 1200 bytes, 8192 expected (1 frame(s) of 64×64×1 at 16 bits); the file is truncated',
    )
    expect(within(alert).getByRole('button', { name: 'Download file' })).toBeTruthy()
    expect(rendered).toEqual([])
  })
})

describe('DicomViewer interaction', () => {
  it('a left drag changes window/level and the pixels follow the new window', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const view = await renderExact(data)
    await view.waitRendered(0)
    const before = await view.canvas()
    fireEvent.pointerDown(view.app, { button: 0, buttons: 1, clientX: 40, clientY: 40, pointerId: 1 })
    fireEvent.pointerMove(view.app, { buttons: 1, clientX: 70, clientY: 60, pointerId: 1 })
    fireEvent.pointerUp(view.app, { button: 0, clientX: 70, clientY: 60, pointerId: 1 })
    const vp = view.viewports.at(-1)!
    expect(vp.windowWidth).toBeGreaterThan(frame.windowWidth)
    expect(vp.windowCenter).toBeGreaterThan(frame.windowCenter)
    await view.waitRendered(0)
    const after = await view.canvas()
    const { over } = compareRgb(after, expectedRgb(frame, vp.windowCenter, vp.windowWidth), 2)
    expect(over).toBe(0)
    expect(
      compareRgb(after, expectedRgb(frame, frame.windowCenter, frame.windowWidth), 2).over,
    ).toBeGreaterThan(100)
    expect(before).not.toEqual(after)
    // Keyboard: I inverts, R resets to the file's window.
    view.app.focus()
    fireEvent.keyDown(view.app, { key: 'i' })
    await view.waitRendered(0)
    expect(
      compareRgb(await view.canvas(), expectedRgb(frame, vp.windowCenter, vp.windowWidth, true), 2).over,
    ).toBe(0)
    fireEvent.keyDown(view.app, { key: 'r' })
    await view.waitRendered(0)
    expect(view.viewports.at(-1)).toMatchObject({
      windowCenter: frame.windowCenter,
      windowWidth: frame.windowWidth,
    })
    expect(
      compareRgb(await view.canvas(), expectedRgb(frame, frame.windowCenter, frame.windowWidth), 2).over,
    ).toBe(0)
  })

  it('right- or Ctrl-drag zooms, middle- or Shift-drag pans, +/- and double-click reset', async () => {
    const data = await dicomFixture('MR_small.dcm')
    const viewports: DicomViewport[] = []
    render(
      <div style={{ width: 256, height: 256 }}>
        <DicomViewer data={data} toolbar={false} onViewportChange={(v) => viewports.push(v)} />
      </div>,
    )
    const app = screen.getByRole('application')
    const overlay = async () =>
      (await waitFor(() => app.querySelector('[data-viewer-overlay]') as HTMLElement)).textContent
    await waitFor(async () => expect(await overlay()).toContain('Zoom 400%')) // 64 px fitted into 256
    const drag = (
      init: { button: number; ctrlKey?: boolean; shiftKey?: boolean },
      dx: number,
      dy: number,
    ) => {
      fireEvent.pointerDown(app, { ...init, clientX: 100, clientY: 100, pointerId: 7 })
      fireEvent.pointerMove(app, { ...init, clientX: 100 + dx, clientY: 100 + dy, pointerId: 7 })
      fireEvent.pointerUp(app, { ...init, clientX: 100 + dx, clientY: 100 + dy, pointerId: 7 })
    }
    drag({ button: 2 }, 0, -50) // up = zoom in
    expect(viewports.at(-1)!.scale).toBeCloseTo(4 * Math.exp(0.5), 5)
    drag({ button: 0, ctrlKey: true }, 0, 50)
    expect(viewports.at(-1)!.scale).toBeCloseTo(4, 5)
    drag({ button: 1 }, 40, 0) // 40 screen px = 10 image px at 400 %
    expect(viewports.at(-1)!.translation).toEqual({ x: 10, y: 0 })
    drag({ button: 0, shiftKey: true }, 0, -20)
    expect(viewports.at(-1)!.translation).toEqual({ x: 10, y: -5 })
    app.focus()
    fireEvent.keyDown(app, { key: '+' })
    expect(viewports.at(-1)!.scale).toBeCloseTo(5, 5)
    await waitFor(async () => expect(await overlay()).toContain('Zoom 500%'))
    fireEvent.keyDown(app, { key: 'ArrowRight', altKey: true })
    expect(viewports.at(-1)!.translation).toEqual({ x: 12, y: -5 })
    fireEvent.doubleClick(app)
    expect(viewports.at(-1)).toMatchObject({ scale: 4, translation: { x: 0, y: 0 } })
    await waitFor(async () => expect(await overlay()).toContain('Zoom 400%'))
    // A context menu never opens over the image.
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true })
    app.dispatchEvent(menu)
    expect(menu.defaultPrevented).toBe(true)
  })

  for (const name of ['SC_rgb_rle_2frame.dcm', 'rtdose.dcm'] as const) {
    it(`the wheel changes frames of ${name}, and the keyboard too`, async () => {
      const data = await dicomFixture(name)
      const frames: number[] = []
      const view = await renderExact(data, { onFrameChange: (f) => frames.push(f) })
      await view.waitRendered(0)
      const element = view.box.querySelector('[data-dicom-element]') as HTMLElement
      fireEvent.wheel(element, { deltaY: 100 })
      await view.waitRendered(1)
      expect(frames).toEqual([1])
      const second = await decodeDicomFrame(data, 1)
      const shown = view.box.querySelector('[data-viewer-overlay]')!.textContent
      expect(shown).toContain(`Frame 2/${data.numberOfFrames}`)
      // Frame 2 painted with the window in use (the first frame's).
      const vp = view.viewports.at(-1) ?? { windowCenter: NaN, windowWidth: NaN }
      const first = await decodeDicomFrame(data, 0)
      const center = Number.isNaN(vp.windowCenter) ? first.windowCenter : vp.windowCenter
      const width = Number.isNaN(vp.windowWidth) ? first.windowWidth : vp.windowWidth
      expect(compareRgb(await view.canvas(), expectedRgb(second, center, width), 2).over).toBe(0)
      fireEvent.wheel(element, { deltaY: -100 })
      await view.waitRendered(0)
      view.app.focus()
      fireEvent.keyDown(view.app, { key: 'End' })
      await view.waitRendered(data.numberOfFrames - 1)
      expect(frames.at(-1)).toBe(data.numberOfFrames - 1)
    })
  }

  it('controlled frame and viewport props drive the picture; cine advances frames', async () => {
    const data = await dicomFixture('rtdose.dcm')
    const changes: number[] = []
    const view = await renderExact(data, { frame: 3, onFrameChange: (f) => changes.push(f) })
    await view.waitRendered(3)
    // Controlled: wheel reports the wish, the frame stays until the parent changes it.
    fireEvent.wheel(view.box.querySelector('[data-dicom-element]') as HTMLElement, { deltaY: 1 })
    expect(changes).toEqual([4])
    expect(view.box.querySelector('[data-viewer-overlay]')!.textContent).toContain('Frame 4/15')
    const frame7 = await decodeDicomFrame(data, 7)
    view.rerender(
      <DicomViewer
        data={data}
        frame={7}
        viewport={{
          scale: 1,
          translation: { x: 0, y: 0 },
          pixelReplication: true,
          windowCenter: 500,
          windowWidth: 800,
        }}
        onImageRendered={() => undefined}
        style={{ minHeight: 0 }}
        toolbar={false}
        colormap="grayscale"
      />,
    )
    await waitFor(() =>
      expect(view.box.querySelector('[data-viewer-overlay]')!.textContent).toContain('Frame 8/15'),
    )
    await waitFor(async () =>
      expect(compareRgb(await view.canvas(), expectedRgb(frame7, 500, 800), 2).over).toBe(0),
    )
    view.unmount()
    // Uncontrolled cine: Play advances the frame on its own.
    const seen = new Set<number>()
    render(
      <div style={{ width: 200, height: 200 }}>
        <DicomViewer data={data} fps={30} onFrameChange={(f) => seen.add(f)} />
      </div>,
    )
    const play = await screen.findByRole('button', { name: 'Play' })
    fireEvent.click(play)
    await waitFor(() => expect(seen.size).toBeGreaterThanOrEqual(3), { timeout: 10_000 })
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }))
  })

  it('a viewer first laid out in a hidden tab paints once shown', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const rendered: number[] = []
    const tab = document.createElement('div')
    tab.style.display = 'none'
    tab.style.width = '128px'
    tab.style.height = '128px'
    document.body.append(tab)
    render(<DicomViewer data={data} toolbar={false} onImageRendered={(f) => rendered.push(f)} />, {
      container: tab,
    })
    await new Promise((r) => setTimeout(r, 300))
    tab.style.display = 'block'
    await waitFor(() => {
      const canvas = tab.querySelector('canvas') as HTMLCanvasElement
      expect([canvas.width, canvas.height]).toEqual([128, 128])
      expect(tab.querySelector('[data-viewer-overlay]')?.textContent).toContain('Zoom 100%')
    })
    await waitFor(async () => {
      const c = tab.querySelector('canvas') as HTMLCanvasElement
      const pixels = c.getContext('2d')!.getImageData(0, 0, 128, 128).data
      // fitted at 1:1 (smoothing on at scale 1 samples exact pixels)
      expect(compareRgb(pixels, expectedRgb(frame, frame.windowCenter, frame.windowWidth), 2).over).toBe(0)
    })
    // The viewer follows its container: twice the size, refitted to 200 %.
    tab.style.width = '256px'
    tab.style.height = '256px'
    await waitFor(() => {
      const canvas = tab.querySelector('canvas') as HTMLCanvasElement
      expect([canvas.width, canvas.height]).toEqual([256, 256])
      expect(tab.querySelector('[data-viewer-overlay]')?.textContent).toContain('Zoom 200%')
    })
    tab.remove()
  })
})

describe('DicomViewer toolbar, presets and colour maps', () => {
  it('CT: the toolbar is visible, labelled and keyboard reachable; a preset sets the window and the pixels follow', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const view = await renderExact(data, { toolbar: true, viewport: undefined })
    await view.waitRendered(0)
    const toolbar = screen.getByRole('toolbar', { name: 'DICOM viewer tools' })
    // Every button has a name and a tooltip.
    for (const button of within(toolbar).getAllByRole('button')) {
      expect(button.getAttribute('title')).toBeTruthy()
      expect(button.textContent || button.getAttribute('aria-label')).toBeTruthy()
    }
    const select = within(toolbar).getByRole('combobox', { name: 'Window preset' }) as HTMLSelectElement
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'Window…',
      'Auto',
      'Full range',
      'Brain (80/40)',
      'Subdural (200/75)',
      'Stroke (40/40)',
      'Lung (1500/-600)',
      'Mediastinum (350/50)',
      'Abdomen (400/50)',
      'Liver (150/30)',
      'Bone (2000/500)',
    ])
    fireEvent.change(select, { target: { value: 'lung' } })
    expect(view.viewports.at(-1)).toMatchObject({ windowWidth: 1500, windowCenter: -600 })
    await waitFor(() =>
      expect(view.box.querySelector('[data-corner="bottomLeft"]')!.textContent).toContain('W 1500 L -600 HU'),
    )
    // The canvas shows the lung window (the image area is exactly rows × columns below the toolbar? no: fitted).
    fireEvent.change(select, { target: { value: 'bone' } })
    expect(view.viewports.at(-1)).toMatchObject({ windowWidth: 2000, windowCenter: 500 })
    // Left/Right move between toolbar buttons; the help popover lists the shared keymap.
    const buttons = within(toolbar).getAllByRole('button')
    buttons[0].focus()
    fireEvent.keyDown(buttons[0], { key: 'ArrowRight' })
    expect(document.activeElement).toBe(buttons[1])
    view.app.focus()
    fireEvent.keyDown(view.app, { key: '?' })
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(help.textContent).toContain('Next frame or slice')
    expect(help.textContent).toContain('Raise the level')
    fireEvent.keyDown(help, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    // Invert from the toolbar.
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Invert' }))
    expect(view.viewports.at(-1)!.invert).toBe(!frame.invert)
  })

  it('a preset repaints the canvas with the new window, pixel for pixel', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const view = await renderExact(data)
    await view.waitRendered(0)
    view.rerender(
      <DicomViewer
        data={data}
        viewport={{
          scale: 1,
          translation: { x: 0, y: 0 },
          pixelReplication: true,
          windowWidth: 1500,
          windowCenter: -600,
        }}
        onImageRendered={() => undefined}
        style={{ minHeight: 0 }}
        toolbar={false}
      />,
    )
    await waitFor(async () =>
      expect(compareRgb(await view.canvas(), expectedRgb(frame, -600, 1500), 2).over).toBe(0),
    )
  })

  it('colour images have no window: no W/L readout, presets, colour map or W/L drag mode', async () => {
    const data = await dicomFixture('SC_rgb_jpeg_dcmtk.dcm')
    const view = await renderExact(data, { toolbar: true })
    await view.waitRendered(0)
    const toolbar = screen.getByRole('toolbar')
    expect(within(toolbar).queryByRole('combobox')).toBeNull()
    expect(within(toolbar).queryByRole('button', { name: 'W/L' })).toBeNull()
    expect(within(toolbar).queryByRole('button', { name: 'Invert' })).toBeNull()
    expect(view.box.querySelector('[data-viewer-overlay]')!.textContent).not.toMatch(/W -?\d/)
    cleanup()
    render(<DicomViewer data={data} toolbar={false} />)
    expect(screen.queryByRole('toolbar')).toBeNull()
  })

  it('RT Dose units: Gy (or relative) times DoseGridScaling', async () => {
    const data = await dicomFixture('rtdose.dcm')
    // The fixture says Dose Units RELATIVE, Dose Grid Scaling 1e-6.
    expect(dicomUnits(data)).toEqual({ unit: 'relative', scale: 1e-6 })
    const dataSet = Object.create(data.dataSet)
    dataSet.string = (tag: string) => (tag === 'x30040002' ? 'GY' : data.dataSet.string(tag))
    expect(dicomUnits({ ...data, dataSet })).toEqual({ unit: 'Gy', scale: 1e-6 })
    // A Rescale Slope already turns stored values into dose: no second scaling.
    dataSet.floatString = (tag: string) => (tag === 'x00281053' ? 2 : data.dataSet.floatString(tag))
    expect(dicomUnits({ ...data, dataSet })).toEqual({ unit: 'Gy', scale: 1 })
  })

  it('RT Dose opens in the hot colour map with a colour bar in dose units', async () => {
    const data = await dicomFixture('rtdose.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const units = dicomUnits(data)
    const view = await renderExact(data, { colormap: undefined })
    await view.waitRendered(0)
    const grey = expectedRgb(frame, frame.windowCenter, frame.windowWidth)
    expect(colormapMismatches(await view.canvas(), grey, colormapTable('hot'))).toBe(0)
    const bar = view.box.querySelector('[data-colorbar="hot"]') as HTMLElement
    const high = (frame.windowCenter + frame.windowWidth / 2) * units.scale
    expect(bar.querySelector('[data-tick="high"]')!.textContent).toBe(
      `${Number(high.toPrecision(3))} relative`,
    )
    // Switching to viridis repaints through that map; grayscale removes the bar.
    view.rerender(
      <DicomViewer
        data={data}
        viewport={{ scale: 1, translation: { x: 0, y: 0 }, pixelReplication: true }}
        colormap="viridis"
        toolbar={false}
        style={{ minHeight: 0 }}
      />,
    )
    await waitFor(async () =>
      expect(colormapMismatches(await view.canvas(), grey, colormapTable('viridis'))).toBe(0),
    )
    view.rerender(
      <DicomViewer
        data={data}
        viewport={{ scale: 1, translation: { x: 0, y: 0 }, pixelReplication: true }}
        colormap="grayscale"
        toolbar={false}
        style={{ minHeight: 0 }}
      />,
    )
    await waitFor(async () => expect(compareRgb(await view.canvas(), grey, 2).over).toBe(0))
    expect(view.box.querySelector('[data-colorbar]')).toBeNull()
  })

  it('interpolation: smooth by default, pixelated on request', async () => {
    const data = await dicomFixture('MR_small.dcm')
    const smooth: DicomViewport[] = []
    const { unmount } = render(
      <div style={{ width: 256, height: 256 }}>
        <DicomViewer data={data} toolbar={false} onViewportChange={(v) => smooth.push(v)} />
      </div>,
    )
    const app = screen.getByRole('application')
    await waitFor(() => expect(app.querySelector('[data-viewer-overlay]')).not.toBeNull())
    const cs = await cornerstone()
    const element = app.querySelector('[data-dicom-element]') as HTMLElement
    expect(cs.getViewport(element)!.pixelReplication).toBe(false)
    unmount()
    render(
      <div style={{ width: 256, height: 256 }}>
        <DicomViewer data={data} toolbar={false} interpolation="pixelated" />
      </div>,
    )
    const app2 = screen.getByRole('application')
    await waitFor(() => expect(app2.querySelector('[data-viewer-overlay]')).not.toBeNull())
    expect(cs.getViewport(app2.querySelector('[data-dicom-element]') as HTMLElement)!.pixelReplication).toBe(
      true,
    )
  })
})

describe('DicomViewer annotation overlays', () => {
  it('draws a PNG mask, a box and a line on their frame, pixel for pixel, with legend toggles, opacity and chips', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const mask = { x0: 30, y0: 40, x1: 60, y1: 70 }
    const annotations = [
      annotation({
        id: 'm1',
        identifier: 'Liver',
        annotation_type: 'segmentation',
        frame_index: 0,
        fileBytes: await rectPng(128, 128, mask),
      }),
      annotation({
        id: 'b1',
        identifier: 'Nodule box',
        annotation_type: 'square',
        frame_index: 0,
        geometry: {
          points: [
            [80, 20, 0],
            [99, 39, 0],
          ],
        },
      }),
      annotation({
        id: 'l1',
        identifier: 'Midline',
        annotation_type: 'line',
        geometry: {
          points: [
            [10, 100, 0],
            [110, 100, 0],
          ],
        },
      }),
      // On another frame: not drawn on frame 0.
      annotation({
        id: 'b2',
        identifier: 'Elsewhere',
        annotation_type: 'square',
        frame_index: 1,
        geometry: {
          points: [
            [5, 5],
            [20, 20],
          ],
        },
      }),
      annotation({ id: 'c1', identifier: 'finding', annotation_type: 'category', text_value: 'nodule' }),
    ]
    const view = await renderExact(data, { annotations })
    await view.waitRendered(0)
    const layer = view.box.querySelector('[data-annotation-layer]') as HTMLCanvasElement
    const read = () => layer.getContext('2d')!.getImageData(0, 0, 128, 128).data
    const at = (p: Uint8ClampedArray, x: number, y: number) =>
      Array.from(p.slice((y * 128 + x) * 4, (y * 128 + x) * 4 + 4))
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 3)
    const inMask = (x: number, y: number) => x >= mask.x0 && x < mask.x1 && y >= mask.y0 && y < mask.y1
    // Wait for the PNG to decode and the layer to draw it.
    await waitFor(() => expect(at(read(), 40, 50)[3]).toBeGreaterThan(0))
    let pixels = read()
    let wrong = 0
    for (let y = 0; y < 90; y++) {
      for (let x = 0; x < 75; x++) {
        const expected = inMask(x, y) ? [230, 25, 75, 128] : [0, 0, 0, 0]
        if (!near(at(pixels, x, y), expected)) wrong++
      }
    }
    expect(wrong).toBe(0)
    // The box's edge in the second label's colour, its inside clear; the line in the third's.
    expect(at(pixels, 80, 30)).toEqual([60, 180, 75, 255])
    expect(at(pixels, 90, 30)[3]).toBe(0)
    expect(at(pixels, 60, 100)).toEqual([0, 130, 200, 255])
    expect(at(pixels, 10, 10)[3]).toBe(0) // the frame-1 box
    // Legend: one toggle per drawn label; hiding Liver clears its pixels; opacity 100 % paints them opaque.
    const legend = screen.getByRole('group', { name: 'Annotations' })
    expect(
      within(legend)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Liver', 'Nodule box', 'Midline', 'Elsewhere'])
    fireEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    await waitFor(() => expect(at(read(), 40, 50)[3]).toBe(0))
    fireEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    fireEvent.change(within(legend).getByRole('slider'), { target: { value: '100' } })
    await waitFor(() => expect(at(read(), 40, 50)).toEqual([230, 25, 75, 255]))
    // Classification labels are chips.
    expect(view.box.querySelector('[data-annotation-chips]')!.textContent).toBe('finding: nodule')
    // The layer follows the viewport: zoomed 2× about the centre, mask pixel (30, 40) lands at canvas (-4, 16).
    view.rerender(
      <DicomViewer
        data={data}
        annotations={annotations}
        viewport={{ scale: 2, translation: { x: 0, y: 0 }, pixelReplication: true }}
        toolbar={false}
        style={{ minHeight: 0 }}
        colormap="grayscale"
      />,
    )
    await waitFor(() => {
      pixels = read()
      expect(at(pixels, 0, 16)[3]).toBeGreaterThan(0)
      expect(at(pixels, 0, 15)[3]).toBe(0)
      expect(at(pixels, 55, 16)[3]).toBeGreaterThan(0) // (30 + 30) px wide → ends at canvas x 55
      expect(at(pixels, 56, 16)[3]).toBe(0)
    })
  })
})

describe('DicomViewer draws synchronously', () => {
  // The root cause of the multi-frame flakes (issue 11): a resize of the element (the old toolbar under the
  // image grew the box after the first draw) set the canvas size, which clears it, and left the redraw to
  // cornerstone's next animation frame; a test (or a screenshot) reading the canvas in between saw a blank or
  // half-old picture. The viewer now redraws inside its ResizeObserver callback.
  it('a resize redraws at once: an observer called right after the viewer reads the full picture', async () => {
    const data = await dicomFixture('CT_small.dcm')
    const frame = await decodeDicomFrame(data, 0)
    const view = await renderExact(data)
    await view.waitRendered(0)
    const element = view.box.querySelector('[data-dicom-element]') as HTMLElement
    // ResizeObserver callbacks run in creation order within one rendering step: this one follows the viewer's.
    const seen = new Promise<Uint8ClampedArray>((resolve) => {
      const observer = new ResizeObserver(() => {
        const canvas = view.box.querySelector('canvas') as HTMLCanvasElement
        if (canvas.height !== data.rows + 12) return
        observer.disconnect()
        resolve(canvas.getContext('2d')!.getImageData(0, 6, data.columns, data.rows).data)
      })
      observer.observe(element)
    })
    view.box.style.height = `${data.rows + 12}px`
    const pixels = await seen
    // Centred at scale 1: the picture starts 6 rows down, pixel for pixel.
    expect(compareRgb(pixels, expectedRgb(frame, frame.windowCenter, frame.windowWidth), 2).over).toBe(0)
  })
})

describe('DicomViewer cleanup', () => {
  it('100 mount/unmount cycles leave no enabled element and no cache entry', async () => {
    const cs = await cornerstone()
    const datasets = await Promise.all([dicomFixture('CT_small.dcm'), dicomFixture('SC_rgb_rle_2frame.dcm')])
    for (let i = 0; i < 100; i++) {
      const data = datasets[i % 2]
      const rendered: number[] = []
      const viewer = (
        <div style={{ width: 100, height: 100 }}>
          <DicomViewer data={data} onImageRendered={(f) => rendered.push(f)} />
        </div>
      )
      // Every fourth cycle in StrictMode: effects run, clean up and run again.
      const { unmount } = render(i % 4 === 1 ? <StrictMode>{viewer}</StrictMode> : viewer)
      // Every third cycle unmounts while the frame is still loading.
      if (i % 3 !== 0) await waitFor(() => expect(rendered.length).toBeGreaterThan(0), { timeout: 10_000 })
      else await act(async () => {})
      unmount()
    }
    await waitFor(() => {
      expect(cs.getEnabledElements()).toHaveLength(0)
      expect(cs.imageCache.getCacheInfo().numberOfImagesCached).toBe(0)
      expect(cs.imageCache.getCacheInfo().cacheSizeInBytes).toBe(0)
    })
    expect(cs.imageCache.getCacheInfo().maximumSizeInBytes).toBe(256 * 1024 * 1024)
  })
})
