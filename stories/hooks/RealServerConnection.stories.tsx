import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createDatamintServer } from '../../src/testing/index.js'
import { ProjectsInfiniteList } from './ProjectsInfiniteList.js'

// Stands in for a real Datamint server at another address with its own key (only this story installs it).
const standIn = createDatamintServer({
  baseUrl: 'https://datamint.example.org',
  apiKey: 'key-typed-by-the-user',
})

const meta = {
  title: 'Hooks/Real server connection',
  component: ProjectsInfiniteList,
  tags: ['autodocs'],
  globals: { datamintServer: 'real' },
  parameters: {
    msw: { handlers: standIn.handlers },
    docs: {
      description: {
        component:
          "With **Server → Real Datamint server** in the toolbar, each story asks for a server URL and API key. The key stays in this tab's sessionStorage only: never in the URL, the globals or the build.",
      },
    },
  },
} satisfies Meta<typeof ProjectsInfiniteList>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Type a server URL and key, connect: the story now talks to that server, sending the key in the `apikey`
 * header. The key is in sessionStorage, not in the page URL; "Forget key" removes it.
 */
export const ConnectWithUrlAndKey: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const url = canvas.getByRole('textbox', { name: 'Server URL' })
    await userEvent.clear(url)
    await userEvent.type(url, 'https://datamint.example.org/')
    await userEvent.type(canvas.getByLabelText('API key'), 'key-typed-by-the-user')
    await userEvent.click(canvas.getByRole('button', { name: 'Connect' }))
    await canvas.findByText(/projects loaded/)
    await expect(canvas.getByText('Real server: https://datamint.example.org')).toBeVisible()
    await expect(standIn.requests.some((r) => r.route === 'GET /projects' && r.status === 200)).toBe(true)
    await expect(window.location.href).not.toContain('key-typed-by-the-user')
    await expect(window.top?.location.href ?? '').not.toContain('key-typed-by-the-user')
    await expect(JSON.stringify(sessionStorage)).toContain('key-typed-by-the-user')
    await userEvent.click(canvas.getByRole('button', { name: 'Forget key' }))
    await waitFor(() => expect(JSON.stringify(sessionStorage)).not.toContain('key-typed-by-the-user'))
    await expect(canvas.getByRole('form', { name: 'Connect to a Datamint server' })).toBeVisible()
  },
}
