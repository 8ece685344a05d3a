import { readFileSync } from 'node:fs'
import { type QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { DatamintError } from '../../src/api/errors.js'
import {
  DatamintProvider,
  useAnnotations,
  useDatamintApi,
  useDatasets,
  useProjects,
  useResourceFile,
  useResources,
  useUsers,
} from '../../src/index.js'
import { project, resource } from './support/entities.js'
import { serveForEachTest } from './support/loopbackServer.js'
import { newClient } from './support/things.js'

const server = serveForEachTest((s) => {
  s.seed('projects', [project(0), project(1)])
  s.seed('resources', [resource(0), resource(1)])
  s.files.set(resource(0).id, {
    bytes: new Uint8Array(readFileSync('test/fixtures/image/ct_small.png')),
    mimetype: 'image/png',
  })
})

function ProjectNames({ onClient }: { onClient?: (c: QueryClient, api: DatamintApi) => void }) {
  const client = useQueryClient()
  const api = useDatamintApi()
  onClient?.(client, api)
  const { data } = useProjects().useList()
  return <p>{data ? data.map((p) => p.name).join(',') : 'loading'}</p>
}

describe('DatamintProvider', () => {
  it('makes one API and one QueryClient, stable across re-renders with an inline config, under StrictMode', async () => {
    const seen = new Set<unknown>()
    const apis = new Set<unknown>()
    const onClient = (c: QueryClient, api: DatamintApi) => {
      seen.add(c)
      apis.add(api)
    }
    const view = render(
      <StrictMode>
        <DatamintProvider config={{ serverUrl: server.url, maxRetries: 0 }}>
          <ProjectNames onClient={onClient} />
        </DatamintProvider>
      </StrictMode>,
    )
    await screen.findByText('project 0,project 1')
    view.rerender(
      <StrictMode>
        <DatamintProvider config={{ serverUrl: server.url, maxRetries: 0 }}>
          <ProjectNames onClient={onClient} />
        </DatamintProvider>
      </StrictMode>,
    )
    await screen.findByText('project 0,project 1')
    expect(seen.size).toBe(1)
    expect(apis.size).toBe(1)
    expect(server.requests).toHaveLength(1)
    const client = [...seen][0] as QueryClient
    expect(client.getDefaultOptions().queries?.retry).toBe(false)
  })

  it('uses the api and queryClient it is given, or the QueryClient of an enclosing provider', async () => {
    const api = new DatamintApi({ serverUrl: server.url })
    const given = newClient()
    let used: unknown
    render(
      <DatamintProvider api={api} queryClient={given}>
        <ProjectNames onClient={(c, a) => (used = [c, a])} />
      </DatamintProvider>,
    )
    await screen.findByText('project 0,project 1')
    expect(used).toEqual([given, api])
    cleanup()
    const outer = newClient()
    render(
      <QueryClientProvider client={outer}>
        <DatamintProvider api={api}>
          <ProjectNames onClient={(c) => (used = c)} />
        </DatamintProvider>
      </QueryClientProvider>,
    )
    await screen.findByText('project 0,project 1')
    expect(used).toBe(outer)
  })

  it('useDatamintApi outside a provider says what to do', () => {
    expect(() => renderHook(() => useDatamintApi())).toThrow(DatamintError)
    expect(() => renderHook(() => useDatamintApi())).toThrow(/DatamintProvider/)
  })
})

describe('ready-made hooks', () => {
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <DatamintProvider config={{ serverUrl: server.url, maxRetries: 0 }}>{children}</DatamintProvider>
  )

  it('are createEntityHooks for each API of the client, made once per API, with its capabilities', () => {
    const { result, rerender } = renderHook(
      () => ({
        projects: useProjects(),
        resources: useResources(),
        annotations: useAnnotations(),
        users: useUsers(),
        datasets: useDatasets(),
        api: useDatamintApi(),
      }),
      { wrapper },
    )
    const first = result.current
    rerender()
    expect(result.current.projects).toBe(first.projects)
    const has = (hooks: object) =>
      ['useCreate', 'usePatch', 'useDelete', 'useBulkDelete'].filter((name) => name in hooks)
    expect(has(first.projects)).toEqual(['useCreate', 'usePatch', 'useDelete', 'useBulkDelete'])
    expect(has(first.resources)).toEqual(['useCreate', 'useDelete', 'useBulkDelete'])
    expect(has(first.users)).toEqual(['useCreate'])
    expect(has(first.datasets)).toEqual(['useDelete', 'useBulkDelete'])
    expect(first.projects.keys.all).toEqual(['datamint', server.url, 'projects'])
    expect(first.annotations.keys.all).toEqual(['datamint', server.url, 'annotations'])
  })

  it('deleting a resource refetches project queries and drops its cached file', async () => {
    const { result } = renderHook(
      () => ({
        projects: useProjects().useList(),
        file: useResourceFile(resource(1).id, { enabled: false }),
        del: useResources().useDelete(),
        client: useQueryClient(),
      }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.projects.data).toHaveLength(2))
    const fileKey = [
      'datamint',
      server.url,
      'resources',
      'detail',
      resource(1).id,
      'file',
      { autoConvert: true },
    ]
    result.current.client.setQueryData(fileKey, new Uint8Array(3))
    await act(() => result.current.del.mutateAsync(resource(1).id))
    await waitFor(() => expect(server.count('GET', /^\/projects$/)).toBe(2))
    expect(result.current.client.getQueryData(fileKey)).toBeUndefined()
    expect(server.count('DELETE', /^\/resources\//)).toBe(1)
  })
})

describe('useResourceFile', () => {
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <DatamintProvider config={{ serverUrl: server.url, maxRetries: 0 }}>{children}</DatamintProvider>
  )
  const filePath = new RegExp(`^/resources/${resource(0).id}/file$`)

  it('downloads once per resource with progress, converts it, and caches without structural sharing', async () => {
    const { result } = renderHook(
      () => ({
        a: useResourceFile(resource(0).id),
        b: useResourceFile(resource(0).id),
        client: useQueryClient(),
      }),
      { wrapper },
    )
    expect(result.current.a.progress.transferredBytes).toBe(0)
    await waitFor(() => expect(result.current.a.status).toBe('success'))
    const data = result.current.a.data
    expect(data?.kind).toBe('image')
    expect(data && 'width' in data && [data.width, data.height]).toEqual([128, 128])
    expect(result.current.b.data).toBe(data)
    const size = readFileSync('test/fixtures/image/ct_small.png').length
    expect(result.current.a.progress).toEqual({ fraction: 1, transferredBytes: size, totalBytes: size })
    expect(server.count('GET', filePath)).toBe(1)
    const fileQuery = result.current.client
      .getQueryCache()
      .findAll({ queryKey: ['datamint', server.url, 'resources', 'detail', resource(0).id] })[0]
    expect(fileQuery.options.structuralSharing).toBe(false)
    expect(fileQuery.options.gcTime).toBe(60_000)
  })

  it('gives raw bytes with autoConvert false, waits while disabled, and aborts on unmount', async () => {
    const raw = renderHook(() => useResourceFile(resource(0).id, { autoConvert: false }), { wrapper })
    await waitFor(() => expect(raw.result.current.isSuccess).toBe(true))
    expect(raw.result.current.data).toBeInstanceOf(Uint8Array)
    const idle = renderHook(() => useResourceFile(undefined), { wrapper })
    expect(idle.result.current.fetchStatus).toBe('idle')
    server.requests.length = 0
    const hold = server.hold('GET', filePath)
    const view = renderHook(() => useResourceFile(resource(0).id), { wrapper })
    await waitFor(() => expect(hold.waiting()).toBe(1))
    view.unmount()
    await waitFor(() => expect(server.requests[0].aborted).toBe(true))
    expect(server.requests).toHaveLength(1)
  })

  it("is React Query's own result (tracked fields) with progress beside it, and never warns", async () => {
    const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'log')]
    let renders = 0
    const { result } = renderHook(
      () => {
        renders++
        const file = useResourceFile(resource(0).id)
        // Reads only these, as a component showing a progress bar then the image would.
        return { status: file.status, progress: file.progress, file }
      },
      { wrapper },
    )
    await waitFor(() => expect(result.current.status).toBe('success'))
    const { file } = result.current
    const { progress, refetch, ...rest } = file
    expect(progress.fraction).toBe(1)
    expect(typeof refetch).toBe('function')
    expect(Object.keys(rest)).toEqual(
      expect.arrayContaining(['data', 'isFetchedAfterMount', 'isPlaceholderData']),
    )
    expect('progress' in file).toBe(true)
    // Untracked fields (dataUpdatedAt, isFetching, …) changing does not re-render: a handful of renders,
    // one per progress step and status.
    expect(renders).toBeLessThan(8)
    for (const spy of logged) expect(spy).not.toHaveBeenCalled()
    for (const spy of logged) spy.mockRestore()
  })
})
