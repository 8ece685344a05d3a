import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import type { DicomData } from '../../src/api/index.js'
import { convertFormat } from '../../src/api/index.js'
import { DicomViewer, describeViewerError, ViewerError } from '../../src/viewers/index.js'
import { type Fixture, fixtures, loadFixture } from '../fixtures.js'
import {
  canvasPixels,
  changedPixels,
  colouredPixels,
  dicomOverlay,
  expectDicomRendered,
  hasColour,
  windowLevel,
} from './dicomExpectations.js'
import { downloadFile } from './downloadFile.js'
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

/**
 * A truncated file: convertFormat refuses it, and the library's error view says so in plain words, with the
 * technical text behind Details and the file offered for download.
 */
export const TruncatedFile: Story = {
  loaders: [
    async () => {
      const bytes = await loadFixture(fixtures.mrTruncated)
      try {
        return { data: convertFormat(bytes, fixtures.mrTruncated.mimetype) }
      } catch (loadError) {
        return { loadError, bytes }
      }
    },
  ],
  render: (args, { loaded }) =>
    loaded.data ? (
      <div style={{ height: 420, maxWidth: 560 }}>
        <DicomViewer {...args} data={loaded.data as DicomData} />
      </div>
    ) : (
      <div className="dmv-root" style={{ height: 260, maxWidth: 560, display: 'flex' }}>
        <ViewerError
          text={describeViewerError(loaded.loadError, { format: 'DICOM', action: 'open' })}
          onDownload={() => downloadFile(loaded.bytes as Uint8Array, 'MR_truncated.dcm')}
        />
      </div>
    ),
  parameters: fixtureDocs(fixtures.mrTruncated, 'DicomViewer'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15000 })
    await expect(alert).toHaveTextContent('The file is damaged')
    await expect(alert).toHaveTextContent(
      'The file is damaged or incomplete (for example cut short during upload)',
    )
    // The technical text (naming the element the file ends in) is behind Details.
    await userEvent.click(within(alert).getByText('Details'))
    await expect(alert.querySelector('pre')).toHaveTextContent(
      /DICOM: truncated at byte \d+ while reading element \(7FE0,0010\)/,
    )
    await expect(within(alert).getByRole('button', { name: 'Download file' })).toBeVisible()
  },
}

/**
 * A JPEG 2000 file whose codestream header was overwritten: the codec fails, and the viewer says which
 * format failed, in plain words, with the codec's text behind Details and a Download button.
 */
export const CodecFailure: Story = {
  loaders: [
    async () => {
      const data = convertFormat((await loadFixture(fixtures.jpeg2000)).slice(), fixtures.jpeg2000.mimetype)
      if (data.kind !== 'dicom') throw new Error('not DICOM')
      const fragment = data.dataSet.elements.x7fe00010.fragments![0]
      // Keep the SOC marker, wipe the SIZ segment that tells the codec the image size.
      data.dataSet.byteArray.fill(0xff, fragment.position + 2, fragment.position + 60)
      return { data }
    },
  ],
  parameters: fixtureDocs(fixtures.jpeg2000, 'DicomViewer'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15000 })
    await expect(alert).toHaveTextContent('The image could not be decoded')
    await expect(alert).toHaveTextContent(/This file uses JPEG 2000.*, which failed to decode/)
    await expect(within(alert).getByRole('button', { name: 'Download file' })).toBeVisible()
    await expect(alert.querySelector('pre')?.textContent).toMatch(/^FormatError: DICOM frame 0/)
  },
}

/**
 * The toolbar on a CT: the Window menu offers the CT presets; choosing Lung sets W 1500 / L −600 HU (the overlay
 * says so) and the picture changes; Bone then W 2000 / L 500.
 */
export const ToolbarPresetsOnCt: Story = {
  args: { hidePatientInfo: true },
  loaders: [fixtureLoader(fixtures.ctSmall)],
  parameters: fixtureDocs(fixtures.ctSmall, 'DicomViewer', ' hidePatientInfo'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const overlay = await dicomOverlay(canvasElement)
    const toolbar = canvas.getByRole('toolbar', { name: 'DICOM viewer tools' })
    const before = canvasPixels(canvasElement)
    const presets = within(toolbar).getByRole('combobox', { name: 'Window preset' })
    await userEvent.selectOptions(presets, 'lung')
    await waitFor(() => expect(overlay).toHaveTextContent('W 1500 L -600 HU'))
    await waitFor(() => expect(changedPixels(before, canvasPixels(canvasElement))).toBeGreaterThan(1000))
    await userEvent.selectOptions(presets, 'bone')
    await waitFor(() => expect(overlay).toHaveTextContent('W 2000 L 500 HU'))
    // Patient fields are hidden (hidePatientInfo); study date and series stay.
    await expect(overlay).not.toHaveTextContent(/ID: /)
    // The keyboard help lists the shared keymap.
    await userEvent.click(within(toolbar).getByRole('button', { name: 'Keyboard shortcuts' }))
    await expect(canvas.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent(
      'Next frame or slice',
    )
    await userEvent.keyboard('{Escape}')
  },
}

/**
 * RT Dose opens in the hot colour map with a colour bar in the file's dose units (Dose Units RELATIVE ×
 * DoseGridScaling here); the Colour map menu switches to viridis, whose colours the canvas then holds.
 */
export const RtDoseColourMap: Story = {
  args: { interpolation: 'pixelated' },
  loaders: [fixtureLoader(fixtures.rtDose)],
  parameters: fixtureDocs(fixtures.rtDose, 'DicomViewer', ' interpolation="pixelated"'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await dicomOverlay(canvasElement)
    const bar = await waitFor(() => {
      const found = canvasElement.querySelector('[data-colorbar="hot"]')
      expect(found).not.toBeNull()
      return found as HTMLElement
    })
    await expect(bar).toHaveTextContent('relative')
    // Hot: reds and yellows, not greys.
    await waitFor(() => expect(colouredPixels(canvasElement)).toBeGreaterThan(1000))
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Colour map' }), 'viridis')
    await waitFor(() => expect(canvasElement.querySelector('[data-colorbar="viridis"]')).not.toBeNull())
    // Viridis' low end (68, 1, 84) is on the canvas where the dose is lowest.
    await waitFor(() => expect(hasColour(canvasElement, [68, 1, 84])).toBe(true))
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
