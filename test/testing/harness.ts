import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createDatamintServer, type DatamintServerOptions } from '../../src/testing/index.js'
import { loadSeedFiles } from '../../src/testing/node.js'

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname
/** Every file of the four fixture folders (not the decoder oracles in reference/ or generated/). */
export const seedFiles = await loadSeedFiles(FIXTURES, {
  include: (path) => /^(dicom|nifti|image|video)\//.test(path),
})

/**
 * Starts an msw/node server around one in-memory Datamint server for the test file, resets it after
 * each test, and gives a small fetch helper that sends the API key.
 */
export function startDatamintServer(options: DatamintServerOptions = {}) {
  const datamint = createDatamintServer({ seedFiles, ...options })
  const msw = setupServer(...datamint.handlers)
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => datamint.reset())
  afterAll(() => msw.close())

  async function call(
    method: string,
    path: string,
    init: {
      query?: Record<string, string | number | boolean>
      json?: unknown
      body?: BodyInit
      headers?: Record<string, string>
      apiKey?: string | null
    } = {},
  ) {
    const url = new URL(datamint.baseUrl + path)
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { ...init.headers }
    const key = init.apiKey === undefined ? datamint.apiKey : init.apiKey
    if (key !== null) headers.apikey = key
    if (init.json !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(url, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    })
    const type = response.headers.get('content-type') ?? ''
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
    const body: any = type.includes('json')
      ? await response.json()
      : new Uint8Array(await response.arrayBuffer())
    return { status: response.status, headers: response.headers, body }
  }

  return { datamint, msw, call }
}

/** The resources of a `GET /resources` answer (the nested shape). */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
export function nestedResources(body: any): any[] {
  return body.data[0].resources
}
