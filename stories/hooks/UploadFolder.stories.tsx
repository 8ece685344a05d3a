import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { makeSeries } from '../../test/api/upload/buildSeries.js'
import { fixtures, loadFixture } from '../fixtures.js'
import { UploadFolder } from './UploadFolder.js'

const meta = {
  title: 'Hooks/Upload a folder',
  component: UploadFolder,
  tags: ['autodocs'],
  args: { channel: 'storybook-folder' },
  parameters: { datamint: { devtools: true, server: { latency: 300 } } satisfies DatamintParameters },
} satisfies Meta<typeof UploadFolder>

export default meta
type Story = StoryObj<typeof meta>

/** Five instances of two CT series (made from CT_small with dcmjs), a PNG and a truncated DICOM file. */
async function folder(): Promise<File[]> {
  const ct = await loadFixture(fixtures.ctSmall)
  const a = makeSeries(ct, 3, (i, t) => t.map((v) => v + 40 * i))
  const b = makeSeries(ct, 2, (i, t) => t.map((v) => v * 2 + i))
  const png = await loadFixture(fixtures.ctPng)
  const file = (bytes: Uint8Array, name: string, type = 'application/dicom') =>
    new File([bytes as BlobPart], name, { type })
  return [
    file(a[2], 'series-a/IM3.dcm'),
    file(b[0], 'series-b/IM1.dcm'),
    file(a[0], 'series-a/IM1.dcm'),
    file(png, 'scan.png', 'image/png'),
    file(b[1], 'series-b/IM2.dcm'),
    file(a[0].slice(0, 1500), 'broken.dcm'),
    file(a[1], 'series-a/IM2.dcm'),
  ]
}

/**
 * Two series resources and one image are created, the corrupt file is listed as failed, every file's bar
 * and the total reach their end, and the server holds the three new resources.
 */
export const TwoSeriesAPngAndACorruptFile: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await userEvent.upload(canvas.getByLabelText('Files to upload'), await folder())
    await expect(await canvas.findByRole('status', {}, { timeout: 15000 })).toHaveTextContent(
      '3 resources created, 1 file(s) failed',
    )
    const rows = within(canvas.getByRole('table', { name: 'Files' })).getAllByRole('row')
    await expect(rows.map((r) => r.dataset.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'failed',
      'done',
    ])
    await expect(canvas.getByRole('progressbar', { name: 'Total progress' })).toHaveAttribute('value', '100')
    const server = loaded.datamintServer as DatamintServer
    const uploaded = server.db.liveResources().filter((r) => r.upload_channel === 'storybook-folder')
    await expect(uploaded).toHaveLength(3)
    await expect(uploaded.map((r) => r.mimetype).sort()).toEqual([
      'application/dicom',
      'application/dicom',
      'image/png',
    ])
    // The list of the channel was refetched once the upload ended.
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(3))
  },
}

/** Cancel while files are in flight: what finished stays, the rest is marked cancelled. */
export const Cancel: Story = {
  parameters: { datamint: { server: { latency: 1500 } } satisfies DatamintParameters },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const files = await folder()
    await userEvent.upload(canvas.getByLabelText('Files to upload'), files)
    const server = loaded.datamintServer as DatamintServer
    // Wait for the first resource to exist, then cancel the rest.
    await waitFor(
      () => expect(server.db.liveResources().some((r) => r.upload_channel === 'storybook-folder')).toBe(true),
      {
        timeout: 10000,
      },
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Cancel' })).toBeNull(), {
      timeout: 10000,
    })
    const statuses = within(canvas.getByRole('table', { name: 'Files' }))
      .getAllByRole('row')
      .map((r) => r.dataset.status)
    await expect(statuses).toContain('done')
    await expect(statuses).toContain('cancelled')
  },
}
