import { expect, it } from 'vitest'
import { jsdocLinksToMarkdown } from '../../.storybook/docLinks.js'

it('turns JSDoc links into Markdown for the Storybook docs pages', () => {
  expect(jsdocLinksToMarkdown('See {@link DicomViewer} and {@link useResourceFile | the hook}.')).toBe(
    'See `DicomViewer` and the hook (`useResourceFile`).',
  )
  expect(jsdocLinksToMarkdown('{@linkcode setCodecBaseUrl} {@link https://mswjs.io msw}')).toBe(
    '`setCodecBaseUrl` [msw](https://mswjs.io)',
  )
  expect(jsdocLinksToMarkdown('no links, {braces} kept')).toBe('no links, {braces} kept')
})
