import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ProjectDetail } from './ProjectDetail.js'

const meta = {
  title: 'Hooks/Project detail (inline edit)',
  component: ProjectDetail,
  tags: ['autodocs'],
  parameters: { datamint: { devtools: true, server: { latency: 400 } } satisfies DatamintParameters },
} satisfies Meta<typeof ProjectDetail>

export default meta
type Story = StoryObj<typeof meta>

async function rename(canvasElement: HTMLElement, name: string) {
  const canvas = within(canvasElement)
  const output = await canvas.findByLabelText('Name', { selector: 'output' }, { timeout: 5000 })
  const original = output.textContent ?? ''
  await userEvent.click(canvas.getByRole('button', { name: 'Edit name' }))
  const input = canvas.getByRole('textbox', { name: 'Name' })
  await userEvent.clear(input)
  await userEvent.type(input, name)
  // Saved with the button: user-event's Enter submits the form from inside testing-library's synchronous
  // act(), and React 19 then warns that the act call was not awaited (issue 11: no console errors).
  await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
  return { canvas, original }
}

/** Edit the name: it changes at once (optimistic), "Saving…" while the PATCH is in flight, then "Saved.". */
export const InlineEdit: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { canvas } = await rename(canvasElement, 'Liver review (done)')
    await expect(canvas.getByLabelText('Name', { selector: 'output' })).toHaveTextContent(
      'Liver review (done)',
    )
    await expect(canvas.getByText('Saving…')).toBeVisible()
    await canvas.findByText('Saved.', {}, { timeout: 5000 })
    const server = loaded.datamintServer as DatamintServer
    await expect(server.db.liveProjects().map((p) => p.name)).toContain('Liver review (done)')
  },
}

/**
 * The server refuses the change (an injected 500 on `PATCH /projects/:id`): the new name shows while the
 * request is in flight, then the original name comes back and the error says why.
 */
export const FailedEditRollsBack: Story = {
  parameters: {
    datamint: { server: { faults: { 'PATCH /projects/:id': { status: 500 } } } } satisfies DatamintParameters,
  },
  play: async ({ canvasElement }) => {
    const { canvas, original } = await rename(canvasElement, 'A name the server refuses')
    const output = canvas.getByLabelText('Name', { selector: 'output' })
    await expect(output).toHaveTextContent('A name the server refuses')
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('ServerError (500)')
    await expect(canvas.getByText('Not saved: the previous value is back.')).toBeVisible()
    await waitFor(() => expect(output).toHaveTextContent(original))
    await expect(original).not.toBe('A name the server refuses')
  },
}
