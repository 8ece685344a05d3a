import { type BytesData, type ConvertedData, convertFormat } from '../../src/api/index.js'
import { type Fixture, loadFixture } from '../fixtures.js'

/**
 * A story loader that fetches a fixture and converts it as a downloaded resource would be
 * (`convertFormat(bytes, mimetype)`); the story reads it as `loaded.data`.
 */
export function fixtureLoader(fixture: Fixture) {
  return async (): Promise<{ data: ConvertedData }> => ({
    data: convertFormat(await loadFixture(fixture), fixture.mimetype),
  })
}

/**
 * A loader giving a fixture's raw bytes as `BytesData` (what `convertFormat` answers for content it does
 * not recognise), for the hex viewer.
 */
export function rawBytesLoader(fixture: Fixture) {
  return async (): Promise<{ data: BytesData }> => ({
    data: { kind: 'bytes', mimetype: 'application/octet-stream', bytes: await loadFixture(fixture) },
  })
}

/** `parameters.docs` of a fixture story: its description and the code a user would write. */
export function fixtureDocs(fixture: Fixture, component: string, props = '') {
  const filename = fixture.path.slice(fixture.path.lastIndexOf('/') + 1)
  return {
    docs: {
      description: { story: `\`${fixture.path}\`: ${fixture.description}.` },
      source: {
        language: 'tsx',
        code: [
          `import { convertFormat } from 'datamint-react'`,
          `import { ${component} } from 'datamint-react/viewers'`,
          ``,
          `const bytes = new Uint8Array(await (await fetch('${filename}')).arrayBuffer())`,
          `const data = convertFormat(bytes, '${fixture.mimetype}')`,
          `<${component} data={data}${props} />`,
        ].join('\n'),
      },
    },
  }
}
