import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { SegmentAndUpload } from './SegmentAndUpload.js'

const meta = {
  title: 'Hooks/Segment and upload',
  component: SegmentAndUpload,
  tags: ['autodocs'],
  parameters: { datamint: { devtools: true, server: { latency: 100 } } satisfies DatamintParameters },
} satisfies Meta<typeof SegmentAndUpload>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Load the example mask, paint more of label 2 by hand, rename label 1, upload: two segmentations named
 * after the labels appear in the list, and the server serves each one's PNG mask.
 */
export const DrawNameUpload: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const upload = await canvas.findByRole('button', { name: 'Upload segmentation' })
    await userEvent.click(canvas.getByRole('button', { name: 'Load example mask' }))
    await userEvent.click(canvas.getAllByRole('radio')[1])
    const editor = canvas.getByRole('img', { name: 'Mask editor' })
    const box = editor.getBoundingClientRect()
    fireEvent.pointerDown(editor, {
      clientX: box.left + box.width * 0.2,
      clientY: box.top + box.height * 0.2,
    })
    fireEvent.pointerUp(editor)
    const name = canvas.getByLabelText('Name of label 1')
    await userEvent.clear(name)
    await userEvent.type(name, 'organ')
    await waitFor(() => expect(upload).toBeEnabled(), { timeout: 10000 })
    await userEvent.click(upload)
    await expect(
      await canvas.findByRole('status', { name: 'Upload result' }, { timeout: 10000 }),
    ).toHaveTextContent('Uploaded 2 segmentation(s)')
    const list = canvas.getByRole('list', { name: 'Segmentations of CT_small' })
    await waitFor(() => expect(within(list).getByText('organ (frame 0)')).toBeVisible(), { timeout: 5000 })
    await expect(within(list).getByText('tumor (frame 0)')).toBeVisible()
    const server = loaded.datamintServer as DatamintServer
    const created = server.db
      .liveAnnotations()
      .filter((a) => a.identifier === 'organ' || a.identifier === 'tumor')
    await expect(created).toHaveLength(2)
    for (const a of created) await expect(server.db.annotationFiles.get(a.id)?.mimetype).toBe('image/png')
  },
}
