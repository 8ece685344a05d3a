import type { Preview } from '@storybook/react-vite'
import { initialize, mswLoader } from 'msw-storybook-addon'

// One service worker for the whole Storybook; each story's handlers are installed by the loaders.
// Requests no handler claims (Vite modules, fixtures, a real Datamint server) pass through untouched.
initialize({ onUnhandledRequest: 'bypass', quiet: true })

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader],
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
}

export default preview
