// One window of a list: useList with limit/offset, usePage with the server's total, and skipToken.
import { skipToken } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createEntityHooks } from '../../src/hooks/createEntityHooks.js'
import { serveForEachTest } from './support/loopbackServer.js'
import { makeThings, newClient, type Thing, thingId, thingsApi, wrapperFor } from './support/things.js'

const server = serveForEachTest((s) => s.seed('things', makeThings(12)))
const windows = () =>
  server.requests
    .filter((r) => r.method === 'GET' && r.path === '/things')
    .map((r) => Object.fromEntries(new URLSearchParams(r.search)))
/** The list route answering `{ data, totalCount }`, as the Datamint server does for most lists. */
function answerWithTotals() {
  server.override('GET', /^\/things$/, (req) => {
    const query = new URLSearchParams(req.search)
    const all = [...(server.collections.get('things')?.values() ?? [])]
    const offset = Number(query.get('offset'))
    return {
      status: 200,
      body: { data: all.slice(offset, offset + Number(query.get('limit'))), totalCount: all.length },
    }
  })
}
const names = (items: Thing[] | undefined) => items?.map((t) => t.name)

function setup() {
  const hooks = createEntityHooks(thingsApi(server))
  const client = newClient()
  return { hooks, client, wrapper: wrapperFor(client) }
}

describe('useList with a window', () => {
  it('fetches that one window with one request; each window is its own entry', async () => {
    const { hooks, client, wrapper } = setup()
    const first = renderHook(() => hooks.useList({ limit: 5 }), { wrapper })
    const third = renderHook(() => hooks.useList({ limit: 5, offset: 10 }), { wrapper })
    await waitFor(() => expect(third.result.current.data).toHaveLength(2))
    await waitFor(() => expect(first.result.current.data).toHaveLength(5))
    expect(names(third.result.current.data)).toEqual(['thing 10', 'thing 11'])
    expect(windows()).toEqual(
      expect.arrayContaining([
        { offset: '0', limit: '5' },
        { offset: '10', limit: '5' },
      ]),
    )
    expect(windows()).toHaveLength(2)
    expect(client.getQueryData(hooks.keys.list({ offset: 10, limit: 5 }))).toBe(third.result.current.data)
  })
})

describe('usePage', () => {
  it('gives the page and the server total; a page flip keeps the previous page shown until the next is in', async () => {
    answerWithTotals()
    const { hooks, wrapper } = setup()
    const view = renderHook(({ offset }) => hooks.usePage({ offset, limit: 5 }), {
      wrapper,
      initialProps: { offset: 0 },
    })
    await waitFor(() => expect(view.result.current.isSuccess).toBe(true))
    expect(view.result.current.data?.totalCount).toBe(12)
    expect(names(view.result.current.data?.items)).toEqual([
      'thing 0',
      'thing 1',
      'thing 2',
      'thing 3',
      'thing 4',
    ])
    const held = server.hold('GET', /^\/things$/)
    view.rerender({ offset: 10 })
    await waitFor(() => expect(held.waiting()).toBe(1))
    expect(view.result.current.isPlaceholderData).toBe(true)
    expect(view.result.current.data?.items[0].name).toBe('thing 0')
    held.release()
    await waitFor(() => expect(view.result.current.isPlaceholderData).toBe(false))
    expect(names(view.result.current.data?.items)).toEqual(['thing 10', 'thing 11'])
    expect(view.result.current.data?.totalCount).toBe(12)
  })

  it('has no totalCount when the server list shape gives none', async () => {
    const { hooks, wrapper } = setup()
    const view = renderHook(() => hooks.usePage({ offset: 0, limit: 3 }), { wrapper })
    await waitFor(() => expect(view.result.current.isSuccess).toBe(true))
    expect(view.result.current.data).toEqual({ items: makeThings(3) })
  })

  it('takes part in optimistic writes: a deleted row leaves the page and the total', async () => {
    answerWithTotals()
    const { hooks, wrapper } = setup()
    const view = renderHook(() => hooks.usePage({ offset: 0, limit: 5 }), { wrapper })
    // Read `data` as a component would (React Query re-renders only for fields that were read).
    await waitFor(() => expect(view.result.current.data?.totalCount).toBe(12))
    const patch = renderHook(() => hooks.usePatch(), { wrapper })
    const del = renderHook(() => hooks.useDelete(), { wrapper })
    const held = server.hold('DELETE', /^\/things\//)
    await act(() => patch.result.current.mutateAsync({ entity: thingId(1), data: { name: 'renamed' } }))
    await waitFor(() => expect(view.result.current.data?.items[1].name).toBe('renamed'))
    act(() => del.result.current.mutate(thingId(2)))
    await waitFor(() => expect(view.result.current.data?.totalCount).toBe(11))
    expect(view.result.current.data?.items.map((t) => t.id)).not.toContain(thingId(2))
    held.release()
    await waitFor(() => expect(del.result.current.isSuccess).toBe(true))
    // Refetched once the write settled: the next row moves up.
    await waitFor(() => expect(view.result.current.data?.items).toHaveLength(5))
    expect(view.result.current.data?.totalCount).toBe(11)
    expect(view.result.current.data?.items[4].name).toBe('thing 5')
  })
})

describe('skipToken', () => {
  it('useGetById(skipToken), useList(skipToken) and usePage(skipToken) wait without a request', async () => {
    const { hooks, wrapper } = setup()
    const view = renderHook(
      () => ({
        detail: hooks.useGetById(skipToken),
        list: hooks.useList(skipToken),
        page: hooks.usePage(skipToken),
      }),
      { wrapper },
    )
    await act(() => new Promise((r) => setTimeout(r, 50)))
    for (const result of Object.values(view.result.current)) {
      expect(result.status).toBe('pending')
      expect(result.fetchStatus).toBe('idle')
    }
    expect(server.requests.map((r) => r.path)).toEqual([])
  })

  it('a list that waited fetches once its filters are known', async () => {
    const { hooks, wrapper } = setup()
    const view = renderHook(
      ({ status }: { status?: string }) => hooks.useList(status ? { status } : skipToken),
      {
        wrapper,
        initialProps: {},
      },
    )
    expect(view.result.current.fetchStatus).toBe('idle')
    view.rerender({ status: 'inbox' })
    await waitFor(() => expect(view.result.current.data).toHaveLength(12))
    expect(windows()).toEqual([{ status: 'inbox', offset: '0', limit: '5000' }])
  })
})
