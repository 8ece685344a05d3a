import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import type { DatamintServer } from '../../src/testing/index.js'
import { CreateProjectForm } from './CreateProjectForm.js'

const meta = {
  title: 'Hooks/Create project form',
  component: CreateProjectForm,
  tags: ['autodocs'],
  parameters: { datamint: { devtools: true, server: { latency: 200 } } satisfies DatamintParameters },
} satisfies Meta<typeof CreateProjectForm>

export default meta
type Story = StoryObj<typeof meta>

async function submit(canvasElement: HTMLElement, name: string) {
  const canvas = within(canvasElement)
  if (name) await userEvent.type(canvas.getByRole('textbox', { name: 'Name' }), name)
  await userEvent.click(canvas.getByRole('button', { name: 'Create project' }))
  return canvas
}

/** A new name: the server creates the project and the form shows it. */
export const Created: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = await submit(canvasElement, 'Liver review 2025')
    await expect(await canvas.findByRole('status', {}, { timeout: 5000 })).toHaveTextContent(
      'Created "Liver review 2025"',
    )
    const server = loaded.datamintServer as DatamintServer
    await expect(server.db.liveProjects().some((p) => p.name === 'Liver review 2025')).toBe(true)
  },
}

/** The name of an existing project: the server answers 409 and the form shows `EntityAlreadyExistsError`. */
export const NameTaken: Story = {
  play: async ({ canvasElement, loaded }) => {
    const existing = (loaded.datamintServer as DatamintServer).db.liveProjects()[0].name
    const canvas = await submit(canvasElement, existing)
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('A project with this name already exists (409)')
  },
}

/** No name: the form sends it anyway, the server answers 422 and the form shows `ValidationError`. */
export const MissingName: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = await submit(canvasElement, '')
    const alert = await canvas.findByRole('alert', {}, { timeout: 5000 })
    await expect(alert).toHaveTextContent('The server rejected the input (422)')
    const server = loaded.datamintServer as DatamintServer
    await expect(server.requests.filter((r) => r.route === 'POST /projects').map((r) => r.status)).toEqual([
      422,
    ])
  },
}
