import { QueryClientProvider } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode, Suspense } from 'react'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/api/errors.js'
import { createEntityHooks } from '../../src/hooks/createEntityHooks.js'
import { serveForEachTest } from './support/loopbackServer.js'
import { makeThings, newClient, thingId, thingsApi, wrapperFor } from './support/things.js'

const server = serveForEachTest((s) => {
  s.seed('things', makeThings(12))
})

type Hooks = ReturnType<typeof createEntityHooks<ReturnType<typeof thingsApi>>>

function Name({ hooks, id, label }: { hooks: Hooks; id: string; label: string }) {
  const { data } = hooks.useGetById(id)
  return <p>{`${label}:${data?.name ?? '…'}`}</p>
}

function Both({ hooks }: { hooks: Hooks }) {
  const { data: list } = hooks.useSuspenseList({ status: 'inbox' })
  const { data: one } = hooks.useSuspenseGetById(thingId(4))
  return <p>{`${list.length}/${one.name}`}</p>
}

const detailPath = (i: number) => new RegExp(`^/things/${thingId(i)}$`)

describe('reads', () => {
  it('three components on one id make one request', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    render(
      <QueryClientProvider client={client}>
        <Name hooks={hooks} id={thingId(3)} label="a" />
        <Name hooks={hooks} id={thingId(3)} label="b" />
        <Name hooks={hooks} id={thingId(3)} label="c" />
      </QueryClientProvider>,
    )
    await screen.findByText('c:thing 3')
    expect(screen.getByText('a:thing 3')).toBeTruthy()
    expect(server.count('GET', detailPath(3))).toBe(1)
    expect(server.requests).toHaveLength(1)
  })

  it('a detail opened from a fresh list makes no request', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    const wrapper = wrapperFor(client)
    const list = renderHook(() => hooks.useList(), { wrapper })
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true))
    expect(list.result.current.data).toHaveLength(12)
    const listUpdatedAt = list.result.current.dataUpdatedAt
    const detail = renderHook(() => hooks.useGetById(thingId(7)), { wrapper })
    expect(detail.result.current.data).toBe(list.result.current.data?.[7])
    expect(detail.result.current.isFetching).toBe(false)
    expect(client.getQueryState(hooks.keys.detail(thingId(7)))!.dataUpdatedAt).toBeLessThanOrEqual(
      listUpdatedAt,
    )
    await new Promise((r) => setTimeout(r, 30))
    expect(server.count('GET', /^\/things\/.+/)).toBe(0)
    expect(server.requests).toHaveLength(1)
  })

  it('is disabled while the id is undefined, and a malformed id is an error without a request', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const wrapper = wrapperFor(newClient())
    const idle = renderHook(() => hooks.useGetById(undefined), { wrapper })
    expect(idle.result.current.fetchStatus).toBe('idle')
    expect(idle.result.current.status).toBe('pending')
    const bad = renderHook(() => hooks.useGetById('not-a-uuid'), { wrapper })
    await waitFor(() => expect(bad.result.current.isError).toBe(true))
    expect(bad.result.current.error).toBeInstanceOf(ValidationError)
    expect(server.requests).toHaveLength(0)
  })

  it('normalised filters share one cache entry', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const wrapper = wrapperFor(newClient())
    const a = renderHook(() => hooks.useList({ status: 'inbox' }), { wrapper })
    const b = renderHook(() => hooks.useList({ status: 'inbox', ...{ other: undefined } }), { wrapper })
    await waitFor(() => expect(b.result.current.isSuccess).toBe(true))
    expect(a.result.current.data).toBe(b.result.current.data)
    expect(server.count('GET', /^\/things$/)).toBe(1)
    expect(server.requests[0].search).toContain('status=inbox')
  })

  it('an infinite list pages by offset and ends on a short page', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const wrapper = wrapperFor(newClient())
    const { result } = renderHook(() => hooks.useInfiniteList({}, { pageSize: 5 }), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.hasNextPage).toBe(true)
    await act(() => result.current.fetchNextPage())
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(3))
    expect(result.current.data?.pages.map((p) => p.length)).toEqual([5, 5, 2])
    expect(result.current.data?.pageParams).toEqual([0, 5, 10])
    expect(result.current.hasNextPage).toBe(false)
    const searches = server.requests.map((r) => new URLSearchParams(r.search))
    expect(searches.map((s) => [s.get('offset'), s.get('limit')])).toEqual([
      ['0', '5'],
      ['5', '5'],
      ['10', '5'],
    ])
  })

  it('unmounting during a fetch aborts the request on the wire', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const hold = server.hold('GET', /^\/things$/)
    const { unmount } = renderHook(() => hooks.useList(), { wrapper: wrapperFor(newClient()) })
    await waitFor(() => expect(hold.waiting()).toBe(1))
    unmount()
    await waitFor(() => expect(server.requests[0].aborted).toBe(true))
    hold.release()
    expect(server.requests).toHaveLength(1)
  })

  it('a StrictMode double mount makes one request', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    render(
      <StrictMode>
        <QueryClientProvider client={client}>
          <Name hooks={hooks} id={thingId(2)} label="s" />
        </QueryClientProvider>
      </StrictMode>,
    )
    await screen.findByText('s:thing 2')
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].aborted).toBe(false)
  })

  it('a failing GET makes exactly maxRetries + 1 requests', async () => {
    server.override('GET', /^\/things\//, () => ({ status: 503, body: { error: 'down' } }))
    const hooks = createEntityHooks(thingsApi(server, 2))
    const { result } = renderHook(() => hooks.useGetById(thingId(1)), { wrapper: wrapperFor(newClient()) })
    await waitFor(() => expect(result.current.isError).toBe(true), { timeout: 5000 })
    expect(result.current.error?.name).toBe('ServerError')
    expect(server.count('GET', detailPath(1))).toBe(3)
  })

  it('React Query retries only when asked to (retry is configurable)', async () => {
    server.override('GET', /^\/things\//, () => ({ status: 503, body: { error: 'down' } }))
    const hooks = createEntityHooks(thingsApi(server, 0), { retry: 1 })
    const { result } = renderHook(() => hooks.useGetById(thingId(1), { retryDelay: 0 }), {
      wrapper: wrapperFor(newClient()),
    })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(server.count('GET', detailPath(1))).toBe(2)
  })

  it('query option factories work with prefetchQuery and the suspense hooks', async () => {
    const hooks = createEntityHooks(thingsApi(server))
    const client = newClient()
    await client.prefetchQuery(hooks.queries.list({ status: 'inbox' }))
    const fromList = await client.ensureQueryData(hooks.queries.detail(thingId(4)))
    expect(fromList).toBe(client.getQueryData(hooks.queries.list({ status: 'inbox' }).queryKey)?.[4])
    render(
      <QueryClientProvider client={client}>
        <Suspense fallback={<p>loading</p>}>
          <Both hooks={hooks} />
        </Suspense>
      </QueryClientProvider>,
    )
    await screen.findByText('12/thing 4')
    expect(server.requests).toHaveLength(1)
    const other = await client.ensureQueryData(hooks.queries.detail(thingId(5)))
    expect(other.name).toBe('thing 5')
  })
})
