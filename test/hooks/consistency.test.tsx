// The cache never shows what the server does not hold: overlapping writes to one entity whose answers come
// back out of order, and data fetched while a write is pending (optimistic, undoable, delete).
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createEntityHooks } from '../../src/hooks/createEntityHooks.js'
import { serveForEachTest } from './support/loopbackServer.js'
import { makeThings, newClient, type Thing, thingId, thingsApi, wrapperFor } from './support/things.js'

const server = serveForEachTest((s) => s.seed('things', makeThings(6)))
const id3 = thingId(3)
const named = (list: Thing[] | undefined) => list?.find((t) => t.id === id3)?.name
const onServer = () => server.collections.get('things')?.get(id3)?.name
/** Lets pending refetches and renders (React Query notifies on a timer) happen before checking. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 100)))

function setup() {
  const hooks = createEntityHooks(thingsApi(server))
  const client = newClient()
  const wrapper = wrapperFor(client)
  return { hooks, client, wrapper }
}

describe('overlapping writes to one entity', () => {
  it('the first answer arriving last does not win: every cached copy ends as the server holds it', async () => {
    const { hooks, client, wrapper } = setup()
    // A detail on screen, and a list cached but not shown (an invalidation does not refetch it).
    await client.fetchQuery(hooks.queries.list())
    const detail = renderHook(() => hooks.useGetById(id3), { wrapper })
    await waitFor(() => expect(detail.result.current.data?.name).toBe('thing 3'))
    const first = renderHook(() => hooks.usePatch(), { wrapper })
    const second = renderHook(() => hooks.usePatch(), { wrapper })
    // The server applies A at once, but its answer is held back.
    const late = server.hold('PATCH', /^\/things\//, { answer: true })
    act(() => first.result.current.mutate({ entity: id3, data: { name: 'one' } }))
    await waitFor(() => expect(late.waiting()).toBe(1))
    late.close()
    // B is applied after A and answered at once.
    act(() => second.result.current.mutate({ entity: id3, data: { name: 'two' } }))
    await waitFor(() => expect(second.result.current.isSuccess).toBe(true))
    expect(onServer()).toBe('two')
    expect(detail.result.current.data?.name).toBe('two')
    // A's answer ({ name: 'one' }) arrives last.
    late.release()
    await waitFor(() => expect(first.result.current.isSuccess).toBe(true))
    expect(first.result.current.data?.name).toBe('one')
    await settle()
    expect(detail.result.current.data?.name).toBe('two')
    expect(named(client.getQueryData(hooks.keys.list()))).toBe('two')
    expect(server.count('PATCH')).toBe(2)
  })

  it('an answer arriving while a later write is pending keeps that write on top', async () => {
    const { hooks, wrapper } = setup()
    const view = renderHook(() => ({ detail: hooks.useGetById(id3), list: hooks.useList() }), { wrapper })
    await waitFor(() => expect(named(view.result.current.list.data)).toBe('thing 3'))
    expect(view.result.current.detail.data).toBeDefined()
    const first = renderHook(() => hooks.usePatch(), { wrapper })
    const second = renderHook(() => hooks.usePatch(), { wrapper })
    const held = server.hold('PATCH', /^\/things\//)
    act(() => first.result.current.mutate({ entity: id3, data: { name: 'one' } }))
    await waitFor(() => expect(held.waiting()).toBe(1))
    held.close()
    // B's request is held until A has answered.
    const heldB = server.hold('PATCH', /^\/things\//)
    act(() => second.result.current.mutate({ entity: id3, data: { status: 'done' } }))
    await waitFor(() => expect(heldB.waiting()).toBe(1))
    held.release()
    await waitFor(() => expect(first.result.current.isSuccess).toBe(true))
    // A's answer is in, B's change still shows.
    expect(view.result.current.detail.data).toMatchObject({ name: 'one', status: 'done' })
    expect(view.result.current.list.data?.find((t) => t.id === id3)).toMatchObject({
      name: 'one',
      status: 'done',
    })
    heldB.release()
    await waitFor(() => expect(second.result.current.isSuccess).toBe(true))
    await settle()
    expect(view.result.current.detail.data).toMatchObject({ name: 'one', status: 'done' })
  })
})

describe('data arriving while a write is pending', () => {
  /** A detail, two lists and an infinite list on screen, loaded. */
  async function mount(hooks: ReturnType<typeof setup>['hooks'], wrapper: ReturnType<typeof wrapperFor>) {
    const view = renderHook(
      () => ({
        detail: hooks.useGetById(id3),
        all: hooks.useList(),
        pages: hooks.useInfiniteList({}, { pageSize: 4 }),
      }),
      { wrapper },
    )
    await waitFor(() => {
      expect(view.result.current.all.data).toHaveLength(6)
      expect(view.result.current.pages.data?.pages[0]).toHaveLength(4)
      expect(view.result.current.detail.data?.name).toBe('thing 3')
    })
    return view
  }

  it('optimistic patch: a refetch and a newly mounted list show the change on top', async () => {
    const { hooks, client, wrapper } = setup()
    const view = await mount(hooks, wrapper)
    const held = server.hold('PATCH', /^\/things\//)
    const patch = renderHook(() => hooks.usePatch(), { wrapper })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'renamed' } }))
    await waitFor(() => expect(held.waiting()).toBe(1))
    const gets = server.count('GET')
    // Window focus, a new mount or refetchInterval: the server still has the old name.
    await act(() => client.refetchQueries({ queryKey: hooks.keys.all }))
    await settle()
    expect(server.count('GET') - gets).toBe(3)
    const inbox = renderHook(() => hooks.useList({ status: 'inbox' }), { wrapper })
    await waitFor(() => expect(inbox.result.current.isSuccess).toBe(true))
    expect(onServer()).toBe('thing 3')
    expect(view.result.current.detail.data?.name).toBe('renamed')
    expect(named(view.result.current.all.data)).toBe('renamed')
    expect(named(view.result.current.pages.data?.pages[0])).toBe('renamed')
    expect(named(inbox.result.current.data)).toBe('renamed')
    held.release()
    await waitFor(() => expect(patch.result.current.isSuccess).toBe(true))
    await settle()
    expect(named(view.result.current.all.data)).toBe('renamed')
    expect(view.result.current.detail.data?.name).toBe('renamed')
  })

  it('undoable patch: a refetch while it waits shows it; undo() then brings back what the server holds', async () => {
    const { hooks, client, wrapper } = setup()
    const view = await mount(hooks, wrapper)
    const patch = renderHook(() => hooks.usePatch({ mutationMode: 'undoable', undoTimeout: 60_000 }), {
      wrapper,
    })
    act(() => patch.result.current.mutate({ entity: id3, data: { name: 'maybe' } }))
    await waitFor(() => expect(named(view.result.current.all.data)).toBe('maybe'))
    await act(() => client.refetchQueries({ queryKey: hooks.keys.all }))
    await settle()
    expect(named(view.result.current.all.data)).toBe('maybe')
    expect(named(view.result.current.pages.data?.pages[0])).toBe('maybe')
    expect(view.result.current.detail.data?.name).toBe('maybe')
    act(() => {
      patch.result.current.undo()
    })
    await waitFor(() => expect(named(view.result.current.all.data)).toBe('thing 3'))
    await settle()
    expect(view.result.current.detail.data?.name).toBe('thing 3')
    expect(named(view.result.current.pages.data?.pages[0])).toBe('thing 3')
    expect(server.count('PATCH')).toBe(0)
  })

  it('optimistic delete: a refetch does not bring the entity back into any list', async () => {
    const { hooks, client, wrapper } = setup()
    const view = await mount(hooks, wrapper)
    const held = server.hold('DELETE', /^\/things\//)
    const del = renderHook(() => hooks.useDelete(), { wrapper })
    act(() => del.result.current.mutate(id3))
    await waitFor(() => expect(held.waiting()).toBe(1))
    await act(() => client.refetchQueries({ queryKey: hooks.keys.lists() }))
    await settle()
    expect(server.collections.get('things')?.has(id3)).toBe(true)
    expect(view.result.current.all.data?.map((t) => t.id)).not.toContain(id3)
    expect(view.result.current.all.data).toHaveLength(5)
    expect(view.result.current.pages.data?.pages[0].map((t) => t.id)).not.toContain(id3)
    held.release()
    await waitFor(() => expect(del.result.current.isSuccess).toBe(true))
    await settle()
    expect(view.result.current.all.data).toHaveLength(5)
  })

  it('undoable delete: a refetch while it waits does not bring the entity back', async () => {
    const { hooks, client, wrapper } = setup()
    const view = await mount(hooks, wrapper)
    const del = renderHook(() => hooks.useDelete({ mutationMode: 'undoable', undoTimeout: 60_000 }), {
      wrapper,
    })
    act(() => del.result.current.mutate(id3))
    await waitFor(() => expect(view.result.current.all.data).toHaveLength(5))
    await act(() => client.refetchQueries({ queryKey: hooks.keys.lists() }))
    await settle()
    expect(view.result.current.all.data?.map((t) => t.id)).not.toContain(id3)
    act(() => {
      del.result.current.undo()
    })
    await waitFor(() => expect(view.result.current.all.data).toHaveLength(6))
    expect(server.count('DELETE')).toBe(0)
  })
})
