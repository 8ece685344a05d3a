import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { FormatError } from '../../src/api/errors.js'
import type { DicomData, NiftiData } from '../../src/api/format/ConvertedData.js'
import { convertFormat } from '../../src/api/format/convertFormat.js'
import { DicomViewer } from '../../src/viewers/DicomViewer.js'
import { decodeDicomFrame } from '../../src/viewers/decode/decodeDicomFrame.js'
import { NiftiViewer } from '../../src/viewers/NiftiViewer.js'
import { ResourceViewer } from '../../src/viewers/ResourceViewer.js'
import j2kLossless from '../fixtures/generated/MR_small_j2k_lossless.dcm?url'
import { encapsulatedImage, jpegLsHeaderOnly } from '../fuzz/hostileDicom.js'
import { fixtureBytes } from './support/fixtures.js'

// Viewer robustness in a real tab (issue 10): hostile data that converts shows the library's error view (or its
// image when the decoder accepts it), never a crash. The regression files are those of test/fixtures/hostile/.
const hostileUrls = import.meta.glob('../fixtures/hostile/*.bin', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>

afterEach(() => cleanup())

async function bytesAt(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/** What decodeDicomFrame makes of frame 0: 'image', or the FormatError's message. */
async function expectedFrame0(data: DicomData): Promise<string> {
  try {
    await decodeDicomFrame(data, 0)
    return 'image'
  } catch (error) {
    if (!(error instanceof FormatError)) throw error
    return error.message
  }
}

/** Renders `data` in DicomViewer and waits for what decodeDicomFrame says: its image, or its error in the alert. */
async function showsDecodeResult(data: DicomData, label: string): Promise<string> {
  const expected = await expectedFrame0(data)
  const rendered: number[] = []
  const { unmount } = render(
    <div style={{ width: 200, height: 200 }}>
      <DicomViewer data={data} onImageRendered={(f) => rendered.push(f)} />
    </div>,
  )
  if (expected === 'image') {
    await waitFor(() => expect(rendered, label).toEqual([0]), { timeout: 20_000 })
  } else {
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 })
    // A C++ exception from a codec is reported by its address, which differs from one decode to the next.
    const stable = (text: string) => text.replace(/codec error \d+/g, 'codec error #')
    expect(stable(alert.textContent ?? ''), label).toContain(stable(expected))
    expect(rendered, label).toEqual([])
  }
  unmount()
  return expected
}

describe('viewers given hostile data', () => {
  it('every regression file of test/fixtures/hostile that converts: the frame or the decoder’s error', async () => {
    const urls = Object.entries(hostileUrls)
    expect(urls.length).toBeGreaterThan(0)
    const outcomes: string[] = []
    for (const [path, url] of urls) {
      let data: ReturnType<typeof convertFormat>
      try {
        data = convertFormat(await bytesAt(url))
      } catch (error) {
        expect(error, path).toBeInstanceOf(FormatError)
        continue
      }
      if (data.kind !== 'dicom') continue
      outcomes.push(await showsDecodeResult(data, path))
    }
    // The JPEG-LS files cut short (found by npm run fuzz) end in the error view, not a frozen tab.
    expect(outcomes.some((o) => o.includes('does not end with an EOI marker'))).toBe(true)
  }, 120_000)

  it('a codestream declaring 16000×16000 (allowed) with four bytes of data: the error view', async () => {
    const data = convertFormat(
      encapsulatedImage('1.2.840.10008.1.2.4.80', 16000, 16000, jpegLsHeaderOnly(16000)),
    )
    expect(data.kind).toBe('dicom')
    const message = await showsDecodeResult(data as DicomData, 'JPEG-LS 16000²')
    expect(message).toMatch(
      /^DICOM frame 0: JPEG-LS Lossless: the codestream \(\d+ bytes\) could not be decoded/,
    )
  }, 60_000)

  it('a JPEG 2000 codestream in an HTJ2K data set: the codec’s diagnostic in the error view, through ResourceViewer', async () => {
    const j2k = convertFormat(await bytesAt(j2kLossless)) as DicomData
    const fragment = j2k.dataSet.elements.x7fe00010.fragments![0]
    const codestream = j2k.dataSet.byteArray.subarray(fragment.position, fragment.position + fragment.length)
    const data = convertFormat(encapsulatedImage('1.2.840.10008.1.2.4.201', 64, 64, Array.from(codestream)))
    render(
      <div style={{ width: 200, height: 200 }}>
        <ResourceViewer data={data} />
      </div>,
    )
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 })
    expect(alert.textContent).toContain('Rsiz bit 14 is not set')
  }, 60_000)

  it('NIfTI volumes with absurd but allowed headers: NaN affine, 1e30 / Infinity voxel sizes, 1×1×100000', async () => {
    const anatomical = convertFormat(await fixtureBytes('anatomical.nii')) as NiftiData
    const cases: Array<[string, NiftiData]> = [
      ['NaN affine', { ...anatomical, affine: anatomical.affine.map((r) => r.map(() => Number.NaN)) }],
      ['absurd voxel sizes', { ...anatomical, pixDims: [1e30, 1e-30, Number.POSITIVE_INFINITY, 1] }],
      [
        '1×1×100000',
        {
          ...anatomical,
          dims: [1, 1, 100_000, 1],
          voxels: new Int16Array(100_000).fill(7),
          affine: [
            [1, 0, 0, 0],
            [0, 1, 0, 0],
            [0, 0, 1, 0],
            [0, 0, 0, 1],
          ],
        },
      ],
    ]
    for (const [label, data] of cases) {
      const { unmount, container } = render(
        <div style={{ width: 300, height: 300 }}>
          <NiftiViewer data={data} />
        </div>,
      )
      // The slice is drawn and visible (pixels square when the voxel sizes are absurd), no error.
      await waitFor(
        () => {
          const canvas = container.querySelector('canvas') as HTMLCanvasElement
          expect(canvas.clientWidth > 0 && canvas.clientHeight > 0, label).toBe(true)
          expect(canvas.clientWidth / canvas.clientHeight, label).toBeCloseTo(canvas.width / canvas.height, 0)
        },
        { timeout: 10_000 },
      )
      expect(container.querySelector('[role="alert"]'), label).toBeNull()
      unmount()
    }
  }, 60_000)
})
