import type { Meta, StoryObj } from '@storybook/react-vite'
import { unzipSync } from 'fflate'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { DatamintParameters } from '../../.storybook/datamint/parameters.js'
import { DownloadSelection } from './DownloadSelection.js'

const meta = {
  title: 'Hooks/Download selection',
  component: DownloadSelection,
  tags: ['autodocs'],
  // A slow network (100 kB/s) so the bar visibly moves.
  parameters: { datamint: { devtools: true, server: { bandwidth: 100_000 } } satisfies DatamintParameters },
} satisfies Meta<typeof DownloadSelection>

export default meta
type Story = StoryObj<typeof meta>

async function selectThree(canvas: ReturnType<typeof within>): Promise<string[]> {
  const boxes = await canvas.findAllByRole('checkbox', {}, { timeout: 5000 })
  const names: string[] = []
  for (const box of boxes.slice(0, 3)) {
    await userEvent.click(box)
    names.push((box.getAttribute('aria-label') ?? '').replace(/^Select /, ''))
  }
  return names
}

/** Three rows selected: the bar moves, and the ZIP holds the three files under their names. */
export const ThreeFilesAsZip: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const names = await selectThree(canvas)
    await userEvent.click(canvas.getByRole('button', { name: 'Download 3 as ZIP' }))
    const bar = await canvas.findByRole('progressbar', { name: 'Download progress' })
    const seen = new Set<number>()
    await waitFor(
      () => {
        seen.add(Number(bar.getAttribute('value')))
        expect(canvas.queryByRole('status')).not.toBeNull()
      },
      { timeout: 15000, interval: 50 },
    )
    await expect([...seen].some((v) => v > 0 && v < 100)).toBe(true)
    const link = within(canvas.getByRole('status')).getByRole('link', { name: 'selection.zip' })
    const zip = unzipSync(new Uint8Array(await (await fetch(link.getAttribute('href') ?? '')).arrayBuffer()))
    await expect(Object.keys(zip).sort()).toEqual([...names].sort())
  },
}

/** One of the files fails (an injected 500): the ZIP holds the others and says one failed. */
export const OneFails: Story = {
  parameters: {
    datamint: {
      config: { maxRetries: 0 },
      server: { bandwidth: undefined, faults: { 'GET /resources/:id/file': { status: 500, times: 1 } } },
    } satisfies DatamintParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await selectThree(canvas)
    await userEvent.click(canvas.getByRole('button', { name: 'Download 3 as ZIP' }))
    await expect(await canvas.findByRole('status', {}, { timeout: 10000 })).toHaveTextContent('2 files')
    await expect(canvas.getByRole('status')).toHaveTextContent('1 failed')
  },
}
