import { readFileSync } from 'node:fs'
import { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { unzipSync } from 'fflate'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { readBlob } from '../../src/api/upload/uploadInput.js'
import {
  DatamintProvider,
  useAnnotations,
  useCreateAnnotation,
  useDownloadResourceFiles,
  useProjects,
  useResources,
  useResourceTags,
  useUploadResources,
  useUploadSegmentations,
} from '../../src/index.js'
import { createDatamintServer } from '../../src/testing/index.js'
import { loadSeedFiles } from '../../src/testing/node.js'
import { makeSeries } from '../api/upload/buildSeries.js'

const seedFiles = await loadSeedFiles('test/fixtures', { include: (path) => /^(dicom|image)\//.test(path) })
const datamint = createDatamintServer({ seedFiles })
// Uploads named `slow…` wait until their request is aborted (a deterministic "in flight").
const slow = http.post(`${datamint.baseUrl}/resources`, async ({ request }) => {
  const path = (await request.clone().formData()).get('source_filepath')
  if (typeof path !== 'string' || !path.startsWith('slow')) return undefined
  await new Promise((resolve) => request.signal.addEventListener('abort', resolve))
  return HttpResponse.error()
})
const msw = setupServer(slow, ...datamint.handlers)
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
// The upload code and the packages it loads on first use (dcmjs, dicom-parser, fast-png) take seconds to import
// on a busy 2-core machine (the stress run timed the first upload test out at 5 s): loaded once here, outside any
// test's budget, so each test measures its own work.
beforeAll(async () => {
  await Promise.all([
    import('../../src/api/upload/uploadResources.js'),
    import('../../src/api/upload/segmentationMask.js'),
    import('dcmjs'),
    import('dicom-parser'),
    import('fast-png'),
  ])
}, 120_000)
afterEach(() => datamint.reset())
afterAll(() => msw.close())

function setup() {
  const api = new DatamintApi({
    serverUrl: datamint.baseUrl,
    apiKey: datamint.apiKey ?? undefined,
    maxRetries: 0,
  })
  const client = new QueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <DatamintProvider api={api} queryClient={client}>
      {children}
    </DatamintProvider>
  )
  return { api, client, wrapper }
}
const count = (method: string, path: RegExp) =>
  datamint.requests.filter((r) => r.method === method && path.test(r.path)).length
const fixture = (path: string) => new Uint8Array(readFileSync(`test/fixtures/${path}`))
const ct = fixture('dicom/CT_small.dcm')
const png = fixture('image/ct_small.png')

// Real work per test (series assembled and uploaded through the in-memory server): a budget that holds on a
// 2-core machine running two suites at once.
describe('useUploadResources', { timeout: 30_000 }, () => {
  it('per-file state, partial failure, and resource/project lists refetched once at the end', async () => {
    const { wrapper } = setup()
    const view = renderHook(
      () => ({
        upload: useUploadResources(),
        list: useResources().useList(),
        projects: useProjects().useList(),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(view.result.current.list.data && view.result.current.projects.data).toBeTruthy(),
    )
    const listsBefore = count('GET', /^\/resources$/)
    const projectsBefore = count('GET', /^\/projects$/)
    const a = makeSeries(ct, 3, (i, t) => t.map((v) => v + i))
    const b = makeSeries(ct, 2, (i, t) => t.map((v) => v * 2 + i))
    const files = [
      ...a.map((data, i) => ({ name: `a${i}.dcm`, data })),
      ...b.map((data, i) => ({ name: `b${i}.dcm`, data })),
      { name: 'scan.png', data: png },
      { name: 'broken.dcm', data: a[0].slice(0, 1500) },
    ]
    let results: unknown[] = []
    await act(async () => {
      results = await view.result.current.upload.mutateAsync({ files, concurrency: 2 })
    })
    expect(count('POST', /^\/resources$/)).toBe(3)
    const { files: state, fraction } = view.result.current.upload
    expect(state.map((f) => f.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'failed'])
    expect(state[0].id).toBe(state[2].id)
    expect(state[3].id).toBe(state[4].id)
    expect(state[6].error).toBeInstanceOf(Error)
    expect(results[6]).toBeInstanceOf(Error)
    expect(fraction).toBeGreaterThan(0.9)
    await waitFor(() => expect(view.result.current.list.data?.some((r) => r.id === state[5].id)).toBe(true))
    expect(count('GET', /^\/resources$/)).toBe(listsBefore + 1)
    expect(count('GET', /^\/projects$/)).toBe(projectsBefore + 1)
  })

  it('cancel() aborts what is in flight and keeps what finished', async () => {
    const { wrapper } = setup()
    const view = renderHook(() => useUploadResources(), { wrapper })
    let done: Promise<unknown> = Promise.resolve()
    act(() => {
      done = view.result.current
        .mutateAsync({
          files: [
            { name: 'first.png', data: png },
            { name: 'slow.png', data: png },
            { name: 'third.png', data: png },
          ],
          concurrency: 1,
        })
        .catch(() => undefined)
    })
    await waitFor(() => expect(view.result.current.files[1]?.status).toBe('uploading'))
    await waitFor(() => expect(count('POST', /^\/resources$/)).toBe(1))
    act(() => view.result.current.cancel())
    await act(() => done)
    expect(view.result.current.files.map((f) => f.status)).toEqual(['done', 'cancelled', 'cancelled'])
    expect(view.result.current.files[0].id).toBeTruthy()
  })
})

describe('useResourceTags', () => {
  it('optimistic: the tag shows at once in every cached list, then the server value; one request per group', async () => {
    const { wrapper } = setup()
    const view = renderHook(
      () => ({
        tags: useResourceTags(),
        list: useResources().useList(),
        inbox: useResources().useList({ status: 'inbox' }),
      }),
      {
        wrapper,
      },
    )
    await waitFor(() => expect(view.result.current.list.data && view.result.current.inbox.data).toBeTruthy())
    const [r1, r2] = view.result.current.inbox.data ?? []
    datamint.configure({ latency: 150 })
    act(() => view.result.current.tags.mutate({ resources: [r1, r2.id], add: ['urgent'] }))
    await waitFor(() => {
      const row = view.result.current.list.data?.find((r) => r.id === r1.id)
      expect(row?.tags).toContain('urgent')
      expect(view.result.current.inbox.data?.find((r) => r.id === r2.id)?.tags).toContain('urgent')
    })
    expect(count('PUT', /tags$/)).toBe(0)
    await waitFor(() => expect(view.result.current.tags.isSuccess).toBe(true))
    datamint.configure({ latency: 0 })
    expect(datamint.db.resources.get(r1.id)?.tags).toContain('urgent')
    const groups = new Set([r1, r2].map((r) => JSON.stringify([...(r.tags ?? []), 'urgent']))).size
    expect(count('PUT', /tags$/)).toBe(groups)
  })

  it('rolls back on error', async () => {
    const { wrapper } = setup()
    const view = renderHook(() => ({ tags: useResourceTags(), list: useResources().useList() }), { wrapper })
    await waitFor(() => expect(view.result.current.list.data).toBeTruthy())
    const r1 = view.result.current.list.data?.[0]
    if (!r1) throw new Error('no resource')
    datamint.inject('PUT /resources/:id/tags', { status: 500 })
    act(() => view.result.current.tags.mutate({ resources: [r1], add: ['doomed'] }))
    await waitFor(() => expect(view.result.current.tags.isError).toBe(true))
    expect(view.result.current.list.data?.find((r) => r.id === r1.id)?.tags).not.toContain('doomed')
    expect(datamint.db.resources.get(r1.id)?.tags).not.toContain('doomed')
  })

  it('undoable: undo() restores the cache and sends nothing', async () => {
    const { wrapper } = setup()
    const view = renderHook(
      () => ({
        tags: useResourceTags({ mutationMode: 'undoable', undoTimeout: 10_000 }),
        list: useResources().useList(),
      }),
      {
        wrapper,
      },
    )
    await waitFor(() => expect(view.result.current.list.data).toBeTruthy())
    const r1 = view.result.current.list.data?.[0]
    if (!r1) throw new Error('no resource')
    const before = r1.tags
    act(() => view.result.current.tags.mutate({ resources: [r1], remove: before ?? [], add: ['only'] }))
    await waitFor(() =>
      expect(view.result.current.list.data?.find((r) => r.id === r1.id)?.tags).toEqual(['only']),
    )
    act(() => {
      expect(view.result.current.tags.undo()).toBe(true)
    })
    await waitFor(() =>
      expect(view.result.current.list.data?.find((r) => r.id === r1.id)?.tags).toEqual(before),
    )
    expect(count('PUT', /tags$/)).toBe(0)
  })
})

describe('annotation hooks', { timeout: 30_000 }, () => {
  it("useUploadSegmentations refreshes that resource's annotation lists only", async () => {
    const { wrapper, api } = setup()
    const [r1, r2] = await api.resources.getAll(2)
    const view = renderHook(
      () => ({
        upload: useUploadSegmentations(),
        create: useCreateAnnotation(),
        mine: useAnnotations().useList({ resource: r1.id }),
        other: useAnnotations().useList({ resource: r2.id }),
      }),
      { wrapper },
    )
    await waitFor(() => expect(view.result.current.mine.data && view.result.current.other.data).toBeTruthy())
    const searches = count('POST', /^\/annotations\/search$/)
    await act(async () => {
      await view.result.current.upload.mutateAsync({
        resource: r1.id,
        mask: { width: 2, height: 1, data: new Uint8Array([1, 2]) },
        name: { 1: 'liver', 2: 'tumor' },
      })
    })
    await waitFor(() =>
      expect(
        view.result.current.mine.data?.filter((a) => ['liver', 'tumor'].includes(a.identifier)),
      ).toHaveLength(2),
    )
    expect(count('POST', /^\/annotations\/search$/)).toBe(searches + 1)
    await act(async () => {
      await view.result.current.create.mutateAsync({
        resource: r1.id,
        kind: 'numeric',
        identifier: 'count',
        value: 3,
      })
    })
    await waitFor(() =>
      expect(view.result.current.mine.data?.some((a) => a.identifier === 'count')).toBe(true),
    )
    expect(count('POST', /^\/annotations\/search$/)).toBe(searches + 2)
  })
})

describe('useDownloadResourceFiles', { timeout: 30_000 }, () => {
  it('downloads the selection into a ZIP with progress', async () => {
    const { wrapper, api } = setup()
    const resources = await api.resources.getAll(3)
    const view = renderHook(() => useDownloadResourceFiles(), { wrapper })
    let zip: Awaited<ReturnType<typeof view.result.current.mutateAsync>> | undefined
    await act(async () => {
      zip = await view.result.current.mutateAsync({ resources })
    })
    expect(zip?.names).toHaveLength(3)
    expect(Object.keys(unzipSync(await readBlob((zip as { blob: Blob }).blob)))).toHaveLength(3)
    expect(view.result.current.progress).toMatchObject({ done: 3, failed: 0, total: 3, fraction: 1 })
  })
})
