import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import type { VideoData } from '../../src/api/index.js'
import { VideoViewer } from '../../src/viewers/index.js'
import { fixtures } from '../fixtures.js'
import { fixtureDocs, fixtureLoader } from './fixtureLoader.js'

const meta = {
  title: 'Viewers/VideoViewer',
  component: VideoViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) => (
    <div style={{ height: 320 }}>
      <VideoViewer {...args} data={loaded.data as VideoData} />
    </div>
  ),
} satisfies Meta<typeof VideoViewer>

export default meta
type Story = StoryObj<typeof VideoViewer>

/** VP9 in WebM: plays with the browser's controls. */
export const PlayableWebm: Story = {
  args: { loop: true },
  loaders: [fixtureLoader(fixtures.ctRotateWebm)],
  parameters: fixtureDocs(fixtures.ctRotateWebm, 'VideoViewer', ' loop'),
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Video viewer' })
    await waitFor(() => expect(viewer).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 })
    const video = viewer.querySelector('video')!
    await expect(video.videoWidth).toBe(128)
    await expect(video.duration).toBeGreaterThan(1.5)
  },
}

/** H.264 in MP4, where the browser has the codec. */
export const PlayableMp4: Story = {
  args: { autoPlay: true, loop: true },
  loaders: [fixtureLoader(fixtures.ctRotateMp4)],
  parameters: fixtureDocs(fixtures.ctRotateMp4, 'VideoViewer', ' autoPlay loop'),
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Video viewer' })
    const video = viewer.querySelector('video')!
    await waitFor(() => expect(video.currentTime).toBeGreaterThan(0), { timeout: 5000 })
    await expect(video.videoWidth).toBe(128)
    await expect(within(canvasElement).queryByRole('alert')).toBeNull()
  },
}

/** test1.mp4 holds MPEG-4 Part 2 video, which browsers cannot decode: the viewer says so and offers a download. */
export const Unsupported: Story = {
  args: { filename: 'test1.mp4' },
  loaders: [fixtureLoader(fixtures.test1Mp4)],
  parameters: fixtureDocs(fixtures.test1Mp4, 'VideoViewer', ' filename="test1.mp4"'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent(/cannot play this video/)
    await expect(within(alert).getByRole('button', { name: 'Download file' })).toBeVisible()
    // The technical text sits behind Details.
    await expect(within(alert).getByText('Details')).toBeVisible()
  },
}

/** AVI (MJPEG): no browser plays this container, so the viewer offers the download. */
export const UnsupportedAvi: Story = {
  args: { filename: 'ct_rotate.avi' },
  loaders: [fixtureLoader(fixtures.ctRotateAvi)],
  parameters: fixtureDocs(fixtures.ctRotateAvi, 'VideoViewer', ' filename="ct_rotate.avi"'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('video/x-msvideo')
  },
}

/** QuickTime with H.264 inside: whether it plays depends on the browser's `canPlayType('video/quicktime')`. */
export const QuickTime: Story = {
  loaders: [fixtureLoader(fixtures.ctRotateMov)],
  parameters: fixtureDocs(fixtures.ctRotateMov, 'VideoViewer'),
  play: async ({ canvasElement }) => {
    const viewer = within(canvasElement).getByRole('region', { name: 'Video viewer' })
    if (document.createElement('video').canPlayType('video/quicktime') === '') {
      const alert = await within(viewer).findByRole('alert', {}, { timeout: 5000 })
      await expect(alert).toHaveTextContent('video/quicktime')
    } else {
      await waitFor(() => expect(viewer).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 })
      await expect(viewer.querySelector('video')!.videoWidth).toBe(128)
    }
  },
}
