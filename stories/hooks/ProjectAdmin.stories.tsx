import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { ProjectAdmin } from './ProjectAdmin.js'

const meta = {
  title: 'Hooks/Project admin',
  component: ProjectAdmin,
  tags: ['autodocs'],
  args: { projectName: 'Chest CT Review' },
  parameters: { datamint: { devtools: true, server: { latency: 300 } } satisfies DatamintParameters },
} satisfies Meta<typeof ProjectAdmin>

export default meta
type Story = StoryObj<typeof meta>

const SLOW = { timeout: 8000 }

/**
 * Every write of the page, in order: a member's role (optimistic), a split for the unassigned resource
 * (optimistic, counts at once), a split the server refuses (shown, then rolled back with the error), adding a
 * resource from the search and removing it (the project's count follows), removing a member, and a new
 * worklist.
 */
export const ManageAProject: Story = {
  play: async ({ canvasElement, loaded, step }) => {
    const canvas = within(canvasElement)
    const server = loaded.datamintServer as DatamintServer
    const project = server.db.liveProjects().find((p) => p.name === 'Chest CT Review')
    if (!project) throw new Error('seeded project missing')
    const memberRoles = (email: string) =>
      [...server.db.members.values()].find((m) =>
        [...server.db.users.values()].some((u) => u.email === email && u.id === m.user_id),
      )?.roles
    const currentSplit = (resourceId: string) =>
      [...server.db.splits.values()].find(
        (s) => s.resource_id === resourceId && s.project_id === project.id && !s.deleted_at,
      )?.split_name

    await step('change a member role (optimistic)', async () => {
      const role = await canvas.findByRole('combobox', { name: 'Role of annotator@datamint.test' }, SLOW)
      await userEvent.selectOptions(role, 'PROJECT_REVIEWER')
      await expect(role).toHaveValue('PROJECT_REVIEWER')
      await waitFor(() => expect(memberRoles('annotator@datamint.test')).toEqual(['PROJECT_REVIEWER']), SLOW)
    })

    await step('assign the unassigned resource to val (counts at once)', async () => {
      await waitFor(
        () => expect(canvas.getByRole('status', { name: 'unassigned count' })).toHaveTextContent('1'),
        SLOW,
      )
      const val = Number(canvas.getByRole('status', { name: 'val count' }).textContent)
      const unassigned = canvas
        .getAllByRole('combobox', { name: /^Split of / })
        .find((s) => (s as HTMLSelectElement).value === '') as HTMLSelectElement
      await userEvent.selectOptions(unassigned, 'val')
      await expect(canvas.getByRole('status', { name: 'unassigned count' })).toHaveTextContent('0')
      await expect(canvas.getByRole('status', { name: 'val count' })).toHaveTextContent(String(val + 1))
      const filename = unassigned.getAttribute('aria-label')?.replace('Split of ', '')
      const resource = server.db.liveResources().find((r) => r.filename === filename)
      await waitFor(() => expect(currentSplit(resource?.id as string)).toBe('val'), SLOW)
    })

    await step('a split the server refuses rolls back', async () => {
      server.inject('POST /projects/:id/splits', { status: 500, times: 1 })
      const train = canvas
        .getAllByRole('combobox', { name: /^Split of / })
        .find((s) => (s as HTMLSelectElement).value === 'train') as HTMLSelectElement
      await userEvent.selectOptions(train, 'test')
      await expect(train).toHaveValue('test')
      const alert = await within(canvas.getByRole('region', { name: 'Splits' })).findByRole('alert', {}, SLOW)
      await expect(alert).toHaveTextContent('ServerError (500)')
      await expect(canvas.getByText('Not saved: the previous split is back.')).toBeVisible()
      await waitFor(() => expect(train).toHaveValue('train'), SLOW)
    })

    await step('add a resource from the search, then remove it', async () => {
      const count = Number(canvas.getByRole('status', { name: 'Resource count' }).textContent)
      await userEvent.type(
        canvas.getByRole('searchbox', { name: 'Search resources to add' }),
        'MR_small_RLE.dcm',
      )
      await userEvent.click(await canvas.findByRole('button', { name: 'Add MR_small_RLE.dcm' }, SLOW))
      const list = canvas.getByRole('list', { name: 'Project resources' })
      await within(list).findByRole('button', { name: 'Remove MR_small_RLE.dcm' }, SLOW)
      await waitFor(
        () =>
          expect(canvas.getByRole('status', { name: 'Resource count' })).toHaveTextContent(String(count + 1)),
        SLOW,
      )
      await userEvent.click(canvas.getByRole('button', { name: 'Remove MR_small_RLE.dcm' }))
      await waitFor(
        () => expect(within(list).queryByRole('button', { name: 'Remove MR_small_RLE.dcm' })).toBeNull(),
        SLOW,
      )
      await waitFor(
        () => expect(canvas.getByRole('status', { name: 'Resource count' })).toHaveTextContent(String(count)),
        SLOW,
      )
    })

    await step('remove a member (pessimistic)', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Remove reviewer@datamint.test' }))
      await waitFor(
        () => expect(canvas.queryByRole('combobox', { name: 'Role of reviewer@datamint.test' })).toBeNull(),
        SLOW,
      )
      await expect(memberRoles('reviewer@datamint.test')).toBeUndefined()
    })

    await step('create a worklist', async () => {
      await userEvent.type(canvas.getByRole('textbox', { name: 'New worklist name' }), 'Chest CT — round 2')
      await userEvent.click(canvas.getByRole('button', { name: 'Create worklist' }))
      const worklists = canvas.getByRole('region', { name: 'Worklists' })
      await within(worklists).findByText(/Chest CT — round 2/, {}, SLOW)
      await expect([...server.db.worklists.values()].map((w) => w.name)).toContain('Chest CT — round 2')
    })
  },
}
