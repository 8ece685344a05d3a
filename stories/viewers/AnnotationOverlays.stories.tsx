import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import { convertFormat, type DicomData, type NiftiData } from '../../src/api/index.js'
import {
  DicomViewer,
  NiftiViewer,
  niftiSliceGeometry,
  ResourceFileViewer,
  type ViewerAnnotation,
} from '../../src/viewers/index.js'
import { annotation, rectPng } from '../../test/viewers/support/annotationFixtures.js'
import { fixtures, loadFixture } from '../fixtures.js'
import { ResourcePicker } from './ResourcePicker.js'

const meta = {
  title: 'Viewers/Annotation overlays',
  tags: ['autodocs'],
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The RGBA pixels of the annotation layer inside `root`. */
function layerPixels(root: HTMLElement) {
  const layer = root.querySelector<HTMLCanvasElement>('[data-annotation-layer]')
  if (!layer) throw new Error('No annotation layer')
  return {
    width: layer.width,
    height: layer.height,
    data: layer.getContext('2d')!.getImageData(0, 0, layer.width, layer.height).data,
  }
}

/** Layer pixels drawn in `rgb` (±3, any opacity). */
function pixelsOf(root: HTMLElement, rgb: readonly number[]): number {
  const { data } = layerPixels(root)
  let n = 0
  for (let i = 0; i < data.length; i += 4) {
    if (
      data[i + 3] > 0 &&
      Math.abs(data[i] - rgb[0]) <= 3 &&
      Math.abs(data[i + 1] - rgb[1]) <= 3 &&
      Math.abs(data[i + 2] - rgb[2]) <= 3
    )
      n++
  }
  return n
}

const LIVER = [230, 25, 75]
const BOX = [60, 180, 75]
const LINE = [0, 130, 200]

/**
 * CT_small with a segmentation mask (a PNG covering x 30–59, y 40–69), a box and a line from annotation
 * geometry, and a classification label as a chip. The legend toggles each label; masks are drawn at 50 %.
 */
export const CtMasksBoxesLines: Story = {
  loaders: [
    async () => {
      const data = convertFormat(await loadFixture(fixtures.ctSmall), fixtures.ctSmall.mimetype) as DicomData
      const annotations: ViewerAnnotation[] = [
        annotation({
          id: 'm1',
          identifier: 'Liver',
          annotation_type: 'segmentation',
          frame_index: 0,
          fileBytes: await rectPng(128, 128, { x0: 30, y0: 40, x1: 60, y1: 70 }),
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
        annotation({ id: 'c1', identifier: 'finding', annotation_type: 'category', text_value: 'nodule' }),
      ]
      return { data, annotations }
    },
  ],
  render: (_, { loaded }) => (
    <div style={{ height: 440, maxWidth: 560 }}>
      <DicomViewer
        data={loaded.data as DicomData}
        annotations={loaded.annotations as ViewerAnnotation[]}
        hidePatientInfo
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // The fitted image is 128 px scaled by s: the mask covers (30·s)² screen pixels, in the first label's colour.
    await waitFor(() => expect(pixelsOf(canvasElement, LIVER)).toBeGreaterThan(900 * 4))
    await expect(pixelsOf(canvasElement, BOX)).toBeGreaterThan(100)
    await expect(pixelsOf(canvasElement, LINE)).toBeGreaterThan(100)
    await expect(canvas.getByText('finding: nodule')).toBeVisible()
    const legend = canvas.getByRole('group', { name: 'Annotations' })
    await userEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    await waitFor(() => expect(pixelsOf(canvasElement, LIVER)).toBe(0))
    await userEvent.click(within(legend).getByRole('button', { name: 'Liver' }))
    await waitFor(() => expect(pixelsOf(canvasElement, LIVER)).toBeGreaterThan(900 * 4))
  },
}

/**
 * anatomical.nii with a label volume (voxels 10–19 × 15–29 × 8–15) drawn in all three planes: the label volume
 * is resampled into each displayed slice through the two affines (patient space).
 */
export const NiftiLabelVolumeThreePlanes: Story = {
  loaders: [
    async () => {
      const bytes = await loadFixture(fixtures.anatomical)
      const data = convertFormat(bytes, fixtures.anatomical.mimetype) as NiftiData
      const [nx, ny, nz] = data.dims
      const labels = bytes.slice()
      const view = new DataView(labels.buffer)
      const offset = Number(data.header.vox_offset)
      for (let k = 0; k < nz; k++)
        for (let j = 0; j < ny; j++)
          for (let i = 0; i < nx; i++) {
            const inside = i >= 10 && i < 20 && j >= 15 && j < 30 && k >= 8 && k < 16
            view.setInt16(offset + 2 * (i + nx * (j + ny * k)), inside ? 1 : 0, false) // big-endian file
          }
      const annotations = [
        annotation({ id: 's1', identifier: 'Lesion', annotation_type: 'segmentation', fileBytes: labels }),
      ]
      return { data, annotations }
    },
  ],
  render: (_, { loaded }) => (
    <div style={{ height: 460, maxWidth: 560 }}>
      <NiftiViewer data={loaded.data as NiftiData} annotations={loaded.annotations as ViewerAnnotation[]} />
    </div>
  ),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const data = loaded.data as NiftiData
    // Slices through the box and how many label pixels each must show (its cross-section).
    const planes = [
      { plane: 'axial', index: 12, count: 10 * 15 },
      { plane: 'coronal', index: 22, count: 10 * 8 },
      { plane: 'sagittal', index: data.dims[0] - 1 - 15, count: 15 * 8 },
    ] as const
    for (const { plane, index, count } of planes) {
      await userEvent.click(canvas.getByRole('button', { name: plane[0].toUpperCase() + plane.slice(1) }))
      fireEvent.change(canvas.getByRole('slider', { name: 'Slice' }), {
        target: { value: String(index + 1) },
      })
      const g = niftiSliceGeometry(data, plane)
      await waitFor(() => {
        const layer = layerPixels(canvasElement)
        expect([layer.width, layer.height]).toEqual([g.width, g.height])
        expect(pixelsOf(canvasElement, LIVER)).toBe(count)
      })
    }
  },
}

/**
 * `ResourceFileViewer showAnnotations` on the in-browser server: CT_small's annotations (a box on frame 0, a
 * "finding: nodule" category) are loaded through the hooks and drawn.
 */
export const ResourceFileViewerWithAnnotations: Story = {
  render: () => (
    <ResourcePicker preferredFilename="CT_small.dcm">
      {(id, filename) => <ResourceFileViewer resourceId={id} filename={filename} showAnnotations />}
    </ResourcePicker>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const legend = await canvas.findByRole('group', { name: 'Annotations' }, { timeout: 15000 })
    await expect(within(legend).getByRole('button', { name: 'Nodule box' })).toBeVisible()
    await expect(await canvas.findByText('finding: nodule')).toBeVisible()
    await waitFor(() => expect(pixelsOf(canvasElement, LIVER)).toBeGreaterThan(100))
  },
}
