import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ResourceFileViewer } from '../../src/viewers/index.js'
import { expectDicomRendered } from './dicomExpectations.js'
import { ResourcePicker } from './ResourcePicker.js'

const meta = {
  title: 'Viewers/ResourceFileViewer',
  component: ResourceFileViewer,
  tags: ['autodocs'],
  // The story picks a resource from the server's list (any server: the in-browser one or a real one).
  render: (args, { parameters }) => (
    <ResourcePicker preferredFilename={parameters.filename as string | undefined}>
      {(id, filename) => <ResourceFileViewer {...args} resourceId={id} filename={filename} />}
    </ResourcePicker>
  ),
  parameters: {
    filename: 'CT_small.dcm',
    docs: {
      source: {
        language: 'tsx',
        code: `<DatamintProvider config={{ serverUrl, apiKey }}>\n  <ResourceFileViewer resourceId={resource.id} filename={resource.filename} />\n</DatamintProvider>`,
      },
    },
  },
} satisfies Meta<typeof ResourceFileViewer>

export default meta
type Story = StoryObj<typeof ResourceFileViewer>

/** Downloads the file, converts it and shows it in the matching viewer. */
export const Dicom: Story = {
  play: async ({ canvasElement }) => expectDicomRendered(canvasElement),
}

/** Raw bytes (`autoConvert={false}`): a hex dump of what the server sent. */
export const RawBytes: Story = {
  args: { autoConvert: false },
  parameters: { filename: 'mr_small.jpg' },
  play: async ({ canvasElement }) => {
    const dump = await within(canvasElement).findByRole('document', { name: /Hex dump/ }, { timeout: 5000 })
    await expect(dump.querySelector('[data-offset="0"]')?.textContent).toMatch(/ff d8 ff/)
  },
}

/**
 * A slow network (16 kB/s in 2 kB chunks): the progress bar fills with the bytes received before the
 * image appears.
 */
export const SlowNetwork: Story = {
  parameters: {
    datamint: { server: { bandwidth: 16_000, chunkSize: 2048 } } satisfies DatamintParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const bar = await canvas.findByRole('progressbar', { name: 'Download progress' }, { timeout: 5000 })
    const seen = new Set<number>()
    await waitFor(
      () => {
        seen.add(Number(bar.getAttribute('value') ?? 0))
        expect([...seen].some((v) => v > 0 && v < 1)).toBe(true)
      },
      { timeout: 5000, interval: 50 },
    )
    await expect(canvas.getByText(/Downloading… [\d.]+ kB of 39 kB/)).toBeVisible()
    await expectDicomRendered(canvasElement)
  },
}

/**
 * The download answers 500 twice (an injected fault, client retries off): the viewer shows the error with
 * a Retry button; the play function checks the message and retries once, which fails again, so the story
 * rests on the error. Click Retry yourself: the third request succeeds and the image appears.
 */
export const ServerErrorThenRetry: Story = {
  parameters: {
    datamint: {
      config: { maxRetries: 0 },
      server: { faults: { 'GET /resources/:id/file': { status: 500, times: 2 } } },
    } satisfies DatamintParameters,
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const server = loaded.datamintServer as DatamintServer
    const downloads = () =>
      server.requests.filter((r) => r.route === 'GET /resources/:id/file').map((r) => r.status)
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('The file could not be loaded')
    await expect(alert).toHaveTextContent('500')
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    // The retry went out and failed too: the error is back, with its Retry button for the person watching.
    await waitFor(() => expect(downloads()).toEqual([500, 500]), { timeout: 5000 })
    const again = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(again).toHaveTextContent('500')
    await expect(await within(again).findByRole('button', { name: 'Retry' })).toBeVisible()
  },
}
