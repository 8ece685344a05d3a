import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import { convertFormat, type JsonData } from '../../src/api/index.js'
import { JsonViewer } from '../../src/viewers/index.js'

// A Datamint annotation as the server sends it (wire field names), as a JSON resource would hold it.
const annotation = {
  id: '0b3c9a57-1f7e-4c55-9a8e-2f1d3c4b5a69',
  identifier: 'Nodule',
  scope: 'frame',
  annotation_type: 'segmentation',
  frame_index: 12,
  geometry: {
    type: 'polygon',
    points: [
      [10, 12],
      [40, 12],
      [40, 30],
      [10, 30],
    ],
  },
  numeric_value: null,
  status: 'published',
  created_by: 'admin@datamint.test',
  is_model: false,
}
const bytes = new TextEncoder().encode(JSON.stringify(annotation))

const meta = {
  title: 'Viewers/JsonViewer',
  component: JsonViewer,
  tags: ['autodocs'],
  args: { data: convertFormat(bytes, 'application/json') as JsonData },
  parameters: {
    docs: {
      source: {
        language: 'tsx',
        code: `const data = convertFormat(bytes, 'application/json') // { kind: 'json', value }\n<JsonViewer data={data} defaultExpandDepth={1} />`,
      },
    },
  },
} satisfies Meta<typeof JsonViewer>

export default meta
type Story = StoryObj<typeof meta>

/** Top level open; nested objects are disclosure buttons. Opening `geometry` shows its points. */
export const Annotation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText(/"Nodule"/)).toBeVisible()
    const geometry = canvas.getByRole('button', { name: /geometry/ })
    await expect(geometry).toHaveAttribute('aria-expanded', 'false')
    await userEvent.click(geometry)
    await expect(geometry).toHaveAttribute('aria-expanded', 'true')
    await expect(canvas.getByText(/"polygon"/)).toBeVisible()
  },
}

/** Everything open (`defaultExpandDepth={Infinity}`). */
export const FullyExpanded: Story = {
  args: { defaultExpandDepth: Number.POSITIVE_INFINITY },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const toggles = canvas.getAllByRole('button')
    // The root object, geometry, its points and the four points: all open without a click.
    await expect(toggles).toHaveLength(7)
    for (const toggle of toggles) await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(canvas.getByText(/"polygon"/)).toBeVisible()
  },
}
