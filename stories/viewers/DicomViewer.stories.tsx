import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import type { DicomData } from '../../src/api/index.js'
import { DicomViewer } from '../../src/viewers/index.js'
import { type Fixture, fixtures } from '../fixtures.js'
import { dicomOverlay, expectDicomRendered, windowLevel } from './dicomExpectations.js'
import { fixtureDocs, fixtureLoader } from './fixtureLoader.js'

const meta = {
  title: 'Viewers/DicomViewer',
  component: DicomViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) => (
    <div style={{ height: 420, maxWidth: 560 }}>
      <DicomViewer {...args} data={loaded.data as DicomData} />
    </div>
  ),
} satisfies Meta<typeof DicomViewer>

export default meta
type Story = StoryObj<typeof DicomViewer>

/** A story showing one fixture, checked to decode and draw a real picture. */
function transferSyntax(fixture: Fixture, frames = 1): Story {
  return {
    loaders: [fixtureLoader(fixture)],
    parameters: fixtureDocs(fixture, 'DicomViewer'),
    play: async ({ canvasElement }) => expectDicomRendered(canvasElement, frames),
  }
}

export const ExplicitVrLittleEndian = transferSyntax(fixtures.ctSmall)
export const ImplicitVrLittleEndian = transferSyntax(fixtures.mrImplicit)
export const ExplicitVrBigEndian = transferSyntax(fixtures.mrBigEndian)
export const DeflatedExplicitVrLittleEndian = transferSyntax(fixtures.deflated)
export const RleLossless = transferSyntax(fixtures.mrRle)
export const JpegLsLossless = transferSyntax(fixtures.mrJpegLs)
export const Jpeg2000 = transferSyntax(fixtures.jpeg2000)
export const JpegBaselineColour = transferSyntax(fixtures.rgbJpeg)
export const NoFileMetaHeader = transferSyntax(fixtures.ctSmallNoMeta)
export const JpegLosslessSv1 = transferSyntax(fixtures.mrJpegLosslessSv1)
export const JpegExtended12Bit = transferSyntax(fixtures.mrJpegExtended12)
export const JpegLsNearLossless = transferSyntax(fixtures.mrJpegLsNear2)
export const Jpeg2000Lossless = transferSyntax(fixtures.mrJ2kLossless)
export const Htj2kLossless = transferSyntax(fixtures.mrHtj2kLossless)
export const Htj2kLossy = transferSyntax(fixtures.mrHtj2kLossy)
export const JpegBaselineYbr422 = transferSyntax(fixtures.rgb2FrameJpegYbr422, 2)

/** A truncated file: convertFormat refuses it with a message naming the cut element, never a crash. */
export const TruncatedFile: Story = {
  loaders: [
    async () => {
      try {
        return await fixtureLoader(fixtures.mrTruncated)()
      } catch (error) {
        return { loadError: error instanceof Error ? error.message : String(error) }
      }
    },
  ],
  render: (args, { loaded }) =>
    loaded.data ? (
      <div style={{ height: 420, maxWidth: 560 }}>
        <DicomViewer {...args} data={loaded.data as DicomData} />
      </div>
    ) : (
      <p role="alert">convertFormat refused the file: {String(loaded.loadError)}</p>
    ),
  parameters: fixtureDocs(fixtures.mrTruncated, 'DicomViewer'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15000 })
    // convertFormat already refuses it, naming the element the file ends in (the viewer is never reached).
    await expect(alert).toHaveTextContent(
      /^convertFormat refused the file: DICOM: truncated at byte \d+ while reading element \(7FE0,0010\)/,
    )
  },
}

/**
 * Left-drag adjusts window/level: dragging right widens the window, dragging down raises the level, and the
 * overlay shows the new WW/WL.
 */
export const WindowLevelDrag: Story = {
  loaders: [fixtureLoader(fixtures.ctSmall)],
  parameters: fixtureDocs(fixtures.ctSmall, 'DicomViewer'),
  play: async ({ canvasElement }) => {
    const overlay = await dicomOverlay(canvasElement)
    const before = windowLevel(overlay)
    const image = within(canvasElement).getByRole('application')
    const box = image.getBoundingClientRect()
    const x = box.left + box.width / 2
    const y = box.top + box.height / 2
    const pointer = { pointerId: 1, button: 0, buttons: 1, isPrimary: true }
    fireEvent.pointerDown(image, { ...pointer, clientX: x, clientY: y })
    for (let i = 1; i <= 5; i++) {
      fireEvent.pointerMove(image, { ...pointer, clientX: x + 12 * i, clientY: y + 6 * i })
    }
    fireEvent.pointerUp(image, { ...pointer, clientX: x + 60, clientY: y + 30 })
    await waitFor(() => {
      const after = windowLevel(overlay)
      expect(after.ww).toBeGreaterThan(before.ww)
      expect(after.wl).toBeGreaterThan(before.wl)
    })
  },
}

/** Multi-frame cine: RT dose with 15 frames; the wheel, the arrow keys and the slider move through them. */
export const MultiFrameCine: Story = {
  loaders: [fixtureLoader(fixtures.rtDose)],
  parameters: fixtureDocs(fixtures.rtDose, 'DicomViewer'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const overlay = await dicomOverlay(canvasElement)
    await expect(overlay).toHaveTextContent('Frame 1/15')
    const image = canvas.getByRole('application')
    fireEvent.wheel(image.querySelector('[data-dicom-element]')!, { deltaY: 100 })
    await waitFor(() => expect(overlay).toHaveTextContent('Frame 2/15'))
    image.focus()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    await waitFor(() => expect(overlay).toHaveTextContent('Frame 4/15'))
    await userEvent.keyboard('{End}')
    await waitFor(() => expect(overlay).toHaveTextContent('Frame 15/15'))
    await expect(image).toHaveAccessibleName('DICOM viewer: frame 15 of 15')
    await expect(canvas.getByRole('slider', { name: 'Frame' })).toHaveValue('15')
  },
}

/** Play/Pause runs the cine loop; the frame number advances on its own. */
export const CinePlayback: Story = {
  args: { fps: 20 },
  loaders: [fixtureLoader(fixtures.rtDose)],
  parameters: fixtureDocs(fixtures.rtDose, 'DicomViewer', ' fps={20}'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const overlay = await dicomOverlay(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }))
    await waitFor(() => expect(overlay).not.toHaveTextContent('Frame 1/15'), { timeout: 5000 })
    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }))
    await expect(canvas.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false')
  },
}

/** Two RGB frames, RLE-compressed. */
export const MultiFrameColourRle = transferSyntax(fixtures.rgbRle2Frame, 2)
