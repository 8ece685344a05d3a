import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { fixtures, loadFixture } from '../fixtures.js'
import { UploadResources } from './UploadResources.js'

const meta = {
  title: 'Hooks/Upload with progress',
  component: UploadResources,
  tags: ['autodocs'],
  args: { channel: 'storybook-uploads' },
  // Each upload takes ~0.6 s on this server, so the bar visibly steps from file to file.
  parameters: { datamint: { devtools: true, server: { latency: 600 } } satisfies DatamintParameters },
} satisfies Meta<typeof UploadResources>

export default meta
type Story = StoryObj<typeof meta>

async function fixtureFile(fixture: (typeof fixtures)[keyof typeof fixtures]) {
  const bytes = await loadFixture(fixture)
  const name = fixture.path.slice(fixture.path.lastIndexOf('/') + 1)
  return new File([bytes as BlobPart], name, { type: fixture.mimetype })
}

/**
 * Three real files uploaded one after the other: the bar moves with the bytes accepted so far and
 * reaches 100 %; the server then holds the three new resources in the chosen channel.
 */
export const ThreeFiles: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const files = await Promise.all([
      fixtureFile(fixtures.ctSmall),
      fixtureFile(fixtures.mrSmall),
      fixtureFile(fixtures.ctPng),
    ])
    await userEvent.upload(canvas.getByLabelText('Files to upload'), files)
    const bar = await canvas.findByRole('progressbar', { name: 'Upload progress' })
    // Sample the bar until it is full: it must pass through the in-between steps (75 % after CT_small).
    const seen = new Set<number>()
    await waitFor(
      () => {
        seen.add(Number(bar.getAttribute('value')))
        expect(seen.has(100)).toBe(true)
      },
      { timeout: 10000, interval: 50 },
    )
    await expect([...seen].some((v) => v > 0 && v < 100)).toBe(true)
    await expect(canvas.getByText('100%')).toBeVisible()
    await expect(await canvas.findByRole('status')).toHaveTextContent('Uploaded 3 files')
    const server = loaded.datamintServer as DatamintServer
    const uploaded = server.db.liveResources().filter((r) => r.upload_channel === 'storybook-uploads')
    await expect(uploaded.map((r) => r.filename).sort()).toEqual([
      'CT_small.dcm',
      'MR_small.dcm',
      'ct_small.png',
    ])
  },
}

/** The server refuses the upload (an injected 500): the error is shown and the bar stops. */
export const UploadFails: Story = {
  parameters: {
    datamint: { config: { maxRetries: 0 }, server: { faults: { 'POST /resources': { status: 500 } } } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(canvas.getByLabelText('Files to upload'), await fixtureFile(fixtures.mrJpg))
    await expect(await canvas.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('(500)')
    await expect(canvas.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('value', '0')
  },
}
