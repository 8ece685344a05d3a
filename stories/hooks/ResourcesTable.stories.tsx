import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ResourcesTable } from './ResourcesTable.js'

const meta = {
  title: 'Hooks/Resources table',
  component: ResourcesTable,
  tags: ['autodocs'],
  args: { pageSize: 10, undoTimeout: 5000 },
  parameters: { datamint: { devtools: true, server: { latency: 150 } } satisfies DatamintParameters },
} satisfies Meta<typeof ResourcesTable>

export default meta
type Story = StoryObj<typeof meta>

const serverOf = (loaded: Record<string, unknown>) => loaded.datamintServer as DatamintServer
const bodyRows = (canvasElement: HTMLElement) =>
  (within(canvasElement).getAllByRole('row') as HTMLTableRowElement[]).filter((row) =>
    within(row).queryByRole('checkbox'),
  )
const filenames = (canvasElement: HTMLElement) =>
  bodyRows(canvasElement).map((row) => row.cells[1].textContent)

async function firstPage(canvasElement: HTMLElement) {
  await waitFor(() => expect(bodyRows(canvasElement)).toHaveLength(10), { timeout: 5000 })
}

/** Ten resources a page; "Next" asks the server for the next offset. */
export const Paging: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await firstPage(canvasElement)
    const page1 = filenames(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }))
    await canvas.findByText('Page 2')
    await waitFor(() => expect(filenames(canvasElement)).not.toEqual(page1))
    const lists = serverOf(loaded).requests.filter((r) => r.route === 'GET /resources')
    await expect(lists.at(-1)?.query).toMatchObject({ offset: '10', limit: '10' })
  },
}

/** Status, modality and mimetype filters are sent to the server (`status`, `modality`, `mimetype`). */
export const Filters: Story = {
  args: { initialFilters: { status: 'published' } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(bodyRows(canvasElement).length).toBeGreaterThan(0), { timeout: 5000 })
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Mimetype' }), 'application/dicom')
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Modality' }), 'MR')
    await waitFor(() => {
      const rows = bodyRows(canvasElement)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) {
        expect(row.cells[2]).toHaveTextContent('published')
        expect(row.cells[3]).toHaveTextContent('MR')
        expect(row.cells[4]).toHaveTextContent('application/dicom')
      }
    })
    const lists = serverOf(loaded).requests.filter((r) => r.route === 'GET /resources')
    await expect(lists.at(-1)?.query).toMatchObject({
      status: 'published',
      modality: 'MR',
      mimetype: 'application/dicom',
    })
  },
}

/** Filters that match nothing. */
export const NoMatch: Story = {
  args: { initialFilters: { status: 'archived', mimetype: 'video/webm', modality: 'CT' } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('No resources match these filters.', {}, { timeout: 5000 })
  },
}

/** Two rows deleted, then "Undo" within the window: the rows come back and no DELETE is ever sent. */
export const BulkDeleteUndo: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await firstPage(canvasElement)
    const [a, b] = filenames(canvasElement)
    await userEvent.click(canvas.getByRole('checkbox', { name: `Select ${a}` }))
    await userEvent.click(canvas.getByRole('checkbox', { name: `Select ${b}` }))
    await userEvent.click(canvas.getByRole('button', { name: 'Delete selected (2)' }))
    await waitFor(() => expect(filenames(canvasElement)).not.toContain(a))
    await expect(filenames(canvasElement)).not.toContain(b)
    await expect(canvas.getByText(/2 resources deleted/)).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(filenames(canvasElement).slice(0, 2)).toEqual([a, b]))
    await expect(serverOf(loaded).requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)
  },
}

/** Without undo, the delete is sent when the window closes (here after 1 s) and the server soft-deletes. */
export const BulkDeleteCommits: Story = {
  args: { undoTimeout: 1000 },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await firstPage(canvasElement)
    const [a] = filenames(canvasElement)
    await userEvent.click(canvas.getByRole('checkbox', { name: `Select ${a}` }))
    await userEvent.click(canvas.getByRole('button', { name: 'Delete selected (1)' }))
    await waitFor(() => expect(filenames(canvasElement)).not.toContain(a))
    const server = serverOf(loaded)
    await waitFor(
      () => expect(server.requests.some((r) => r.method === 'DELETE' && r.status < 300)).toBe(true),
      {
        timeout: 5000,
      },
    )
    const deleted = server.db.liveResources().find((r) => r.filename === a)
    await expect(deleted).toBeUndefined()
  },
}
