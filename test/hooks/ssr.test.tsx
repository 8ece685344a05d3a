/** @vitest-environment node */
import { renderToString } from 'react-dom/server'
import { expect, it } from 'vitest'
// A static import: evaluating the whole entry must not touch `window` (this file runs in Node).
import { DatamintProvider, useProjects, useResourceFile } from '../../src/index.js'

function Page() {
  const { data, status } = useProjects().useList()
  const file = useResourceFile(undefined)
  return <p>{`${status}:${data?.length ?? 0}:${file.progress.transferredBytes}`}</p>
}

it('imports and renders on a server without window', () => {
  expect(typeof window).toBe('undefined')
  const html = renderToString(
    <DatamintProvider config={{ serverUrl: 'http://127.0.0.1:9' }}>
      <Page />
    </DatamintProvider>,
  )
  expect(html).toBe('<p>pending:0:0</p>')
})
