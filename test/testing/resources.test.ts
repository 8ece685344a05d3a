import { describe, expect, it } from 'vitest'
import { mimetypeFromFilename } from '../../src/testing/index.js'
import { nestedResources, seedFiles, startDatamintServer } from './harness.js'

const { call, datamint } = startDatamintServer()
const MISSING = '00000000-0000-4000-8000-000000000000'

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Wire = any

async function list(query: Record<string, string | number | boolean> = {}): Promise<Wire[]> {
  const answer = await call('GET', '/resources', { query })
  expect(answer.status).toBe(200)
  return nestedResources(answer.body)
}
const names = (resources: Wire[]) => resources.map((r) => r.filename).sort()

describe('GET /resources', () => {
  it('answers the nested shape with every fixture as a resource of its real mimetype and size', async () => {
    const answer = await call('GET', '/resources')
    expect(Object.keys(answer.body).sort()).toEqual(['data', 'totalCount'])
    expect(answer.body.data).toHaveLength(1)
    expect(Object.keys(answer.body.data[0])).toEqual(['resources'])
    const resources = nestedResources(answer.body)
    expect(answer.body.totalCount).toBe(String(seedFiles.length))
    expect(names(resources)).toEqual(seedFiles.map((f) => f.filename).sort())
    for (const file of seedFiles) {
      const resource = resources.find((r: Wire) => r.filename === file.filename)
      expect(resource).toMatchObject({
        size: file.bytes.byteLength,
        mimetype: mimetypeFromFilename(file.filename),
      })
      expect(resource.resource_uri).toBe(`/resources/${resource.id}/file`)
    }
  })

  it('reads modality from DICOM tags and guesses it for other files', async () => {
    const byName = new Map((await list()).map((r) => [r.filename, r]))
    expect(byName.get('CT_small.dcm')).toMatchObject({ modality: 'CT', storage: 'DicomResource' })
    expect(byName.get('CT_small_nometa.dcm')?.modality).toBe('CT')
    expect(byName.get('rtdose.dcm')?.modality).toBe('RTDOSE')
    expect(byName.get('JPEG2000.dcm')?.modality).toBe('NM')
    expect(byName.get('rtdose.dcm')?.metadata).toMatchObject({ NumberOfFrames: 15 })
    expect(byName.get('CT_small.dcm')?.study_uid).toMatch(/^1\.3\.6\.1\.4\.1\.5962/)
    expect(byName.get('ct_small.png')).toMatchObject({ modality: 'CT', storage: 'ImageResource' })
    expect(byName.get('anatomical.nii')).toMatchObject({ modality: 'MR', storage: 'NiftiResource' })
    expect(byName.get('example4d.nii.gz')?.mimetype).toBe('application/nifti')
    expect(byName.get('test1.mp4')).toMatchObject({
      modality: 'US',
      storage: 'VideoResource',
      mimetype: 'video/mp4',
    })
  })

  it('filters by status, and "" means every status', async () => {
    const all = await list()
    const statuses = new Set(all.map((r) => r.status))
    expect([...statuses].sort()).toEqual(['archived', 'inbox', 'published'])
    for (const status of statuses) {
      const filtered = await list({ status })
      expect(filtered.length).toBeGreaterThan(0)
      expect(filtered.every((r) => r.status === status)).toBe(true)
      expect(filtered).toHaveLength(all.filter((r) => r.status === status).length)
    }
    expect(await list({ status: '' })).toHaveLength(all.length)
    expect((await call('GET', '/resources', { query: { status: 'lost' } })).status).toBe(422)
  })

  it('filters by created_at with from (inclusive) and to (exclusive)', async () => {
    const all = (await list({ order_field: 'created_at', order_by_asc: true })).map((r) => r.created_at)
    const from = all[5]
    const to = all[10]
    const window = await list({ from, to })
    expect(window.map((r) => r.created_at).sort()).toEqual(all.slice(5, 10))
    expect((await list({ from: '2025-03-04' })).length).toBe(0)
    expect((await list({ to: '2000-01-01' })).length).toBe(0)
    expect((await call('GET', '/resources', { query: { from: 'yesterday' } })).status).toBe(422)
  })

  it('filters by modality (any case), mimetype, channel_name and filename substring', async () => {
    const all = await list()
    const mr = await list({ modality: 'mr' })
    expect(mr.length).toBeGreaterThan(3)
    expect(mr.every((r) => r.modality === 'MR')).toBe(true)
    expect(names(await list({ mimetype: 'video/mp4' }))).toEqual(['ct_rotate.mp4', 'test1.mp4'])
    const channel = await list({ channel_name: 'nifti-volumes' })
    expect(names(channel)).toEqual(names(all.filter((r) => r.mimetype === 'application/nifti')))
    expect(names(await list({ filename: 'mr_SMALL' }))).toEqual(
      names(all.filter((r) => /mr_small/i.test(r.filename))),
    )
  })

  it('orders by order_field, descending by default', async () => {
    const ascending = (await list({ order_field: 'filename', order_by_asc: true })).map((r) => r.filename)
    expect(ascending).toEqual([...ascending].sort())
    const descending = (await list({ order_field: 'filename', order_by_asc: false })).map((r) => r.filename)
    expect(descending).toEqual([...ascending].reverse())
    const byDate = (await list()).map((r) => r.created_at)
    expect(byDate).toEqual([...byDate].sort().reverse())
    expect((await call('GET', '/resources', { query: { order_field: 'size' } })).status).toBe(422)
  })

  it('filters by project names (intersection/union) and tags (union/intersection)', async () => {
    const projectFilter = (items: string[], filterType: string) => JSON.stringify({ items, filterType })
    const ct = await list({ project: projectFilter(['Chest CT Review'], 'intersection') })
    expect(ct.length).toBeGreaterThan(0)
    expect(ct.every((r) => r.modality === 'CT')).toBe(true)
    const both = await list({ project: projectFilter(['Chest CT Review', 'Multi-frame QA'], 'intersection') })
    const either = await list({ project: projectFilter(['Chest CT Review', 'Multi-frame QA'], 'union') })
    const cine = await list({ project: projectFilter(['Multi-frame QA'], 'union') })
    expect(names(both)).toEqual(names(ct.filter((r) => cine.some((c) => c.id === r.id))))
    expect(either.length).toBe(new Set([...ct, ...cine].map((r) => r.id)).size)
    expect(both.length).toBeLessThan(either.length)

    const all = await list()
    const teaching = await list({ tags: JSON.stringify({ items: ['teaching'], filterType: 'union' }) })
    expect(names(teaching)).toEqual(names(all.filter((r) => r.tags.includes('teaching'))))
    const union = await list({ tags: JSON.stringify({ items: ['teaching', 'review'], filterType: 'union' }) })
    const inter = await list({
      tags: JSON.stringify({ items: ['teaching', 'review'], filterType: 'intersection' }),
    })
    expect(names(union)).toEqual(
      names(all.filter((r) => r.tags.includes('teaching') || r.tags.includes('review'))),
    )
    expect(names(inter)).toEqual(
      names(all.filter((r) => r.tags.includes('teaching') && r.tags.includes('review'))),
    )
    expect(inter.length).toBeGreaterThan(0)
    expect((await call('GET', '/resources', { query: { tags: '["teaching"]' } })).status).toBe(422)
    expect((await call('GET', '/resources', { query: { project: 'Chest CT Review' } })).status).toBe(422)
  })

  it('pages with offset/limit, totalCount counting every match', async () => {
    const all = await list({ order_field: 'filename', order_by_asc: true })
    const pages: Wire[] = []
    for (let offset = 0; offset < all.length; offset += 7) {
      const answer = await call('GET', '/resources', {
        query: { order_field: 'filename', order_by_asc: true, offset, limit: 7 },
      })
      expect(answer.body.totalCount).toBe(String(all.length))
      pages.push(...nestedResources(answer.body))
    }
    expect(pages).toEqual(all)
    expect(await list({ offset: all.length })).toEqual([])
  })
})

describe('single resources', () => {
  it('GET /resources/:id answers the resource; 404 unknown; 422 malformed', async () => {
    const [first] = await list()
    expect((await call('GET', `/resources/${first.id}`)).body).toEqual(first)
    expect((await call('GET', `/resources/${MISSING}`)).status).toBe(404)
    expect((await call('GET', '/resources/123')).status).toBe(422)
  })

  it('DELETE /resources/:id soft-deletes', async () => {
    const [first] = await list()
    expect((await call('DELETE', `/resources/${first.id}`)).status).toBe(200)
    expect(datamint.db.resources.get(first.id)).toMatchObject({
      deleted: true,
      deleted_by: 'admin@datamint.test',
    })
    expect((await call('GET', `/resources/${first.id}`)).status).toBe(404)
    expect((await call('GET', `/resources/${first.id}/file`)).status).toBe(404)
    expect((await list()).map((r) => r.id)).not.toContain(first.id)
  })
})

describe('DELETE /resources?resource_ids= (bulk)', () => {
  it('deletes a batch', async () => {
    const ids = (await list()).slice(0, 3).map((r) => r.id)
    const answer = await call('DELETE', '/resources', { query: { resource_ids: ids.join(',') } })
    expect(answer).toMatchObject({ status: 200, body: { deleted: 3 } })
    expect(ids.every((id) => datamint.db.resources.get(id)?.deleted)).toBe(true)
  })

  it('refuses more than 200 ids, malformed ids and no ids with 422', async () => {
    const many = Array.from({ length: 201 }, () => MISSING).join(',')
    const tooMany = await call('DELETE', '/resources', { query: { resource_ids: many } })
    expect(tooMany.status).toBe(422)
    expect(tooMany.body.message).toContain('at most 200')
    expect((await call('DELETE', '/resources', { query: { resource_ids: 'a,b' } })).status).toBe(422)
    expect((await call('DELETE', '/resources')).status).toBe(422)
  })

  it('404s when any id is unknown, deleting none', async () => {
    const [first] = await list()
    const answer = await call('DELETE', '/resources', { query: { resource_ids: `${first.id},${MISSING}` } })
    expect(answer.status).toBe(404)
    expect(answer.body.ids).toEqual([MISSING])
    expect(datamint.db.resources.get(first.id)?.deleted).toBe(false)
  })

  it('accepts exactly 200 ids', async () => {
    const { addResource } = await import('../../src/testing/resourceFactory.js')
    const ids = Array.from(
      { length: 200 },
      (_, i) =>
        addResource(datamint.db, {
          filename: `bulk${i}.json`,
          bytes: new TextEncoder().encode('{}'),
          mimetype: 'application/json',
          status: 'inbox',
          createdAt: datamint.db.now(),
          createdBy: datamint.db.currentUser,
        }).id,
    )
    const answer = await call('DELETE', '/resources', { query: { resource_ids: ids.join(',') } })
    expect(answer.body).toEqual({ deleted: 200 })
  })
})

describe('publish', () => {
  it('publishes an inbox resource, and 400s one that is not in the inbox', async () => {
    const [inbox] = await list({ status: 'inbox' })
    const answer = await call('POST', `/resources/${inbox.id}/publish`)
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      status: 'published',
      published: true,
      published_by: 'admin@datamint.test',
    })
    const again = await call('POST', `/resources/${inbox.id}/publish`)
    expect(again.status).toBe(400)
    expect(again.body.message).toContain('Resource must be in inbox status to be approved')
  })

  it('bulk-publishes the inbox resources among the ids', async () => {
    const inbox = await list({ status: 'inbox' })
    const [published] = await list({ status: 'published' })
    const ids = [...inbox.map((r) => r.id), published.id]
    const answer = await call('POST', '/resources/bulk-publish', { json: { resource_ids: ids } })
    expect(answer).toMatchObject({ status: 201, body: { published: inbox.length } })
    expect(await list({ status: 'inbox' })).toEqual([])
    expect(
      (await call('POST', '/resources/bulk-publish', { json: { resource_ids: [MISSING] } })).status,
    ).toBe(404)
    expect((await call('POST', '/resources/bulk-publish', { json: { resource_ids: [] } })).status).toBe(422)
  })
})

describe('tags', () => {
  it('PUT /resources/:id/tags replaces the tags', async () => {
    const [first] = await list()
    const answer = await call('PUT', `/resources/${first.id}/tags`, { json: { tags: ['a', 'b', 'a'] } })
    expect(answer.body.tags).toEqual(['a', 'b'])
    expect(names(await list({ tags: JSON.stringify({ items: ['b'], filterType: 'union' }) }))).toEqual([
      first.filename,
    ])
  })
})

describe('GET /resources/channels', () => {
  it('groups the live resources by upload channel', async () => {
    const all = await list()
    const answer = await call('GET', '/resources/channels')
    const channels = answer.body.data
    expect(channels.map((c: Wire) => c.channel_name)).toEqual([
      'dicom-samples',
      'images',
      'nifti-volumes',
      'videos',
    ])
    expect(answer.body.totalCount).toBe('4')
    const total = channels.reduce((n: number, c: Wire) => n + Number(c.resource_count), 0)
    expect(total).toBe(all.length)
    const videos = channels.find((c: Wire) => c.channel_name === 'videos')
    expect(videos.resource_data.map((d: Wire) => d.resource_file_name).sort()).toEqual(
      names(all.filter((r) => r.mimetype.startsWith('video/'))),
    )
    expect(videos.resource_data.map((d: Wire) => d.resource_file_name)).toContain('test1.mp4')
    expect(videos.resource_data[0]).toEqual({
      created_by: expect.any(String),
      customer_id: datamint.db.customerId,
      resource_id: expect.any(String),
      resource_file_name: expect.any(String),
      resource_mimetype: expect.stringMatching(/^video\//),
    })
    const paged = await call('GET', '/resources/channels', { query: { offset: 1, limit: 2 } })
    expect(paged.body.data.map((c: Wire) => c.channel_name)).toEqual(['images', 'nifti-volumes'])
  })
})
