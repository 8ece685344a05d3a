import { expect, waitFor, within } from 'storybook/test'

/** The corner overlay of the DicomViewer inside `root` (frame i/N, W/L, zoom), once the image is drawn. */
export async function dicomOverlay(root: HTMLElement, timeout = 15000): Promise<HTMLElement> {
  await waitFor(
    () => {
      const alert = within(root).queryByRole('alert')
      if (alert) throw new Error(`The viewer shows an error: ${alert.textContent}`)
      expect(root.querySelector('[data-viewer-overlay]')).not.toBeNull()
    },
    { timeout },
  )
  return root.querySelector<HTMLElement>('[data-viewer-overlay]')!
}

/** `{ ww, wl }` as the overlay prints them. */
export function windowLevel(overlay: HTMLElement): { ww: number; wl: number } {
  const match = overlay.textContent?.match(/W (-?[\d.]+) L (-?[\d.]+)/)
  if (!match) throw new Error(`No W/L in the overlay: ${overlay.textContent}`)
  return { ww: Number(match[1]), wl: Number(match[2]) }
}

/** How many different grey/colour values the drawn canvas holds (1 = blank). */
export function distinctCanvasColours(root: HTMLElement): number {
  const canvas = root.querySelector<HTMLCanvasElement>('[data-dicom-element] canvas')
  if (!canvas) throw new Error('No canvas in the DICOM viewer')
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
  const colours = new Set<number>()
  for (let i = 0; i < data.length && colours.size < 64; i += 4) {
    colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
  }
  return colours.size
}

/** The image decoded and drew a real picture: the overlay (`Frame 1/N` when multi-frame), many distinct colours. */
export async function expectDicomRendered(root: HTMLElement, frames = 1): Promise<void> {
  const overlay = await dicomOverlay(root)
  await expect(overlay).toHaveTextContent(frames > 1 ? `Frame 1/${frames}` : 'Zoom')
  await waitFor(() => expect(distinctCanvasColours(root)).toBeGreaterThan(8))
}

/** The DICOM canvas's RGBA pixels. */
export function canvasPixels(root: HTMLElement): Uint8ClampedArray {
  const canvas = root.querySelector<HTMLCanvasElement>('[data-dicom-element] canvas')
  if (!canvas) throw new Error('No canvas in the DICOM viewer')
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
}

/** How many pixels differ between two captures of the same canvas. */
export function changedPixels(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = 0
  for (let i = 0; i < Math.min(a.length, b.length); i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++
  }
  return n
}

/** Pixels that are not grey (a colour map is applied). */
export function colouredPixels(root: HTMLElement): number {
  const p = canvasPixels(root)
  let n = 0
  for (let i = 0; i < p.length; i += 4)
    if (Math.abs(p[i] - p[i + 1]) > 20 || Math.abs(p[i + 1] - p[i + 2]) > 20) n++
  return n
}

/** True when some canvas pixel is `rgb` (±2). */
export function hasColour(root: HTMLElement, rgb: readonly number[]): boolean {
  const p = canvasPixels(root)
  for (let i = 0; i < p.length; i += 4) {
    if (Math.abs(p[i] - rgb[0]) <= 2 && Math.abs(p[i + 1] - rgb[1]) <= 2 && Math.abs(p[i + 2] - rgb[2]) <= 2)
      return true
  }
  return false
}
