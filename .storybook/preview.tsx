import type { Preview } from '@storybook/react-vite'
import { initialize } from 'msw-storybook-addon'
import { configure } from 'storybook/test'
import { datamintLoader } from './datamint/mockServer.js'
import { datamintGlobalTypes, withDatamint } from './datamint/withDatamint.js'

// One service worker for the whole Storybook; each story's handlers are installed by datamintLoader.
// Requests no handler claims (Vite modules, fixtures, a real Datamint server) pass through untouched.
initialize({ onUnhandledRequest: 'bypass', quiet: true })

// findBy*/waitFor in play functions: a cold dev server (first Vite transform, codec WASM) needs more than 1 s.
configure({ asyncUtilTimeout: 5000 })

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [datamintLoader],
  decorators: [withDatamint],
  globalTypes: datamintGlobalTypes,
  initialGlobals: { datamintServer: 'mock' },
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // The showcase first: it is what `npm start` opens.
    options: { storySort: { order: ['Showcase', '*'] } },
  },
}

export default preview
