import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import type { NiftiData } from '../../src/api/index.js'
import { NiftiViewer } from '../../src/viewers/index.js'
import { fixtures } from '../fixtures.js'
import { fixtureDocs, fixtureLoader } from './fixtureLoader.js'

const meta = {
  title: 'Viewers/NiftiViewer',
  component: NiftiViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) => (
    <div style={{ height: 460, maxWidth: 560 }}>
      <NiftiViewer {...args} data={loaded.data as NiftiData} />
    </div>
  ),
} satisfies Meta<typeof NiftiViewer>

export default meta
type Story = StoryObj<typeof NiftiViewer>

const sliceLabel = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('application').getAttribute('aria-label') ?? ''

/** How many different colours the slice canvas holds (1 = blank). */
function distinctColours(canvasElement: HTMLElement): number {
  const canvas = canvasElement.querySelector('canvas')!
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
  const colours = new Set<number>()
  for (let i = 0; i < data.length && colours.size < 64; i += 4) colours.add((data[i] << 8) | data[i + 1])
  return colours.size
}

/** A 3D anatomical volume: plane buttons, slice slider, wheel and keys; the slice is drawn on a canvas. */
export const Volume3D: Story = {
  loaders: [fixtureLoader(fixtures.anatomical)],
  parameters: fixtureDocs(fixtures.anatomical, 'NiftiViewer'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(distinctColours(canvasElement)).toBeGreaterThan(8))
    await expect(sliceLabel(canvasElement)).toMatch(/^NIfTI viewer: axial slice \d+ of \d+$/)
    await userEvent.click(canvas.getByRole('button', { name: 'Coronal' }))
    await expect(canvas.getByRole('button', { name: 'Coronal' })).toHaveAttribute('aria-pressed', 'true')
    await expect(sliceLabel(canvasElement)).toMatch(/coronal slice/)
    const image = canvas.getByRole('application')
    image.focus()
    await userEvent.keyboard('{Home}')
    await expect(sliceLabel(canvasElement)).toMatch(/coronal slice 1 of/)
    fireEvent.wheel(image, { deltaY: 100 }) // down = next slice, as in DicomViewer
    await waitFor(() => expect(sliceLabel(canvasElement)).toMatch(/coronal slice 2 of/))
  },
}

/** Window/level from the keyboard: Shift+→ widens the window, Shift+↑ raises the level. */
export const WindowLevelKeys: Story = {
  loaders: [fixtureLoader(fixtures.anatomical)],
  parameters: fixtureDocs(fixtures.anatomical, 'NiftiViewer'),
  play: async ({ canvasElement }) => {
    const readout = () => canvasElement.querySelector('[data-corner="bottomLeft"]')?.textContent ?? ''
    await waitFor(() => expect(readout()).toMatch(/^W [\d.]+ L /))
    const before = readout()
    within(canvasElement).getByRole('application').focus()
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowUp}{/Shift}')
    await waitFor(() => expect(readout()).not.toBe(before))
  },
}

/** The same volume saved as NIfTI-2 (540-byte header). */
export const Nifti2: Story = {
  loaders: [fixtureLoader(fixtures.anatomicalNifti2)],
  parameters: fixtureDocs(fixtures.anatomicalNifti2, 'NiftiViewer'),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(distinctColours(canvasElement)).toBeGreaterThan(8))
  },
}

/** Starting on the sagittal plane (`defaultPlane="sagittal"`). */
export const Sagittal: Story = {
  args: { defaultPlane: 'sagittal' },
  loaders: [fixtureLoader(fixtures.anatomical)],
  parameters: fixtureDocs(fixtures.anatomical, 'NiftiViewer', ' defaultPlane="sagittal"'),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(distinctColours(canvasElement)).toBeGreaterThan(8))
    await expect(sliceLabel(canvasElement)).toMatch(/^NIfTI viewer: sagittal slice \d+ of \d+$/)
    const sagittal = within(canvasElement).getByRole('button', { name: 'Sagittal' })
    await expect(sagittal).toHaveAttribute('aria-pressed', 'true')
  },
}

/** A gzip-compressed 4D series: the Volume slider steps through time. */
export const Series4D: Story = {
  loaders: [fixtureLoader(fixtures.example4d)],
  parameters: fixtureDocs(fixtures.example4d, 'NiftiViewer'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const volume = canvas.getByRole('slider', { name: /Volume/ })
    const count = Number(volume.getAttribute('max')) + 1
    await expect(count).toBeGreaterThan(1)
    await expect(canvas.getByText(`1/${count}`)).toBeVisible()
    fireEvent.change(volume, { target: { value: '1' } })
    await expect(await canvas.findByText(`2/${count}`)).toBeVisible()
    await waitFor(() => expect(distinctColours(canvasElement)).toBeGreaterThan(8))
  },
}
