import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { TagsEditor } from './TagsEditor.js'

const meta = {
  title: 'Hooks/Tags',
  component: TagsEditor,
  tags: ['autodocs'],
  args: { undoTimeout: 800 },
  parameters: { datamint: { devtools: true, server: { latency: 100 } } satisfies DatamintParameters },
} satisfies Meta<typeof TagsEditor>

export default meta
type Story = StoryObj<typeof meta>

async function selectTwo(canvas: ReturnType<typeof within>) {
  const boxes = await canvas.findAllByRole('checkbox', {}, { timeout: 5000 })
  await userEvent.click(boxes[0])
  await userEvent.click(boxes[1])
  const cells = canvas.getAllByLabelText(/^Tags of /)
  return [cells[0], cells[1]]
}

/** Add a tag to two selected rows: it shows at once, and after the undo window the server holds it. */
export const AddToSelected: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const [a, b] = await selectTwo(canvas)
    await userEvent.type(canvas.getByLabelText('Tag'), 'urgent')
    await userEvent.click(canvas.getByRole('button', { name: 'Add to selected' }))
    await expect(a).toHaveTextContent('urgent')
    await expect(b).toHaveTextContent('urgent')
    const server = loaded.datamintServer as DatamintServer
    await waitFor(() => expect(server.requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(0), {
      timeout: 5000,
    })
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Undo' })).toBeNull(), { timeout: 5000 })
    const tagged = server.db.liveResources().filter((r) => r.tags.includes('urgent'))
    await expect(tagged).toHaveLength(2)
    await expect(a).toHaveTextContent('urgent')
  },
}

/** Undo within the window: the rows go back and nothing is sent. */
export const Undo: Story = {
  args: { undoTimeout: 10000 },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const [a] = await selectTwo(canvas)
    const before = a.textContent
    await userEvent.type(canvas.getByLabelText('Tag'), 'temporary')
    await userEvent.click(canvas.getByRole('button', { name: 'Add to selected' }))
    await expect(a).toHaveTextContent('temporary')
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(a.textContent).toBe(before))
    const server = loaded.datamintServer as DatamintServer
    await expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0)
  },
}

/** The server refuses: the tag disappears again and the error is shown. */
export const RolledBackOnError: Story = {
  args: { undoTimeout: 0 },
  parameters: {
    datamint: {
      config: { maxRetries: 0 },
      server: {
        faults: { 'PUT /resources/tags': { status: 500 }, 'PUT /resources/:id/tags': { status: 500 } },
      },
    } satisfies DatamintParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const [a] = await selectTwo(canvas)
    await userEvent.type(canvas.getByLabelText('Tag'), 'doomed')
    await userEvent.click(canvas.getByRole('button', { name: 'Add to selected' }))
    await expect(await canvas.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('(500)')
    // Rolled back in the cache, or refetched from the server where another write touched the same list since.
    await waitFor(() => expect(a).not.toHaveTextContent('doomed'), { timeout: 5000 })
  },
}
