/// <reference types="vite/client" />
// Thumbnails in Chromium: sizes that keep the aspect ratio, the file's own window on DICOM (checked pixel by
// pixel against the DICOM linear window formula), colour kept for RGB, NIfTI and images scaled, none for video.
import { describe, expect, it } from 'vitest'
import type { DicomData } from '../../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../../src/api/format/convertFormat.js'
import { decodeDicomFrame } from '../../../src/viewers/decode/decodeDicomFrame.js'
import { renderThumbnail, type ThumbnailImage } from '../../../src/viewers/thumbnail/renderThumbnail.js'

const urls = import.meta.glob<string>(
  [
    '../../fixtures/dicom/*.dcm',
    '../../fixtures/nifti/anatomical.nii',
    '../../fixtures/image/*',
    '../../fixtures/video/*.mp4',
  ],
  { query: '?url', import: 'default', eager: true },
)

async function convert(name: string, mimetype?: string) {
  const key = Object.keys(urls).find((k) => k.endsWith(`/${name}`))
  if (!key) throw new Error(`no fixture ${name}`)
  return convertFormat(new Uint8Array(await (await fetch(urls[key])).arrayBuffer()), mimetype)
}

function greys(t: ThumbnailImage): Set<number> {
  const seen = new Set<number>()
  for (let i = 0; i < t.rgba.length; i += 4) seen.add(t.rgba[i])
  return seen
}

describe('renderThumbnail', () => {
  it('CT_small (128²) at 64: every pixel is the source pixel under it through the file’s own window', async () => {
    const dicom = (await convert('CT_small.dcm')) as DicomData
    const thumb = await renderThumbnail(dicom, 64)
    if (!thumb) throw new Error('no thumbnail')
    expect([thumb.width, thumb.height]).toEqual([64, 64])
    const frame = await decodeDicomFrame(dicom, 0)
    const c = frame.windowCenter
    const w = frame.windowWidth
    let worst = 0
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const v = frame.pixelData[(2 * y + 1) * 128 + 2 * x + 1] * frame.slope + frame.intercept
        // PS3.3 C.11.2.1.2.1, output range 0..255.
        const expected =
          v <= c - 0.5 - (w - 1) / 2
            ? 0
            : v > c - 0.5 + (w - 1) / 2
              ? 255
              : ((v - (c - 0.5)) / (w - 1) + 0.5) * 255
        const o = (y * 64 + x) * 4
        worst = Math.max(worst, Math.abs(thumb.rgba[o] - expected))
        expect(thumb.rgba[o + 1]).toBe(thumb.rgba[o])
        expect(thumb.rgba[o + 3]).toBe(255)
      }
    }
    expect(worst).toBeLessThanOrEqual(1)
    expect(greys(thumb).size).toBeGreaterThan(32)
  })

  it('a small image is never scaled up; RGB keeps its colours', async () => {
    const thumb = await renderThumbnail(await convert('SC_rgb_rle_2frame.dcm'), 512)
    if (!thumb) throw new Error('no thumbnail')
    const dicom = (await convert('SC_rgb_rle_2frame.dcm')) as DicomData
    expect([thumb.width, thumb.height]).toEqual([dicom.columns, dicom.rows])
    let coloured = 0
    for (let i = 0; i < thumb.rgba.length; i += 4) if (thumb.rgba[i] !== thumb.rgba[i + 1]) coloured++
    expect(coloured).toBeGreaterThan(0)
  })

  it('NIfTI: the middle axial slice, fitted with its voxel aspect, with content', async () => {
    const nifti = await convert('anatomical.nii')
    if (nifti.kind !== 'nifti') throw new Error('not NIfTI')
    const thumb = await renderThumbnail(nifti, 32)
    if (!thumb) throw new Error('no thumbnail')
    expect(Math.max(thumb.width, thumb.height)).toBe(32)
    expect(greys(thumb).size).toBeGreaterThan(8)
  })

  it('images are scaled by the browser to fit; videos have no thumbnail', async () => {
    const image = await convert('ct_small.png')
    if (image.kind !== 'image') throw new Error('not an image')
    const thumb = await renderThumbnail(image, 16)
    if (!thumb) throw new Error('no thumbnail')
    expect(Math.max(thumb.width, thumb.height)).toBe(16)
    expect(thumb.rgba.length).toBe(thumb.width * thumb.height * 4)
    expect(await renderThumbnail(await convert('ct_rotate.mp4', 'video/mp4'), 64)).toBeUndefined()
  })
})
