import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { BytesData } from '../../src/api/index.js'
import { BytesViewer } from '../../src/viewers/index.js'
import { type Fixture, fixtures } from '../fixtures.js'
import { rawBytesLoader } from './fixtureLoader.js'

function bytesDocs(fixture: Fixture, props = '') {
  return {
    docs: {
      description: { story: `\`${fixture.path}\` as raw bytes: ${fixture.description}.` },
      source: {
        language: 'tsx',
        code: `<BytesViewer data={{ bytes, mimetype: 'application/octet-stream' }}${props} />`,
      },
    },
  }
}

const meta = {
  title: 'Viewers/BytesViewer',
  component: BytesViewer,
  tags: ['autodocs'],
  render: (args, { loaded }) => (
    <div style={{ height: 320 }}>
      <BytesViewer {...args} data={loaded.data as BytesData} />
    </div>
  ),
} satisfies Meta<typeof BytesViewer>

export default meta
type Story = StoryObj<typeof BytesViewer>

/** A small file (the 1,737-byte JPEG) downloaded as `application/octet-stream`: a hex + ASCII dump. */
export const SmallFile: Story = {
  args: { filename: 'mr_small.jpg' },
  loaders: [rawBytesLoader(fixtures.mrJpg)],
  parameters: bytesDocs(fixtures.mrJpg, ' filename="mr_small.jpg"'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('1,737 bytes · application/octet-stream')).toBeVisible()
    const dump = canvas.getByRole('document', { name: /Hex dump/ })
    // The JPEG start-of-image marker is the first thing in the dump.
    await expect(dump.querySelector('[data-offset="0"]')?.textContent).toMatch(/^00000000\s+ff d8 ff e0/)
  },
}

/** 68 KB (the NIfTI volume as raw bytes): only the lines in view are rendered; "Go to offset" jumps. */
export const LargeFileGoToOffset: Story = {
  loaders: [rawBytesLoader(fixtures.anatomical)],
  parameters: bytesDocs(fixtures.anatomical),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const dump = await canvas.findByRole('document', { name: /Hex dump, lines 1 to \d+ of 4251/ })
    await expect(dump.querySelectorAll('[data-offset]').length).toBeLessThan(40)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Go to offset' }), '0x10000')
    await userEvent.click(canvas.getByRole('button', { name: 'Go' }))
    await waitFor(() => expect(dump.querySelector('[data-offset="65536"]')).not.toBeNull())
    await expect(dump).toHaveAccessibleName(/Hex dump, lines 4097 to/)
  },
}
