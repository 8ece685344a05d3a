import { afterEach, describe, expect, it, vi } from 'vitest'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'

// fetch `keepalive` is what lets a write sent on `pagehide` survive the tab closing; it cannot be seen on
// the wire, so these tests look at the Request objects ky hands to fetch.
const ids = ['1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50', '2c0a85ff-389f-49b9-93f5-6d4b7adf3d61']

function spyFetch() {
  const seen: Request[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    seen.push(request)
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
  })
  return seen
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('keepalive on writes', () => {
  const api = () => new DatamintApi({ serverUrl: 'https://api.datamint.test', apiKey: 'k', maxRetries: 0 })

  it('resources.bulkDelete sends every batch with keepalive when asked, and without otherwise', async () => {
    const seen = spyFetch()
    await api().resources.bulkDelete(ids, { keepalive: true })
    await api().resources.bulkDelete(ids)
    expect(seen.map((r) => [r.method, r.keepalive])).toEqual([
      ['DELETE', true],
      ['DELETE', false],
    ])
    expect(new URL(seen[0].url).searchParams.get('resource_ids')).toBe(ids.join(','))
  })

  it('annotations.deleteBatch forwards keepalive', async () => {
    const seen = spyFetch()
    await api().annotations.deleteBatch(ids, { keepalive: true })
    expect(seen).toHaveLength(1)
    expect(seen[0].method).toBe('POST')
    expect(seen[0].keepalive).toBe(true)
  })

  it('projects.delete and datasets.delete forward keepalive', async () => {
    const seen = spyFetch()
    await api().projects.delete(ids[0], { keepalive: true })
    await api().datasets.delete(ids[1], { keepalive: true })
    expect(seen.map((r) => [r.method, new URL(r.url).pathname, r.keepalive])).toEqual([
      ['DELETE', `/projects/${ids[0]}`, true],
      ['DELETE', `/datasets/${ids[1]}`, true],
    ])
  })
})
