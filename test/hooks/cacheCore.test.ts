import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createQueryKeys } from '../../src/hooks/core/createQueryKeys.js'
import { crossEntityEffects } from '../../src/hooks/core/crossEntityEffects.js'
import { createEntityCache } from '../../src/hooks/core/entityCache.js'
import { normalizeFilters } from '../../src/hooks/core/normalizeFilters.js'
import { pendingMutationsFor } from '../../src/hooks/core/pendingMutations.js'
import { MutationUndoneError, scheduleUndoable } from '../../src/hooks/core/undoableScheduler.js'

interface Thing {
  id: string
  name: string
  nested?: { n: number }
}
type Filters = { status?: string; tags?: string[]; from?: string }

const api = { config: { serverUrl: 'http://a.test' }, endpointBase: 'things' }
const keys = createQueryKeys<Filters>(api)
const things = (n: number): Thing[] =>
  Array.from({ length: n }, (_, i) => ({ id: `t${i}`, name: `n${i}`, nested: { n: i } }))

describe('query keys', () => {
  it('are rooted at datamint, server and endpoint, and normalise filters', () => {
    expect(keys.all).toEqual(['datamint', 'http://a.test', 'things'])
    expect(keys.detail('t1')).toEqual(['datamint', 'http://a.test', 'things', 'detail', 't1'])
    expect(keys.list({ tags: ['b', 'a'], status: 'x', from: undefined })).toEqual(
      keys.list({ status: 'x', tags: ['b', 'a'] }),
    )
    expect(Object.keys(keys.list({ tags: ['a'], status: 'x' })[4])).toEqual(['status', 'tags'])
    expect(keys.list()).toEqual([...keys.lists(), {}])
    expect(keys.infiniteList({ status: 'x' }, 20).slice(0, 5)).toEqual(keys.list({ status: 'x' }))
    const other = createQueryKeys<Filters>({ ...api, config: { serverUrl: 'http://b.test' } })
    expect(other.detail('t1')).not.toEqual(keys.detail('t1'))
  })

  it('normalises nested objects and keeps arrays in order', () => {
    expect(normalizeFilters({ b: { d: 1, c: undefined, a: 2 }, a: [{ y: 1, x: undefined }] })).toEqual({
      a: [{ y: 1 }],
      b: { a: 2, d: 1 },
    })
    expect(JSON.stringify(normalizeFilters({ z: 1, a: 2 }))).toBe('{"a":2,"z":1}')
    expect(normalizeFilters(undefined)).toEqual({})
    // null and non-plain objects (a Date) are values, kept as they are.
    const since = new Date(0)
    const kept = normalizeFilters({ since, tag: null })
    expect(kept).toEqual({ since, tag: null })
    expect(kept.since).toBe(since)
  })
})

describe('entity cache', () => {
  const client = new QueryClient()
  const cache = createEntityCache<Thing>(keys, (e) => (e as Thing | undefined)?.id)
  afterEach(() => client.clear())

  it('a detail entry created while a list holds the entity starts from the newest list, with its time', () => {
    cache.attach(client)
    cache.attach(client)
    const older = things(3)
    const newer = things(3).map((t) => ({ ...t, name: `${t.name}!` }))
    client.setQueryData(keys.list({}), older, { updatedAt: 1000 })
    client.setQueryData(
      keys.infiniteList({ status: 'x' }, 2),
      { pages: [newer.slice(0, 2)], pageParams: [0] },
      {
        updatedAt: 2000,
      },
    )
    expect(client.getQueryCache().findAll({ queryKey: keys.details() })).toHaveLength(0)
    // What useQuery, fetchQuery or ensureQueryData do first: build the entry.
    const open = (id: string) => client.getQueryCache().build(client, { queryKey: keys.detail(id) }).state
    expect(open('t1').data).toBe(newer[1])
    expect(open('t1').dataUpdatedAt).toBe(2000)
    expect(open('t2').data).toBe(older[2])
    expect(open('t2').dataUpdatedAt).toBe(1000)
    expect(open('t7').data).toBeUndefined()
    const pending = pendingMutationsFor(client)
    pending.add([cache.typeKey, cache.entityKey('t0')], 1)
    expect(open('t0').data).toBeUndefined()
    pending.add([cache.typeKey, cache.entityKey('t0')], -1)
  })

  it('a list that arrives refreshes older existing details, never a newer one or one with a pending write', () => {
    cache.attach(client)
    const [a, b, c] = things(3)
    const newerB = { ...b, name: 'newer' }
    client.setQueryData(keys.detail('t0'), { ...a, name: 'old' }, { updatedAt: 500 })
    client.setQueryData(keys.detail('t1'), newerB, { updatedAt: 2000 })
    client.setQueryData(keys.detail('t2'), { ...c, name: 'old' }, { updatedAt: 500 })
    const pending = pendingMutationsFor(client)
    pending.add([cache.typeKey, cache.entityKey('t2')], 1)
    client.setQueryData(keys.list({}), [a, b, c, { id: 'not-an-id', name: '' }], { updatedAt: 1000 })
    expect(client.getQueryData(keys.detail('t0'))).toEqual(a)
    expect(client.getQueryState(keys.detail('t0'))?.dataUpdatedAt).toBe(1000)
    expect(client.getQueryData(keys.detail('t1'))).toBe(newerB)
    expect(client.getQueryData<Thing>(keys.detail('t2'))?.name).toBe('old')
    expect(client.getQueryCache().findAll({ queryKey: keys.details() })).toHaveLength(3)
    pending.add([cache.typeKey, cache.entityKey('t2')], -1)
    client.setQueryData(keys.list({ status: 'x' }), [b], { updatedAt: 3000 })
    expect(client.getQueryData(keys.detail('t1'))).toEqual(b)
  })

  it('patches detail, lists and infinite lists, changing only the patched row, and rolls back exactly', () => {
    const list = things(1000)
    client.setQueryData(keys.list({}), list, { updatedAt: 10 })
    const pages = [things(3), things(6).slice(3)]
    client.setQueryData(keys.infiniteList({}, 3), { pages, pageParams: [0, 3] })
    const other = [list[0]]
    client.setQueryData(keys.list({ status: 'x' }), other)
    client.setQueryData(keys.detail('t4'), list[4], { updatedAt: 20 })
    // (Structural sharing may keep an equal copy the entry already had: compare with what is stored.)
    const detail = client.getQueryData(keys.detail('t4'))

    const rollback = cache.edit(client, ['t4'], (e) => ({ ...e, name: 'new' }))
    const after = client.getQueryData<Thing[]>(keys.list({}))!
    expect(after).not.toBe(list)
    expect(after.filter((row, i) => row !== list[i]).map((r) => r.id)).toEqual(['t4'])
    expect(after[4]).toEqual({ ...list[4], name: 'new' })
    expect(client.getQueryData<Thing>(keys.detail('t4'))?.name).toBe('new')
    const inf = client.getQueryData<{ pages: Thing[][] }>(keys.infiniteList({}, 3))!
    expect(inf.pages[0]).toBe(pages[0])
    expect(inf.pages[1][1].name).toBe('new')
    expect(client.getQueryData(keys.list({ status: 'x' }))).toBe(other)

    expect(rollback()).toBe(true)
    expect(client.getQueryData(keys.list({}))).toBe(list)
    expect(client.getQueryState(keys.list({}))?.dataUpdatedAt).toBe(10)
    expect(client.getQueryData(keys.detail('t4'))).toBe(detail)
    expect(client.getQueryState(keys.detail('t4'))?.dataUpdatedAt).toBe(20)
    expect(client.getQueryData<{ pages: Thing[][] }>(keys.infiniteList({}, 3))?.pages).toBe(pages)
  })

  it('leaves an entry written again since the change, and reports it', () => {
    const list = things(3)
    client.setQueryData(keys.list({}), list)
    const rollback = cache.edit(client, ['t1'], (e) => ({ ...e, name: 'a' }))
    client.setQueryData(keys.list({}), things(2))
    expect(rollback()).toBe(false)
    expect(client.getQueryData<Thing[]>(keys.list({}))).toHaveLength(2)
  })

  it('removes from every list and drops details; rollback then drop restores only the failed ids', () => {
    const list = things(5)
    client.setQueryData(keys.list({}), list)
    client.setQueryData(keys.detail('t1'), list[1], { updatedAt: 5 })
    client.setQueryData(keys.detail('t2'), list[2])
    const rollback = cache.edit(client, ['t1', 't2'], () => null)
    expect(client.getQueryData<Thing[]>(keys.list({}))?.map((t) => t.id)).toEqual(['t0', 't3', 't4'])
    expect(client.getQueryCache().find({ queryKey: keys.detail('t1'), exact: true })).toBeUndefined()

    // A bulk delete where t2 failed: restore, then drop what the server did delete.
    rollback()
    cache.drop(client, ['t1'])
    const restored = client.getQueryData<Thing[]>(keys.list({}))!
    expect(restored.map((t) => t.id)).toEqual(['t0', 't2', 't3', 't4'])
    expect(restored[1]).toBe(list[2])
    expect(client.getQueryData(keys.detail('t2'))).toBe(list[2])
    expect(client.getQueryData(keys.detail('t1'))).toBeUndefined()
  })

  it('restores a removed detail with its own timestamp on full rollback', () => {
    const list = things(2)
    client.setQueryData(keys.list({}), list)
    client.setQueryData(keys.detail('t1'), list[1], { updatedAt: 5 })
    cache.edit(client, ['t1'], () => null)()
    expect(client.getQueryData(keys.list({}))).toBe(list)
    expect(client.getQueryData(keys.detail('t1'))).toBe(list[1])
    expect(client.getQueryState(keys.detail('t1'))?.dataUpdatedAt).toBe(5)
  })

  it('writes a server entity everywhere and finds cached entities', () => {
    const list = things(3)
    client.setQueryData(keys.list({}), list)
    expect(cache.find(client, 't2')?.entity).toBe(list[2])
    cache.put(client, { id: 't2', name: 'server' })
    expect(client.getQueryData<Thing[]>(keys.list({}))?.[2].name).toBe('server')
    expect(client.getQueryData<Thing>(keys.detail('t2'))?.name).toBe('server')
    expect(cache.find(client, 't9')).toBeUndefined()
  })
})

describe('pending mutations', () => {
  it('reports a stale key only when its last mutation settles', () => {
    const p = pendingMutationsFor({})
    p.add(['T', 'a'], 1)
    p.add(['T', 'a'], 1)
    p.stale.add('T')
    expect(p.counts.get('a')).toBe(2)
    expect(p.add(['T', 'a'], -1)).toEqual([])
    p.stale.add('a')
    expect(p.add(['T', 'a'], -1)).toEqual(['T', 'a'])
    expect(p.counts.size).toBe(0)
    p.add(['T', 'b'], 1)
    expect(p.add(['T', 'b'], -1)).toEqual([])
  })
})

describe('undoable scheduler', () => {
  afterEach(() => vi.useRealTimers())
  const settled = (ticket: { ready: Promise<boolean> }) =>
    Promise.race([ticket.ready.then(() => 'sent'), Promise.resolve('waiting')])

  it('resolves after the timeout, rejects on undo, and releases on pagehide', async () => {
    vi.useFakeTimers()
    const sent = scheduleUndoable(5000)
    const undone = scheduleUndoable(5000)
    expect(undone.undo()).toBe(true)
    expect(undone.undone).toBe(true)
    await expect(undone.ready).rejects.toBeInstanceOf(MutationUndoneError)
    expect(undone.undo()).toBe(false)
    vi.advanceTimersByTime(4999)
    expect(await settled(sent)).toBe('waiting')
    vi.advanceTimersByTime(1)
    // A timed-out wait sends an ordinary request.
    await expect(sent.ready).resolves.toBe(false)
    expect(sent.undo()).toBe(false)

    const hidden = scheduleUndoable(5000)
    window.dispatchEvent(new Event('pagehide'))
    // The tab is closing: the send must use fetch keepalive.
    await expect(hidden.ready).resolves.toBe(true)
    expect(hidden.undo()).toBe(false)
  })
})

describe('cross-entity effects', () => {
  it('resource creates and deletes touch projects; annotation ones touch their resource annotation lists', () => {
    expect(crossEntityEffects.resources('http://a.test', [])).toEqual({
      queryKey: ['datamint', 'http://a.test', 'projects'],
    })
    expect(crossEntityEffects.projects).toBeUndefined()
    const client = new QueryClient()
    const annotations = createQueryKeys<{ resource?: string | string[] }>({
      config: { serverUrl: 'http://a.test' },
      endpointBase: 'annotations',
    })
    client.setQueryData(annotations.list({ resource: 'r1' }), [])
    client.setQueryData(annotations.list({ resource: ['r2', 'r1'] }), [])
    client.setQueryData(annotations.list({ resource: 'r2' }), [])
    client.setQueryData(annotations.list({}), [])
    const hit = (entities: unknown[]) =>
      client
        .getQueryCache()
        .findAll(crossEntityEffects.annotations('http://a.test', entities))
        .map((q) => q.queryKey[4])
    expect(hit([{ id: 'x', resource_id: 'r1' }])).toEqual([
      { resource: 'r1' },
      { resource: ['r2', 'r1'] },
      {},
    ])
    // A deleted annotation that was not cached: its resource is unknown, so every annotation list.
    expect(hit([{ id: 'x', resource_id: 'r1' }, undefined])).toHaveLength(4)
  })
})
