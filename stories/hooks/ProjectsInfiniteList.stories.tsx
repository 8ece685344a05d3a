import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ProjectsInfiniteList } from './ProjectsInfiniteList.js'

const meta = {
  title: 'Hooks/Projects list (infinite scroll)',
  component: ProjectsInfiniteList,
  tags: ['autodocs'],
  args: { pageSize: 20 },
  parameters: {
    datamint: {
      devtools: true,
      server: { seed: { extraProjects: 95 }, latency: 300 },
    } satisfies DatamintParameters,
  },
} satisfies Meta<typeof ProjectsInfiniteList>

export default meta
type Story = StoryObj<typeof meta>

/** Scrolling to the end of the list loads the next 20 projects, until a short page says there are no more. */
export const InfiniteScroll: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByText(/^20 projects loaded/, {}, { timeout: 5000 })
    const list = canvas.getByRole('list')
    list.scrollTop = list.scrollHeight
    await canvas.findByText(/^40 projects loaded/, {}, { timeout: 5000 })
    await expect(list.querySelectorAll('li strong')).toHaveLength(40)
    // 3 seeded live projects (the archived one is not listed) plus 95 generated: pages of 20 up to 80, then a
    // short page of 18 ends the list.
    for (const loaded of [60, 80]) {
      list.scrollTop = list.scrollHeight
      await canvas.findByText(
        new RegExp(`^${loaded} projects loaded, scroll for more`),
        {},
        { timeout: 5000 },
      )
    }
    list.scrollTop = list.scrollHeight
    await waitFor(
      () => expect(canvasElement.querySelector('p')).toHaveTextContent('98 projects loaded, that is all'),
      {
        timeout: 5000,
      },
    )
    await expect(list.querySelectorAll('li strong')).toHaveLength(98)
  },
}

/** Every page at once on a fast server: the 3 live seeded projects (not the archived one), then "that is all". */
export const AllLoaded: Story = {
  args: { pageSize: 50 },
  parameters: { datamint: { devtools: true, server: { seed: true } } },
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(canvasElement.querySelector('p')).toHaveTextContent('3 projects loaded, that is all'),
      {
        timeout: 5000,
      },
    )
    const names = [...canvasElement.querySelectorAll('li strong')].map((name) => name.textContent)
    await expect(names.sort()).toEqual(['Brain MR Segmentation', 'Chest CT Review', 'Multi-frame QA'])
  },
}

/** A server with no projects. */
export const Empty: Story = {
  parameters: { datamint: { devtools: true, server: { seed: false } } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('0 projects loaded, that is all')
  },
}

/**
 * The list request fails twice (injected 503, retries off): the error class, status and message, and a
 * Retry button. The play function checks them and retries once, which fails again, so the story rests on the
 * error. Click Retry yourself: the third request succeeds and the list appears.
 */
export const ServerError: Story = {
  parameters: {
    datamint: {
      devtools: true,
      config: { maxRetries: 0 },
      server: { faults: { 'GET /projects': { status: 503, times: 2 } } },
    } satisfies DatamintParameters,
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement)
    const server = loaded.datamintServer as DatamintServer
    const lists = () => server.requests.filter((r) => r.route === 'GET /projects').map((r) => r.status)
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('(503)')
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(lists()).toEqual([503, 503]), { timeout: 5000 })
    const again = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(again).toHaveTextContent('(503)')
    await expect(within(again).getByRole('button', { name: 'Retry' })).toBeVisible()
  },
}
