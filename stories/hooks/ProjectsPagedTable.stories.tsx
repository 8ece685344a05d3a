import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ProjectsPagedTable } from './ProjectsPagedTable.js'

const meta = {
  title: 'Hooks/Projects table (pages with total)',
  component: ProjectsPagedTable,
  tags: ['autodocs'],
  args: { pageSize: 10 },
  parameters: {
    datamint: {
      devtools: true,
      // 3 live seeded projects and 95 generated ones; 1 more is archived.
      server: { seed: { extraProjects: 95 }, latency: 300 },
    } satisfies DatamintParameters,
  },
} satisfies Meta<typeof ProjectsPagedTable>

export default meta
type Story = StoryObj<typeof meta>

const serverOf = (loaded: Record<string, unknown>) => loaded.datamintServer as DatamintServer
const names = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent)
const listRequests = (loaded: Record<string, unknown>) =>
  serverOf(loaded).requests.filter((r) => r.route === 'GET /projects')

/**
 * Page controls and the server's total: one request per page; while the next page loads the previous one
 * stays (dimmed, `aria-busy`), then "11–20 of 98"; Last jumps to the short last page.
 */
export const Paging: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    await canvas.findByText(/^1–10 of 98 · Page 1 of 10$/, {}, { timeout: 5000 })
    const page1 = names(canvasElement)
    await expect(page1).toHaveLength(10)
    await expect(canvas.getByRole('button', { name: 'Previous' })).toBeDisabled()

    await userEvent.click(canvas.getByRole('button', { name: 'Next' }))
    // The previous page stays on screen while the next one is on its way.
    await waitFor(() => expect(canvas.getByRole('table')).toHaveAttribute('aria-busy', 'true'))
    await expect(names(canvasElement)).toEqual(page1)
    await canvas.findByText(/^11–20 of 98 · Page 2 of 10$/, {}, { timeout: 5000 })
    await expect(canvas.getByRole('table')).toHaveAttribute('aria-busy', 'false')
    await expect(names(canvasElement)).not.toContain(page1[0])
    await expect(listRequests(loaded).at(-1)?.query).toMatchObject({ offset: '10', limit: '10' })

    await userEvent.click(canvas.getByRole('button', { name: 'Last' }))
    await canvas.findByText(/^91–98 of 98 · Page 10 of 10$/, {}, { timeout: 5000 })
    await expect(names(canvasElement)).toHaveLength(8)
    await expect(canvas.getByRole('button', { name: 'Next' })).toBeDisabled()

    await userEvent.click(canvas.getByRole('button', { name: 'First' }))
    // Page 1 is still cached: back at once.
    await canvas.findByText(/^1–10 of 98 · Page 1 of 10/)
    await expect(names(canvasElement)).toEqual(page1)
    // One request per page visited (1, 2, 10).
    await expect(listRequests(loaded)).toHaveLength(3)
  },
}

/** A filter is part of the page key: including archived projects changes the total. */
export const WithFilter: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByText(/^1–10 of 98/, {}, { timeout: 5000 })
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Include archived' }))
    await canvas.findByText(/^1–10 of 99 · Page 1 of 10$/, {}, { timeout: 5000 })
  },
}

/** The page request fails (injected 503, retries off): the error class and status, then a retry. */
export const ServerError: Story = {
  parameters: {
    datamint: {
      devtools: true,
      config: { maxRetries: 0 },
      server: { faults: { 'GET /projects': { status: 503, times: 1 } } },
    } satisfies DatamintParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('(503)')
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    await canvas.findByText(/^1–10 of 98 · Page 1 of 10$/, {}, { timeout: 5000 })
  },
}
