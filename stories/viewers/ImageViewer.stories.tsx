import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { ImageData } from '../../src/api/index.js'
import { ImageViewer } from '../../src/viewers/index.js'
import { fixtures } from '../fixtures.js'
import { fixtureDocs, fixtureLoader } from './fixtureLoader.js'

const meta = {
  title: 'Viewers/ImageViewer',
  component: ImageViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) => (
    <div style={{ height: 360 }}>
      <ImageViewer {...args} data={loaded.data as ImageData} />
    </div>
  ),
} satisfies Meta<typeof ImageViewer>

export default meta
type Story = StoryObj<typeof ImageViewer>

/** The PNG made from CT_small, fitted to the viewer; the 1:1 button shows it at its real size. */
export const Png: Story = {
  loaders: [fixtureLoader(fixtures.ctPng)],
  parameters: fixtureDocs(fixtures.ctPng, 'ImageViewer'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const viewer = canvas.getByRole('region', { name: 'Image viewer' })
    await waitFor(() => expect(viewer).toHaveAttribute('aria-busy', 'false'))
    await expect(canvas.getByText('128 × 128 px')).toBeVisible()
    const image = viewer.querySelector('img')!
    await expect(image.naturalWidth).toBe(128)
    await userEvent.click(canvas.getByRole('button', { name: '1:1' }))
    await expect(canvas.getByRole('button', { name: '1:1' })).toHaveAttribute('aria-pressed', 'true')
    await expect(canvas.getByRole('img', { name: 'Image viewer: actual size' })).toBeVisible()
  },
}

/** A 64×64 baseline JPEG. */
export const Jpeg: Story = {
  loaders: [fixtureLoader(fixtures.mrJpg)],
  parameters: fixtureDocs(fixtures.mrJpg, 'ImageViewer'),
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Image viewer' })
    await waitFor(() => expect(viewer.querySelector('img')?.naturalHeight).toBe(64))
    await expect(within(viewer).getByText('64 × 64 px')).toBeVisible()
  },
}

/** The browser decoded the picture at the size the header gave, and the toolbar shows that size. */
function decodesAt(width: number, height: number): Story['play'] {
  return async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Image viewer' })
    await waitFor(() => expect(viewer.querySelector('img')?.naturalWidth).toBe(width))
    await expect(viewer.querySelector('img')!.naturalHeight).toBe(height)
    await expect(within(viewer).getByText(`${width} × ${height} px`)).toBeVisible()
    await expect(within(viewer).queryByRole('alert')).toBeNull()
  }
}

/** GIF, BMP and WebP all display in Chromium. */
export const Gif: Story = {
  loaders: [fixtureLoader(fixtures.ctCropGif)],
  parameters: fixtureDocs(fixtures.ctCropGif, 'ImageViewer'),
  play: decodesAt(100, 60),
}

export const Bmp: Story = {
  loaders: [fixtureLoader(fixtures.ctCropBmp)],
  parameters: fixtureDocs(fixtures.ctCropBmp, 'ImageViewer'),
  play: decodesAt(100, 60),
}

export const WebpWithAlpha: Story = {
  loaders: [fixtureLoader(fixtures.ctCropWebpAlpha)],
  parameters: fixtureDocs(fixtures.ctCropWebpAlpha, 'ImageViewer'),
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Image viewer' })
    await waitFor(() => expect(viewer.querySelector('img')?.naturalWidth).toBe(100))
  },
}

/** TIFF is a valid image the browser cannot decode: the viewer says so instead of a broken picture. */
export const UnsupportedTiff: Story = {
  loaders: [fixtureLoader(fixtures.ctCropTiff)],
  parameters: fixtureDocs(fixtures.ctCropTiff, 'ImageViewer'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert')
    await expect(alert).toHaveTextContent('This browser cannot display image/tiff images')
  },
}

/** Starts at 1:1 instead of fitted (`defaultFit="actual"`). */
export const ActualSize: Story = {
  args: { defaultFit: 'actual', label: 'CT slice' },
  loaders: [fixtureLoader(fixtures.ctPng)],
  parameters: fixtureDocs(fixtures.ctPng, 'ImageViewer', ' defaultFit="actual" label="CT slice"'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('region', { name: 'CT slice' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: '1:1' })).toHaveAttribute('aria-pressed', 'true')
    await expect(canvas.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'false')
    await expect(canvas.getByRole('img', { name: 'CT slice: actual size' })).toBeVisible()
  },
}
