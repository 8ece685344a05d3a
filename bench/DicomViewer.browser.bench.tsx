// Chromium: bytes → first painted frame of a 512×512 16-bit image in DicomViewer (target < 30 ms) and
// window/level re-render (target < 8 ms). Prints figures; asserts nothing. Run: npm run bench -- browser
import { createRoot, type Root } from 'react-dom/client'
import { it } from 'vitest'
import type { DicomData } from '../src/api/format/ConvertedData.js'
import { convertFormat } from '../src/api/format/convertFormat.js'
import { DicomViewer, type DicomViewerProps } from '../src/viewers/DicomViewer.js'
import { decodeDicomFrame } from '../src/viewers/decode/decodeDicomFrame.js'
import { type Cornerstone, drawNow } from '../src/viewers/dicom/Cornerstone.js'
import { cs, ds, ow, ui, us, writeDicom } from '../test/viewers/decode/buildDicom.js'

/** A 512×512 signed 16-bit CT-like slice (a disc of soft tissue with bone ring, air outside), Explicit VR LE. */
function ct512(): Uint8Array {
  const n = 512
  const pixels = new Int16Array(n * n)
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(x - 256, y - 256)
      pixels[y * n + x] = r > 230 ? -1000 : r > 210 ? 1200 + ((x * 7 + y * 3) % 200) : 40 + ((x ^ y) % 60)
    }
  }
  return writeDicom([
    ui(0x00080016, '1.2.840.10008.5.1.4.1.1.2'),
    cs(0x00080060, 'CT'),
    us(0x00280002, 1),
    cs(0x00280004, 'MONOCHROME2'),
    us(0x00280010, n),
    us(0x00280011, n),
    ds(0x00280030, '0.7\\0.7'),
    us(0x00280100, 16),
    us(0x00280101, 16),
    us(0x00280102, 15),
    us(0x00280103, 1),
    ds(0x00281050, '40'),
    ds(0x00281051, '400'),
    ds(0x00281052, '0'),
    ds(0x00281053, '1'),
    ow(0x7fe00010, pixels),
  ])
}

function stats(label: string, times: number[], target: number) {
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[sorted.length >> 1]
  const p90 = sorted[Math.floor(sorted.length * 0.9)]
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(2)} ms  p90 ${p90.toFixed(2)} ms  min ${sorted[0].toFixed(2)} ms  (target < ${target} ms, n=${times.length})`,
  )
}

function mount(props: DicomViewerProps): { root: Root; box: HTMLDivElement } {
  const box = document.createElement('div')
  box.style.width = '512px'
  box.style.height = '512px'
  document.body.append(box)
  const root = createRoot(box)
  root.render(<DicomViewer {...props} />)
  return { root, box }
}

const cleanupLater: Array<() => void> = []

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))

it('DicomViewer in Chromium: bytes → first painted frame, window/level re-render', async () => {
  const bytes = ct512()
  const cornerstone = (await import('cornerstone-core')).default as Cornerstone

  // Parts, for the breakdown.
  const parse: number[] = []
  const decode: number[] = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    const data = convertFormat(bytes) as DicomData
    const t1 = performance.now()
    await decodeDicomFrame(data, 0)
    const t2 = performance.now()
    parse.push(t1 - t0)
    decode.push(t2 - t1)
  }

  const firstPaint: number[] = []
  const firstScreen: number[] = []
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now()
    let drawn = 0
    const painted = new Promise<void>((resolve) => {
      const data = convertFormat(bytes) as DicomData
      const { root, box } = mount({
        data,
        onImageRendered: () => {
          drawn = performance.now()
          resolve()
        },
      })
      cleanupLater.push(() => {
        root.unmount()
        box.remove()
      })
    })
    await painted
    const onScreen = await nextFrame()
    // The first run also imports cornerstone-core: reported apart.
    if (i === 0) console.log(`first mount ever (imports cornerstone-core): ${(drawn - t0).toFixed(1)} ms`)
    else {
      firstPaint.push(drawn - t0)
      firstScreen.push(onScreen - t0)
    }
    for (const f of cleanupLater.splice(0)) f()
  }

  // Window/level: controlled viewport prop change → cornerstone drawn.
  const data = convertFormat(bytes) as DicomData
  let rendered: () => void = () => undefined
  const props = (center: number): DicomViewerProps => ({
    data,
    viewport: { windowCenter: center, windowWidth: 400 },
    onImageRendered: () => rendered(),
  })
  const { root, box } = mount(props(40))
  await new Promise<void>((r) => {
    rendered = r
  })
  const reactWl: number[] = []
  for (let i = 1; i <= 60; i++) {
    const t0 = performance.now()
    await new Promise<void>((r) => {
      rendered = r
      root.render(<DicomViewer {...props(40 + i * 5)} />)
    })
    reactWl.push(performance.now() - t0)
  }
  // The same without React: cornerstone.setViewport + render now. Timer resolution in Chromium is 0.1 ms:
  // time batches of 10 renders.
  const element = box.querySelector('[data-dicom-element]') as HTMLElement
  const rawWl: number[] = []
  for (let batch = 0; batch < 10; batch++) {
    const t0 = performance.now()
    for (let i = 1; i <= 10; i++) {
      cornerstone.setViewport(element, {
        voi: { windowCenter: 40 - (batch * 10 + i) * 5, windowWidth: 400 + i },
      })
      drawNow(cornerstone, element)
    }
    rawWl.push((performance.now() - t0) / 10)
  }
  root.unmount()
  box.remove()

  console.log('\nDicomViewer, 512×512 signed 16-bit CT-like image, Explicit VR LE')
  stats('convertFormat (parse bytes)', parse, 30)
  stats('decodeDicomFrame (native 16-bit)', decode, 30)
  stats('bytes → first frame drawn on the canvas (mount, decode, draw)', firstPaint, 30)
  stats('bytes → first frame on screen (+ next animation frame)', firstScreen, 30)
  stats('window/level re-render via props (React → canvas drawn)', reactWl, 8)
  stats('window/level re-render, cornerstone setViewport + render', rawWl, 8)
})
