import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { withMemberRoles, withSplit, withWorkStatus } from '../../src/hooks/core/managementEdits.js'
import { managementKeys, staleFilters } from '../../src/hooks/core/managementKeys.js'
import { editQueries } from '../../src/hooks/core/scopedWrites.js'

const split = (resource: string, name: string) => ({
  id: `s-${resource}`,
  split_name: name,
  project_id: 'p',
  resource_id: resource,
  created_at: 't',
  created_by: 'u',
})

describe('optimistic edits', () => {
  it('withSplit moves rows, drops them from other splits, adds provisional rows, leaves history alone', () => {
    const rows = [split('a', 'train'), split('b', 'val')]
    expect(withSplit(rows, ['a', 'c'], 'val', 'p').map((r) => [r.resource_id, r.split_name, r.id])).toEqual([
      ['a', 'val', 's-a'],
      ['b', 'val', 's-b'],
      ['c', 'val', 'pending:c'],
    ])
    expect(withSplit([rows[0]], ['a'], 'test', 'p', { splitName: 'train' })).toEqual([])
    expect(withSplit([rows[1]], ['b'], 'val', 'p', { splitName: 'val' })).toEqual([rows[1]])
    expect(withSplit(rows, ['a'], 'test', 'p', { asOfTimestamp: '2025-01-01' })).toBe(rows)
  })

  it('withWorkStatus sets every row of the resource; a list of another status loses them; others unchanged', () => {
    const rows = [
      { resource_id: 'a', status: 'opened', annotator_email: 'x' },
      { resource_id: 'a', status: 'annotated', annotator_email: 'y' },
      { resource_id: 'b', status: 'opened', annotator_email: 'x' },
    ]
    expect(withWorkStatus(rows, 'a', 'closed').map((r) => r.status)).toEqual(['closed', 'closed', 'opened'])
    expect(withWorkStatus(rows, 'a', 'closed', { status: 'opened' }).map((r) => r.resource_id)).toEqual(['b'])
    expect(withWorkStatus(rows, 'z', 'closed')).toBe(rows)
  })

  it('withMemberRoles changes a listed member only', () => {
    const members = [{ user_id: 'u1', roles: ['A'] }]
    expect(withMemberRoles(members, 'u1', ['B'])).toEqual([{ user_id: 'u1', roles: ['B'] }])
    expect(withMemberRoles(members, 'u2', ['B'])).toBe(members)
  })
})

describe('editQueries and stale keys', () => {
  it('rolls back exactly, or reports an entry written again since', () => {
    const client = new QueryClient()
    const k = managementKeys('https://x')
    client.setQueryData(k.project('p', 'members'), [{ user_id: 'u1', roles: ['A'] }])
    client.setQueryData(k.project('q', 'members'), [{ user_id: 'u1', roles: ['A'] }])
    const before = client.getQueryData(k.project('p', 'members'))
    const rollback = editQueries(
      client,
      k.project('p', 'members'),
      (rows: { user_id: string; roles: string[] }[]) => withMemberRoles(rows, 'u1', ['B']),
    )
    expect(client.getQueryData(k.project('p', 'members'))).toEqual([{ user_id: 'u1', roles: ['B'] }])
    expect(client.getQueryData(k.project('q', 'members'))).toEqual([{ user_id: 'u1', roles: ['A'] }])
    expect(rollback()).toBe(true)
    expect(client.getQueryData(k.project('p', 'members'))).toBe(before)
    const again = editQueries(client, k.project('p', 'members'), () => [])
    client.setQueryData(k.project('p', 'members'), [{ user_id: 'u9', roles: [] }])
    expect(again()).toBe(false)
    expect(client.getQueryData(k.project('p', 'members'))).toEqual([{ user_id: 'u9', roles: [] }])
  })

  it('staleFilters: prefixes with wildcards, exact keys only themselves', () => {
    const client = new QueryClient()
    const k = managementKeys('https://x')
    for (const key of [
      k.project('p'),
      k.project('p', 'members'),
      k.project('q', 'members'),
      k.worklist('w', 'stats', 'annotators', {}),
    ])
      client.setQueryData(key, 1)
    const hit = (filters: ReturnType<typeof staleFilters>) =>
      client
        .getQueryCache()
        .findAll(filters)
        .map((q) => q.queryKey.slice(2))
    expect(hit(staleFilters({ prefixes: [k.project(undefined as never, 'members')] }))).toEqual([
      ['projects', 'detail', 'p', 'members'],
      ['projects', 'detail', 'q', 'members'],
    ])
    expect(hit(staleFilters({ exact: [k.project('p')] }))).toEqual([['projects', 'detail', 'p']])
    expect(hit(staleFilters({ prefixes: [k.worklist('w')] }))).toEqual([
      ['annotationsets', 'detail', 'w', 'stats', 'annotators', {}],
    ])
  })
})
