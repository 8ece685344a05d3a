import type { Preview } from '@storybook/react-vite'
import { initialize } from 'msw-storybook-addon'
import { configure } from 'storybook/test'
import {
  assertConsoleClean,
  type ExpectedConsole,
  installConsoleGuard,
  resetConsoleGuard,
} from '../test/support/consoleGuard.js'
import { datamintLoader } from './datamint/mockServer.js'
import { datamintGlobalTypes, withDatamint } from './datamint/withDatamint.js'
import { jsdocLinksToMarkdown } from './docLinks.js'

// One service worker for the whole Storybook; each story's handlers are installed by datamintLoader.
// Requests no handler claims (Vite modules, fixtures, a real Datamint server) pass through untouched.
initialize({ onUnhandledRequest: 'bypass', quiet: true })

// findBy*/waitFor in play functions: a cold dev server (first Vite transform, codec WASM) needs more than 1 s.
configure({ asyncUtilTimeout: 5000 })

// A story fails on console.error/console.warn it did not declare in `parameters.expectedConsole`.
installConsoleGuard()

const preview: Preview = {
  tags: ['autodocs'],
  beforeEach({ parameters }) {
    resetConsoleGuard((parameters.expectedConsole as ExpectedConsole[] | undefined) ?? [])
  },
  afterEach({ title, name }) {
    assertConsoleClean(`${title} / ${name}`)
  },
  // Props tables: JSDoc links as Markdown, not `{@link X}` printed literally.
  argTypesEnhancers: [
    ({ argTypes }) =>
      Object.fromEntries(
        Object.entries(argTypes).map(([name, argType]) => [
          name,
          argType.description
            ? { ...argType, description: jsdocLinksToMarkdown(argType.description) }
            : argType,
        ]),
      ),
  ],
  loaders: [datamintLoader],
  decorators: [withDatamint],
  globalTypes: datamintGlobalTypes,
  initialGlobals: { datamintServer: 'mock' },
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    docs: {
      // The component's JSDoc on its docs page, with `{@link}` as Markdown.
      extractComponentDescription: (component: { __docgenInfo?: { description?: string } } | undefined) =>
        jsdocLinksToMarkdown(component?.__docgenInfo?.description ?? ''),
    },
    // The showcase first: it is what `npm start` opens.
    options: { storySort: { order: ['Showcase', '*'] } },
  },
}

export default preview
