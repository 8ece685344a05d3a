import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { type ConvertedData, convertFormat } from '../../src/api/index.js'
import { describeViewerError, ResourceViewer, ViewerError } from '../../src/viewers/index.js'
import { type Fixture, fixtures, loadFixture } from '../fixtures.js'
import { expectDicomRendered } from './dicomExpectations.js'

/**
 * Every fixture file (test/fixtures: DICOM in every transfer syntax, NIfTI, images, videos) through
 * `ResourceViewer`, which picks the viewer from what `convertFormat` made of the bytes.
 */
const meta = {
  title: 'Viewers/ResourceViewer',
  component: ResourceViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) =>
    loaded.data ? (
      <div style={{ height: 420, maxWidth: 560 }}>
        <ResourceViewer {...args} data={loaded.data as ConvertedData | Uint8Array} />
      </div>
    ) : (
      // What an app shows for a file convertFormat refuses: the library's error view (Details hold the message).
      <div className="dmv-root" style={{ height: 260, maxWidth: 560, display: 'flex' }}>
        <ViewerError text={describeViewerError(loaded.convertError, { action: 'open' })} />
      </div>
    ),
} satisfies Meta<typeof ResourceViewer>

export default meta
type Story = StoryObj<typeof ResourceViewer>

type Expectation =
  | { kind: 'dicom'; frames: number }
  | { kind: 'image' | 'nifti' | 'video' }
  | { kind: 'error'; message: RegExp }

const regionNames = { image: 'Image viewer', nifti: 'NIfTI viewer', video: 'Video viewer' } as const

/** Loads and converts a fixture (keeping a conversion error to show), and checks what the viewer shows. */
function fixtureStory(fixture: Fixture, expectation: Expectation): Story {
  const filename = fixture.path.slice(fixture.path.lastIndexOf('/') + 1)
  return {
    name: filename,
    args: { filename },
    loaders: [
      async () => {
        const bytes = await loadFixture(fixture)
        try {
          return { data: convertFormat(bytes, fixture.mimetype) }
        } catch (error) {
          return { convertError: error }
        }
      },
    ],
    parameters: {
      docs: {
        description: { story: `\`${fixture.path}\`: ${fixture.description}.` },
        source: {
          language: 'tsx',
          code: `const data = convertFormat(bytes, '${fixture.mimetype}')\n<ResourceViewer data={data} filename="${filename}" />`,
        },
      },
    },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement)
      if (expectation.kind === 'dicom') return expectDicomRendered(canvasElement, expectation.frames)
      if (expectation.kind === 'error') {
        const alert = await canvas.findByRole('alert', {}, { timeout: 15000 })
        await expect(alert).toBeVisible()
        await expect(alert).toHaveTextContent(expectation.message)
        return
      }
      const region = canvas.getByRole('region', { name: regionNames[expectation.kind] })
      if (expectation.kind === 'image') {
        await waitFor(() => expect(region.querySelector('img')?.naturalWidth).toBeGreaterThan(0))
      } else if (expectation.kind === 'nifti') {
        await expect(within(region).getByRole('application')).toHaveAccessibleName(/axial slice \d+ of \d+/)
      } else {
        // Played, or the clear "cannot play" message: never a silent blank.
        await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 })
      }
    },
  }
}

/** Raw bytes (a `Uint8Array`, not converted) are shown as a hex dump. */
export const RawBytes: Story = {
  args: { filename: 'mr_small.jpg' },
  loaders: [async () => ({ data: await loadFixture(fixtures.mrJpg) })],
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Bytes viewer' })
    await expect(viewer).toBeVisible()
    // The dump starts with the JPEG's own bytes (SOI, APP0): the file is shown unconverted.
    await waitFor(() =>
      expect(viewer.querySelector('[data-offset="0"]')?.textContent).toMatch(/^00000000 {2}ff d8 ff e0/),
    )
  },
}

/** JSON content is shown as a tree. */
export const Json: Story = {
  loaders: [
    async () => ({
      data: convertFormat(
        new TextEncoder().encode('{"annotations":[{"identifier":"Nodule","frame_index":3}]}'),
        'application/json',
      ),
    }),
  ],
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('region', { name: 'JSON viewer' })).toHaveTextContent(
      'annotations',
    )
  },
}

export const CtSmall = fixtureStory(fixtures.ctSmall, { kind: 'dicom', frames: 1 })
export const CtSmallNoMeta = fixtureStory(fixtures.ctSmallNoMeta, { kind: 'dicom', frames: 1 })
export const MrSmall = fixtureStory(fixtures.mrSmall, { kind: 'dicom', frames: 1 })
export const MrImplicit = fixtureStory(fixtures.mrImplicit, { kind: 'dicom', frames: 1 })
export const MrBigEndian = fixtureStory(fixtures.mrBigEndian, { kind: 'dicom', frames: 1 })
export const MrRle = fixtureStory(fixtures.mrRle, { kind: 'dicom', frames: 1 })
export const MrJpegLs = fixtureStory(fixtures.mrJpegLs, { kind: 'dicom', frames: 1 })
export const Jpeg2000 = fixtureStory(fixtures.jpeg2000, { kind: 'dicom', frames: 1 })
export const RgbJpeg = fixtureStory(fixtures.rgbJpeg, { kind: 'dicom', frames: 1 })
export const RgbRle2Frame = fixtureStory(fixtures.rgbRle2Frame, { kind: 'dicom', frames: 2 })
export const Deflated = fixtureStory(fixtures.deflated, { kind: 'dicom', frames: 1 })
export const RtDose = fixtureStory(fixtures.rtDose, { kind: 'dicom', frames: 15 })
export const MrTruncated = fixtureStory(fixtures.mrTruncated, {
  kind: 'error',
  message: /The file is damaged.*FormatError: DICOM: truncated at byte \d+/,
})
export const CtSmallRle = fixtureStory(fixtures.ctSmallRle, { kind: 'dicom', frames: 1 })
export const Mr12bit = fixtureStory(fixtures.mr12bit, { kind: 'dicom', frames: 1 })
export const MrJpegExtended12 = fixtureStory(fixtures.mrJpegExtended12, { kind: 'dicom', frames: 1 })
export const MrJpegLsNear2 = fixtureStory(fixtures.mrJpegLsNear2, { kind: 'dicom', frames: 1 })
export const MrHtj2kLossless = fixtureStory(fixtures.mrHtj2kLossless, { kind: 'dicom', frames: 1 })
export const MrHtj2kLossy = fixtureStory(fixtures.mrHtj2kLossy, { kind: 'dicom', frames: 1 })
export const MrJ2kLossless = fixtureStory(fixtures.mrJ2kLossless, { kind: 'dicom', frames: 1 })
export const MrJ2kLossy = fixtureStory(fixtures.mrJ2kLossy, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv1 = fixtureStory(fixtures.mrJpegLosslessSv1, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv2 = fixtureStory(fixtures.mrJpegLosslessSv2, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv3 = fixtureStory(fixtures.mrJpegLosslessSv3, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv4 = fixtureStory(fixtures.mrJpegLosslessSv4, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv5 = fixtureStory(fixtures.mrJpegLosslessSv5, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv6 = fixtureStory(fixtures.mrJpegLosslessSv6, { kind: 'dicom', frames: 1 })
export const MrJpegLosslessSv7 = fixtureStory(fixtures.mrJpegLosslessSv7, { kind: 'dicom', frames: 1 })
export const Rgb2Frame = fixtureStory(fixtures.rgb2Frame, { kind: 'dicom', frames: 2 })
export const Rgb2FrameJ2kIct = fixtureStory(fixtures.rgb2FrameJ2kIct, { kind: 'dicom', frames: 2 })
export const Rgb2FrameJ2kRct = fixtureStory(fixtures.rgb2FrameJ2kRct, { kind: 'dicom', frames: 2 })
export const Rgb2FrameJpegExtended12Ybr422 = fixtureStory(fixtures.rgb2FrameJpegExtended12Ybr422, {
  kind: 'dicom',
  frames: 2,
})
export const Rgb2FrameJpegLosslessNoBot = fixtureStory(fixtures.rgb2FrameJpegLosslessNoBot, {
  kind: 'dicom',
  frames: 2,
})
export const Rgb2FrameJpegLsIlvNone = fixtureStory(fixtures.rgb2FrameJpegLsIlvNone, {
  kind: 'dicom',
  frames: 2,
})
export const Rgb2FrameJpegLsNoBot = fixtureStory(fixtures.rgb2FrameJpegLsNoBot, { kind: 'dicom', frames: 2 })
export const Rgb2FrameJpegYbr422 = fixtureStory(fixtures.rgb2FrameJpegYbr422, { kind: 'dicom', frames: 2 })
export const Rgb2FramePlanar1 = fixtureStory(fixtures.rgb2FramePlanar1, { kind: 'dicom', frames: 2 })
export const RgbHtj2kRct = fixtureStory(fixtures.rgbHtj2kRct, { kind: 'dicom', frames: 1 })
export const CtPng = fixtureStory(fixtures.ctPng, { kind: 'image' })
export const MrJpg = fixtureStory(fixtures.mrJpg, { kind: 'image' })
export const CtCropGif = fixtureStory(fixtures.ctCropGif, { kind: 'image' })
export const CtCropBmp = fixtureStory(fixtures.ctCropBmp, { kind: 'image' })
export const CtCropTiff = fixtureStory(fixtures.ctCropTiff, {
  kind: 'error',
  message: /cannot display image\/tiff images/,
})
export const CtCropWebpLossy = fixtureStory(fixtures.ctCropWebpLossy, { kind: 'image' })
export const CtCropWebpLossless = fixtureStory(fixtures.ctCropWebpLossless, { kind: 'image' })
export const CtCropWebpAlpha = fixtureStory(fixtures.ctCropWebpAlpha, { kind: 'image' })
export const Anatomical = fixtureStory(fixtures.anatomical, { kind: 'nifti' })
export const Example4d = fixtureStory(fixtures.example4d, { kind: 'nifti' })
export const AnatomicalNifti2 = fixtureStory(fixtures.anatomicalNifti2, { kind: 'nifti' })
export const CtRotateMov = fixtureStory(fixtures.ctRotateMov, { kind: 'video' })
export const CtRotateAvi = fixtureStory(fixtures.ctRotateAvi, { kind: 'video' })
export const CtRotateWebm = fixtureStory(fixtures.ctRotateWebm, { kind: 'video' })
export const CtRotateMp4 = fixtureStory(fixtures.ctRotateMp4, { kind: 'video' })
export const Test1Mp4 = fixtureStory(fixtures.test1Mp4, { kind: 'video' })
