import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { createDatamintServer, fetchSeedFiles, type SeedFile } from '../../src/testing/index.js'

// The browser path: fixtures fetched by URL (Vite `?url`, no fs) and msw's service worker from public/.
const urls = import.meta.glob('../fixtures/{dicom,nifti,image,video}/*', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>

let seedFiles: SeedFile[]
let datamint: ReturnType<typeof createDatamintServer>
const worker = setupWorker()

beforeAll(async () => {
  seedFiles = await fetchSeedFiles(Object.values(urls))
  datamint = createDatamintServer({ seedFiles })
  worker.use(...datamint.handlers)
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  })
})
afterAll(() => worker.stop())

describe('the in-memory server behind a service worker', () => {
  it('seeds one resource per fixture, fetched by URL', async () => {
    expect(seedFiles.length).toBe(Object.keys(urls).length)
    expect(seedFiles.map((f) => f.filename)).toContain('CT_small.dcm')
    const response = await fetch(`${datamint.baseUrl}/resources?limit=100`, {
      headers: { apikey: 'test-api-key' },
    })
    const body = await response.json()
    expect(body.data[0].resources).toHaveLength(seedFiles.length)
  })

  it('answers 401 without the key', async () => {
    expect((await fetch(`${datamint.baseUrl}/projects`)).status).toBe(401)
  })

  it('serves downloads with Content-Length (progress) and uploads through the real client', async () => {
    const api = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'test-api-key' })
    const file = seedFiles.find((f) => f.filename === 'anatomical.nii') as SeedFile
    const resource = datamint.db.liveResources().find((r) => r.filename === 'anatomical.nii')
    const fractions: Array<number | undefined> = []
    const bytes = await api.resources.downloadResourceFile(resource?.id as string, {
      autoConvert: false,
      onProgress: (p) => fractions.push(p.fraction),
    })
    expect(bytes).toEqual(file.bytes)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions.filter((f) => f !== undefined && f > 0 && f < 1).length).toBeGreaterThan(0)

    const id = await api.resources.uploadResource(new File([file.bytes as BlobPart], 'copy.nii'))
    expect(await api.resources.downloadResourceFile(id, { autoConvert: false })).toEqual(file.bytes)
    expect((await api.resources.getById(id)).mimetype).toBe('application/nifti')
  })

  it('injects a fault the client retries', async () => {
    const before = datamint.requests.length
    datamint.inject('GET /projects', { status: 503, times: 1 })
    const api = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'test-api-key' })
    expect(await api.projects.getList()).toHaveLength(3)
    expect(
      datamint.requests
        .slice(before)
        .filter((r) => r.route === 'GET /projects')
        .map((r) => r.status),
    ).toEqual([503, 200])
  })
})
