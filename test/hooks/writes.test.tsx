import type { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { BulkOperationError } from '../../src/api/BulkOperationError.js'
import { DatamintError } from '../../src/api/errors.js'
import { MutationUndoneError } from '../../src/hooks/core/undoableScheduler.js'
import { createEntityHooks } from '../../src/hooks/createEntityHooks.js'
import { serveForEachTest } from './support/loopbackServer.js'
import {
  createOnlyApi,
  makeThings,
  newClient,
  type Thing,
  thingId,
  thingsApi,
  wrapperFor,
} from './support/things.js'

const server = serveForEachTest((s) => {
  s.seed('things', [...makeThings(4, 'inbox'), ...makeThings(8, 'x').slice(4)])
})

const id3 = thingId(3)
const listGets = () => server.count('GET', /^\/things$/)

/** Mounts a detail of thing 3, the list of all and the list of inbox things, and waits for the data. */
async function mountViews(
  hooks: ReturnType<typeof createEntityHooks<ReturnType<typeof thingsApi>>>,
  client: QueryClient,
) {
  const wrapper = wrapperFor(client)
  const view = renderHook(
    () => ({
      detail: hooks.useGetById(id3),
      all: hooks.useList(),
      inbox: hooks.useList({ status: 'inbox' }),
      pages: hooks.useInfiniteList({}, { pageSize: 4 }),
    }),
    { wrapper },
  )
  await waitFor(() => {
    expect(view.result.current.all.isSuccess).toBe(true)
    expect(view.result.current.inbox.isSuccess).toBe(true)
    expect(view.result.current.pages.isSuccess).toBe(true)
    expect(view.result.current.detail.isSuccess).toBe(true)
  })
  // React Query re-renders only for result fields that were read: read `data` as a component would.
  for (const r of Object.values(view.result.current)) expect(r.data).toBeDefined()
  return view
}
const named = (list: Thing[] | undefined) => list?.find((t) => t.id === id3)?.name

describe('usePatch', () => {
  it('optimistic: shows the change at once everywhere, then the server value, refetching each list once', async () => {
    server.override('PATCH', /^\/things\//, (req) => {
      const next = { ...server.collections.get('things')!.get(id3)!, ...(req.body as object), version: 2 }
      server.collections.get('things')!.set(id3, next)
      return { status: 200, body: next }
    })
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const before = { all: listGets(), detail: server.count('GET', /^\/things\/.+/) }
    const hold = server.hold('PATCH', /^\/things\//)
    const patch = renderHook(() => hooks.usePatch(), { wrapper: wrapperFor(client) })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'renamed' } }))
    await waitFor(() => expect(view.result.current.detail.data?.name).toBe('renamed'))
    expect(named(view.result.current.all.data)).toBe('renamed')
    expect(named(view.result.current.inbox.data)).toBe('renamed')
    expect(named(view.result.current.pages.data?.pages[0])).toBe('renamed')
    await waitFor(() => expect(hold.waiting()).toBe(1))
    expect(view.result.current.detail.data?.version).toBeUndefined()
    hold.release()
    await waitFor(() => expect(patch.result.current.isSuccess).toBe(true))
    expect(view.result.current.detail.data).toEqual({ id: id3, name: 'renamed', status: 'inbox', version: 2 })
    await waitFor(() => expect(listGets() - before.all).toBe(3))
    await new Promise((r) => setTimeout(r, 50))
    // all, inbox and the infinite list (one page) once each; no detail refetch; one PATCH.
    expect(listGets() - before.all).toBe(3)
    expect(server.count('GET', /^\/things\/.+/)).toBe(before.detail)
    expect(server.count('PATCH')).toBe(1)
    expect(named(view.result.current.all.data)).toBe('renamed')
    expect(view.result.current.all.data?.find((t) => t.id === id3)?.version).toBe(2)
  })

  it('optimistic: a 500 restores exactly the previous objects and refetches nothing', async () => {
    server.override('PATCH', /^\/things\//, () => ({ status: 500, body: { error: 'boom' } }))
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const prev = { ...view.result.current }
    const gets = server.requests.length
    const hold = server.hold('PATCH', /^\/things\//)
    const patch = renderHook(() => hooks.usePatch(), { wrapper: wrapperFor(client) })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'renamed' } }))
    await waitFor(() => expect(view.result.current.detail.data?.name).toBe('renamed'))
    hold.release()
    await waitFor(() => expect(patch.result.current.isError).toBe(true))
    expect(patch.result.current.error?.name).toBe('ServerError')
    expect(view.result.current.detail.data).toBe(prev.detail.data)
    expect(view.result.current.all.data).toBe(prev.all.data)
    expect(view.result.current.inbox.data).toBe(prev.inbox.data)
    expect(view.result.current.pages.data).toBe(prev.pages.data)
    await new Promise((r) => setTimeout(r, 50))
    expect(server.requests.length - gets).toBe(1)
  })

  it('pessimistic: the cache changes only after the server answers', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const hold = server.hold('PATCH', /^\/things\//)
    const patch = renderHook(() => hooks.usePatch({ mutationMode: 'pessimistic' }), {
      wrapper: wrapperFor(client),
    })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'slow' } }))
    await waitFor(() => expect(hold.waiting()).toBe(1))
    expect(view.result.current.detail.data?.name).toBe('thing 3')
    hold.release()
    await waitFor(() => expect(view.result.current.detail.data?.name).toBe('slow'))
    expect(named(view.result.current.all.data)).toBe('slow')
  })

  it('with several writes pending on one entity, lists are refetched only after the last settles', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const gets = listGets()
    const hold = server.hold('PATCH', /^\/things\//)
    const first = renderHook(() => hooks.usePatch(), { wrapper: wrapperFor(client) })
    const second = renderHook(() => hooks.usePatch(), { wrapper: wrapperFor(client) })
    act(() => first.result.current.mutate({ entity: id3, data: { name: 'one' } }))
    act(() => second.result.current.mutate({ entity: id3, data: { status: 'done' } }))
    await waitFor(() => expect(hold.waiting()).toBe(2))
    await waitFor(() =>
      expect(view.result.current.detail.data).toMatchObject({ name: 'one', status: 'done' }),
    )
    hold.release()
    await waitFor(() => expect(second.result.current.isSuccess && first.result.current.isSuccess).toBe(true))
    await waitFor(() => expect(listGets() - gets).toBe(3))
    await new Promise((r) => setTimeout(r, 50))
    expect(listGets() - gets).toBe(3)
    expect(server.count('PATCH')).toBe(2)
  })
})

describe('useDelete / useBulkDelete', () => {
  it('optimistic: gone from every list at once, back (the same objects) on a 403', async () => {
    server.override('DELETE', /^\/things\//, () => ({ status: 403, body: { error: 'no' } }))
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const prev = { ...view.result.current }
    const hold = server.hold('DELETE', /^\/things\//)
    const del = renderHook(() => hooks.useDelete(), { wrapper: wrapperFor(client) })
    act(() => del.result.current.mutate(id3))
    await waitFor(() => expect(named(view.result.current.all.data)).toBeUndefined())
    expect(named(view.result.current.inbox.data)).toBeUndefined()
    expect(view.result.current.all.data).toHaveLength(7)
    expect(view.result.current.pages.data?.pages.flat()).toHaveLength(3)
    // The detail on screen stays until the server confirms; nothing is refetched meanwhile.
    expect(view.result.current.detail.data).toBe(prev.detail.data)
    hold.release()
    await waitFor(() => expect(del.result.current.isError).toBe(true))
    expect(del.result.current.error?.name).toBe('PermissionDeniedError')
    expect(view.result.current.all.data).toBe(prev.all.data)
    expect(view.result.current.inbox.data).toBe(prev.inbox.data)
    expect(view.result.current.pages.data).toBe(prev.pages.data)
    expect(client.getQueryData(hooks.keys.detail(id3))).toBe(prev.detail.data)
    expect(server.count('DELETE')).toBe(1)
    expect(server.count('GET', /^\/things\/.+/)).toBe(1)
  })

  it('drops detail entries nobody shows at once, and the shown one once the server confirms', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const other = thingId(1)
    // A detail entry nobody observes (made from the list, no request).
    await client.ensureQueryData(hooks.queries.detail(other))
    expect(client.getQueryData(hooks.keys.detail(other))).toBeDefined()
    const hold = server.hold('DELETE', /^\/things\//)
    const bulk = renderHook(() => hooks.useBulkDelete(), { wrapper: wrapperFor(client) })
    act(() => bulk.result.current.mutate([other, id3]))
    await waitFor(() => expect(view.result.current.all.data).toHaveLength(6))
    expect(client.getQueryCache().find({ queryKey: hooks.keys.detail(other), exact: true })).toBeUndefined()
    expect(view.result.current.detail.data?.id).toBe(id3)
    expect(view.result.current.detail.error).toBeNull()
    hold.release()
    await waitFor(() => expect(bulk.result.current.isSuccess).toBe(true))
    // The entry is dropped; the component still showing it reads it again and learns it is gone.
    await waitFor(() => expect(view.result.current.detail.error?.name).toBe('ItemNotFoundError'))
    expect(view.result.current.detail.data).toBeUndefined()
    expect(server.count('DELETE')).toBe(2)
  })

  it('bulk partial failure restores only the failed ids and reports each', async () => {
    const failing = thingId(1)
    server.override('DELETE', new RegExp(`^/things/${failing}$`), () => ({
      status: 403,
      body: { error: 'no' },
    }))
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const wrapper = wrapperFor(client)
    const list = renderHook(() => hooks.useList(), { wrapper })
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true))
    const original = list.result.current.data!
    const bulk = renderHook(() => hooks.useBulkDelete(), { wrapper })
    act(() => bulk.result.current.mutate([thingId(0), failing, thingId(2)]))
    await waitFor(() => expect(bulk.result.current.isError).toBe(true))
    const error = bulk.result.current.error
    if (!(error instanceof BulkOperationError)) throw new Error(`expected a BulkOperationError, got ${error}`)
    expect(error.failures.map((f) => [f.id, (f.error as Error).name])).toEqual([
      [failing, 'PermissionDeniedError'],
    ])
    const ids = list.result.current.data!.map((t) => t.id)
    expect(ids.slice(0, 2)).toEqual([failing, thingId(3)])
    expect(list.result.current.data![0]).toBe(original[1])
    // The list is refetched once since the server did change.
    await waitFor(() => expect(listGets()).toBe(2))
    expect(list.result.current.data!.map((t) => t.id)).toEqual(ids)
  })
})

describe('undoable', () => {
  it('undo() in time restores the cache and sends nothing', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const view = await mountViews(hooks, client)
    const prev = { ...view.result.current }
    const count = server.requests.length
    const patch = renderHook(() => hooks.usePatch({ mutationMode: 'undoable' }), {
      wrapper: wrapperFor(client),
    })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'maybe' } }))
    await waitFor(() => expect(view.result.current.detail.data?.name).toBe('maybe'))
    let undone = false
    act(() => {
      undone = patch.result.current.undo()
    })
    expect(undone).toBe(true)
    await waitFor(() => expect(view.result.current.detail.data).toBe(prev.detail.data))
    expect(view.result.current.all.data).toBe(prev.all.data)
    expect(patch.result.current.status).toBe('idle')
    await new Promise((r) => setTimeout(r, 300))
    expect(server.requests.length).toBe(count)
  })

  it('undo() right after mutate() touches nothing; mutateAsync rejects with MutationUndoneError', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const wrapper = wrapperFor(client)
    const del = renderHook(() => hooks.useDelete({ mutationMode: 'undoable', undoTimeout: 100 }), { wrapper })
    let outcome: Promise<unknown> = Promise.resolve()
    act(() => {
      outcome = del.result.current.mutateAsync(id3).catch((e) => e)
      del.result.current.undo()
    })
    expect(await outcome).toBeInstanceOf(MutationUndoneError)
    expect(await outcome).toBeInstanceOf(DatamintError)
    await new Promise((r) => setTimeout(r, 150))
    expect(server.requests).toHaveLength(0)
  })

  it('without undo the request is sent once after the timeout', async () => {
    const api = thingsApi(server)
    const sendDelete = vi.spyOn(api, 'delete')
    const hooks = createEntityHooks(api)
    const client = newClient()
    const view = await mountViews(hooks, client)
    const del = renderHook(() => hooks.useDelete({ mutationMode: 'undoable', undoTimeout: 100 }), {
      wrapper: wrapperFor(client),
    })
    act(() => del.result.current.mutate(id3))
    await waitFor(() => expect(named(view.result.current.all.data)).toBeUndefined())
    expect(server.count('DELETE')).toBe(0)
    await waitFor(() => expect(del.result.current.isSuccess).toBe(true))
    expect(server.count('DELETE')).toBe(1)
    // A timed-out wait sends an ordinary request (no keepalive: the page stays).
    expect(sendDelete).toHaveBeenCalledWith(id3, { keepalive: false })
    expect(del.result.current.undo()).toBe(false)
    await new Promise((r) => setTimeout(r, 50))
    expect(server.count('DELETE')).toBe(1)
    expect(server.collections.get('things')!.has(id3)).toBe(false)
  })

  it('pagehide sends a pending undoable write at once, with fetch keepalive', async () => {
    const api = thingsApi(server)
    const sendPatch = vi.spyOn(api, 'patch')
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const hooks = createEntityHooks(api)
    const client = newClient()
    const patch = renderHook(() => hooks.usePatch({ mutationMode: 'undoable', undoTimeout: 60_000 }), {
      wrapper: wrapperFor(client),
    })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'saved on close' } }))
    await new Promise((r) => setTimeout(r, 20))
    expect(server.count('PATCH')).toBe(0)
    window.dispatchEvent(new Event('pagehide'))
    await waitFor(() => expect(patch.result.current.isSuccess).toBe(true))
    expect(server.count('PATCH')).toBe(1)
    expect(server.collections.get('things')!.get(id3)!.name).toBe('saved on close')
    // Without keepalive the browser cancels a request started while the tab closes.
    expect(sendPatch).toHaveBeenCalledWith(id3, { name: 'saved on close' }, { keepalive: true })
    const sent = fetchSpy.mock.calls.map(([input]) => input as Request).filter((r) => r.method === 'PATCH')
    fetchSpy.mockRestore()
    expect(sent.map((r) => r.keepalive)).toEqual([true])
  })
})

describe('useCreate', () => {
  it('puts the new entity in its detail entry and refetches the lists', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const wrapper = wrapperFor(client)
    const list = renderHook(() => hooks.useList(), { wrapper })
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true))
    const create = renderHook(() => hooks.useCreate(), { wrapper })
    let created: Thing | string | undefined
    await act(async () => {
      created = await create.result.current.mutateAsync({ name: 'new', status: 'inbox' })
    })
    const id = (created as Thing).id
    expect(client.getQueryData(hooks.keys.detail(id))).toEqual(created)
    await waitFor(() => expect(list.result.current.data).toHaveLength(9))
    expect(listGets()).toBe(2)
    const detail = renderHook(() => hooks.useGetById(id), { wrapper })
    expect(detail.result.current.data).toEqual(created)
    expect(server.count('GET', /^\/things\/.+/)).toBe(0)
  })

  it('creating a resource invalidates project queries (cross-entity table)', async () => {
    server.seed('projects', makeThings(2))
    server.seed('resources', [])
    const projects = createEntityHooks(thingsApi(server, 0, 'projects'))
    const resources = createEntityHooks(createOnlyApi(server, 'resources'))
    const client = newClient()
    const wrapper = wrapperFor(client)
    const list = renderHook(() => projects.useList(), { wrapper })
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true))
    const create = renderHook(() => resources.useCreate(), { wrapper })
    await act(() => create.result.current.mutateAsync({ name: 'scan.dcm', status: 'inbox' }))
    await waitFor(() => expect(server.count('GET', /^\/projects$/)).toBe(2))
  })
})
