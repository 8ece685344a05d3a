import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { expectDicomRendered } from '../viewers/dicomExpectations.js'
import { DatamintBrowser } from './DatamintBrowser.js'

/** Distinct grey levels on a thumbnail canvas (1 = blank). */
function distinctGreys(canvas: HTMLCanvasElement): number {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
  const seen = new Set<number>()
  for (let i = 0; i < data.length; i += 4) seen.add(data[i])
  return seen.size
}

const meta = {
  title: 'Showcase/Datamint browser',
  component: DatamintBrowser,
  parameters: { layout: 'padded' },
  tags: ['!autodocs'],
} satisfies Meta<typeof DatamintBrowser>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Projects → resources (thumbnails rendered off the main thread, filters) → the viewer with its toolbar and the
 * resource's annotations, on the in-browser server. What `npm start` opens: try it.
 */
export const Browser: Story = {}

/**
 * The same browser, walked by its play function: project → thumbnails → search → resource → pixels and the
 * annotation overlay → Escape.
 */
export const Walkthrough: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement)
    const projects = await page.findByRole('navigation', { name: 'Projects' })
    await userEvent.click(await within(projects).findByRole('button', { name: /Chest CT Review/ }))
    const table = await page.findByRole('table')
    const file = await within(table).findByRole('button', { name: 'CT_small.dcm' })
    // Thumbnails: CT_small's row gets a picture with real content (more than a few grey levels).
    const row = file.closest('tr') as HTMLElement
    await waitFor(
      () => {
        const canvas = row.querySelector<HTMLCanvasElement>('[data-thumbnail="image"] canvas')
        expect(canvas).not.toBeNull()
        expect(distinctGreys(canvas as HTMLCanvasElement)).toBeGreaterThan(8)
      },
      { timeout: 10_000 },
    )
    // The file name search filters the rows; clearing it brings them back.
    const search = page.getByRole('searchbox', { name: 'Search file names' })
    await userEvent.type(search, 'RLE')
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'CT_small.dcm' })).toBeNull())
    await userEvent.clear(search)
    await userEvent.click(await within(table).findByRole('button', { name: 'CT_small.dcm' }))
    await page.findByRole('region', { name: 'Viewer: CT_small.dcm' }, { timeout: 15_000 })
    // The loading view and the viewer share the label: check what is on the page once drawn.
    await expectDicomRendered(page.getByRole('main'))
    await expect(page.getByRole('complementary', { name: 'Annotations' })).toBeVisible()
    // The box annotation is drawn on the image: its label shows in the viewer's legend and in the side panel.
    await waitFor(() => expect(page.getAllByText('Nodule box').length).toBeGreaterThan(1))
    // Escape goes back to the table, with the file still listed.
    await userEvent.keyboard('{Escape}')
    await expect(await page.findByRole('button', { name: file.textContent ?? '' })).toBeVisible()
  },
}
