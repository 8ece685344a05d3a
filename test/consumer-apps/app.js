// The consumer app, as a user would write it against the installed tarball (plain JS, no JSX, so neither
// Vite nor webpack needs any configuration). For each fixture in /fixtures/files.json it decodes frame 0
// with decodeDicomFrame (checksum of the stored values) and shows the file in a DicomViewer (cornerstone-core
// and the codec, drawn on a canvas), then publishes the results on `window.consumerAppResults`.
import { convertFormat } from 'datamint-react'
import { DicomViewer, decodeDicomFrame } from 'datamint-react/viewers'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

async function sha256(pixels) {
  const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength).slice()
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Most distinct colours on one of the viewer's canvases (1 = blank), at most 64 counted. */
function distinctColours(host) {
  let most = 0
  for (const canvas of host.querySelectorAll('canvas')) {
    if (canvas.width === 0 || canvas.height === 0) continue
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
    const colours = new Set()
    for (let i = 0; i < data.length && colours.size < 64; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
    }
    most = Math.max(most, colours.size)
  }
  return most
}

/** Mounts a DicomViewer and waits for its `onImageRendered` (or the error it shows). */
async function renderViewer(dicom, name) {
  const host = document.createElement('div')
  host.style.cssText = 'width: 256px; height: 256px'
  document.body.append(host)
  const root = createRoot(host)
  let rendered = false
  root.render(
    createElement(DicomViewer, { data: dicom, label: name, onImageRendered: () => (rendered = true) }),
  )
  try {
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const alert = host.querySelector('[role="alert"]')
      if (alert) throw new Error(`DicomViewer shows an error: ${alert.textContent}`)
      const colours = rendered ? distinctColours(host) : 0
      if (colours > 8) return colours
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`DicomViewer ${rendered ? 'drew a blank canvas' : 'rendered no image'} within 30 s`)
  } finally {
    root.unmount()
    host.remove()
  }
}

async function run() {
  const files = await (await fetch('/fixtures/files.json')).json()
  const results = []
  for (const { name } of files) {
    window.consumerAppProgress = name
    try {
      const bytes = new Uint8Array(await (await fetch(`/fixtures/${name}`)).arrayBuffer())
      const dicom = convertFormat(bytes, 'application/dicom')
      if (dicom.kind !== 'dicom') throw new Error(`converted to ${dicom.kind}, not dicom`)
      const frame = await decodeDicomFrame(dicom, 0)
      const checksum = await sha256(frame.pixelData)
      const colours = await renderViewer(dicom, name)
      results.push({ name, checksum, colours })
    } catch (error) {
      results.push({ name, error: String(error?.stack ?? error) })
    }
  }
  return results
}

window.consumerAppResults = run()
