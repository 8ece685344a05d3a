import { describe, expect, it } from 'vitest'
import { startDatamintServer } from './harness.js'

const { call, datamint } = startDatamintServer()
const MISSING = '00000000-0000-4000-8000-000000000000'

async function liveProjects(query: Record<string, string> = {}) {
  return (await call('GET', '/projects', { query })).body
}

describe('GET /projects', () => {
  it('answers { data, totalCount } with counts as strings, archived projects only on request', async () => {
    const active = await liveProjects()
    expect(active.data.map((p: { name: string }) => p.name).sort()).toEqual([
      'Brain MR Segmentation',
      'Chest CT Review',
      'Multi-frame QA',
    ])
    expect(active.totalCount).toBe('3')
    const ct = active.data.find((p: { name: string }) => p.name === 'Chest CT Review')
    expect(typeof ct.resource_count).toBe('string')
    expect(Number(ct.resource_count)).toBeGreaterThan(0)
    const all = await liveProjects({ includeArchived: 'true' })
    expect(all.totalCount).toBe('4')
    expect(all.data.some((p: { archived: boolean }) => p.archived)).toBe(true)
  })

  it('pages with offset and limit, and 422s a bad limit', async () => {
    const all = (await liveProjects({ includeArchived: 'true' })).data
    const pages = []
    for (let offset = 0; offset < all.length; offset += 3) {
      pages.push(
        ...(await liveProjects({ includeArchived: 'true', offset: String(offset), limit: '3' })).data,
      )
    }
    expect(pages).toEqual(all)
    expect((await liveProjects({ includeArchived: 'true', offset: '3', limit: '3' })).data).toHaveLength(1)
    expect((await liveProjects({ offset: '10' })).data).toEqual([])
    expect((await call('GET', '/projects', { query: { limit: 'many' } })).status).toBe(422)
    expect((await call('GET', '/projects', { query: { offset: -1 } })).status).toBe(422)
  })

  it('can be seeded with extra projects for long lists', async () => {
    const { createDatamintServer } = await import('../../src/testing/index.js')
    const big = createDatamintServer({ seed: { extraProjects: 40 } })
    expect(big.db.liveProjects()).toHaveLength(44)
  })
})

describe('GET /projects/:id', () => {
  it('answers the project, also with the trailing slash the SDK sends', async () => {
    const [first] = (await liveProjects()).data
    const plain = await call('GET', `/projects/${first.id}`)
    expect(plain.status).toBe(200)
    expect(plain.body).toEqual(first)
    expect((await call('GET', `/projects/${first.id.toUpperCase()}/`)).body).toEqual(first)
  })

  it('404s an unknown id with the server error body and 422s a malformed one', async () => {
    const missing = await call('GET', `/projects/${MISSING}`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `Project not found: ${MISSING}`,
    })
    const malformed = await call('GET', '/projects/not-a-uuid')
    expect(malformed.status).toBe(422)
    expect(malformed.body.message).toContain('uuid is expected')
  })
})

describe('POST /projects', () => {
  const body = (name: unknown) => ({
    name,
    description: 'new',
    is_active_learning: false,
    resource_ids: [],
    segmentationData: { segmentationValueType: 'multi_label', definitions: [] },
    annotation_set: { resource_ids: [], annotations: [] },
    two_up_display: false,
    require_review: false,
  })

  it('creates a project (201, full entity) that lists and reads back', async () => {
    const created = await call('POST', '/projects', { json: body('Liver study') })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Liver study',
      description: 'new',
      archived: false,
      resource_count: '0',
      created_by: 'admin@datamint.test',
      segmentationData: { segmentationValueType: 'multi_label', definitions: [] },
    })
    expect((await call('GET', `/projects/${created.body.id}`)).body).toEqual(created.body)
    expect((await liveProjects()).data.map((p: { id: string }) => p.id)).toContain(created.body.id)
  })

  it('puts the given resources into the project', async () => {
    const ids = [...datamint.db.resources.keys()].slice(0, 3)
    const created = await call('POST', '/projects', { json: { ...body('With files'), resource_ids: ids } })
    expect(created.body.resource_count).toBe('3')
    const resources = await call('GET', `/projects/${created.body.id}/resources`)
    expect(Array.isArray(resources.body)).toBe(true)
    expect(resources.body.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort())
  })

  it('409s a duplicate name with the existing project in the body', async () => {
    const existing = (await liveProjects()).data.find((p: { name: string }) => p.name === 'Chest CT Review')
    const conflict = await call('POST', '/projects', { json: body('Chest CT Review') })
    expect(conflict.status).toBe(409)
    expect(conflict.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      id: existing.id,
      entity: existing,
    })
    expect(conflict.body.message).toContain('already exists')
  })

  it('422s a missing or empty name, unknown resource ids and a body that is not JSON', async () => {
    for (const name of [undefined, '', '   ', 42]) {
      const answer = await call('POST', '/projects', { json: body(name) })
      expect(answer.status).toBe(422)
      expect(answer.body.message).toBe('name must be a non-empty string')
    }
    const unknown = await call('POST', '/projects', { json: { ...body('x'), resource_ids: [MISSING] } })
    expect(unknown.status).toBe(422)
    const notJson = await call('POST', '/projects', {
      body: '{',
      headers: { 'content-type': 'application/json' },
    })
    expect(notJson.status).toBe(422)
  })
})

describe('PATCH /projects/:id', () => {
  it('answers {} by default and the change reads back', async () => {
    const [first] = (await liveProjects()).data
    const answer = await call('PATCH', `/projects/${first.id}`, { json: { description: 'edited' } })
    expect(answer).toMatchObject({ status: 200, body: {} })
    const after = (await call('GET', `/projects/${first.id}`)).body
    expect(after).toEqual({ ...first, description: 'edited' })
  })

  it("answers the updated entity with patchResponse: 'entity'", async () => {
    datamint.configure({ patchResponse: 'entity' })
    try {
      const [first] = (await liveProjects()).data
      const answer = await call('PATCH', `/projects/${first.id}`, { json: { name: 'Renamed' } })
      expect(answer.body).toEqual({ ...first, name: 'Renamed' })
      // The resources' embedded project names follow.
      const resource = datamint.db.liveResources().find((r) => r.projects.some((p) => p.id === first.id))
      expect(resource?.projects.find((p) => p.id === first.id)?.name).toBe('Renamed')
    } finally {
      datamint.configure({ patchResponse: 'empty' })
    }
  })

  it('archives with archived_on/archived_by, and 409s/422s bad names', async () => {
    const [first, second] = (await liveProjects()).data
    await call('PATCH', `/projects/${first.id}`, { json: { archived: true } })
    expect(datamint.db.projects.get(first.id)).toMatchObject({
      archived: true,
      archived_by: 'admin@datamint.test',
    })
    expect((await liveProjects()).data.map((p: { id: string }) => p.id)).not.toContain(first.id)
    expect((await call('PATCH', `/projects/${second.id}`, { json: { name: first.name } })).status).toBe(409)
    expect((await call('PATCH', `/projects/${second.id}`, { json: { name: '' } })).status).toBe(422)
    expect((await call('PATCH', `/projects/${second.id}`, { json: { archived: 'yes' } })).status).toBe(422)
    expect((await call('PATCH', `/projects/${MISSING}`, { json: {} })).status).toBe(404)
  })
})

describe('DELETE /projects/:id', () => {
  it('soft-deletes: the record stays with deleted fields set, then 404 and gone from lists', async () => {
    const [first] = (await liveProjects()).data
    expect((await call('DELETE', `/projects/${first.id}`)).status).toBe(200)
    expect(datamint.db.projects.get(first.id)).toMatchObject({
      deleted: true,
      deleted_by: 'admin@datamint.test',
      deleted_at: expect.stringMatching(/^2025-03-03T09:00:\d\d\.000Z$/),
    })
    expect((await call('GET', `/projects/${first.id}`)).status).toBe(404)
    expect((await call('DELETE', `/projects/${first.id}`)).status).toBe(404)
    expect(
      (await liveProjects({ includeArchived: 'true' })).data.map((p: { id: string }) => p.id),
    ).not.toContain(first.id)
    // A deleted project's name is free again.
    expect((await call('POST', '/projects', { json: { name: first.name } })).status).toBe(201)
  })
})

describe('numbersAsStrings: false', () => {
  it('sends counts as numbers', async () => {
    datamint.configure({ numbersAsStrings: false })
    try {
      const list = await liveProjects()
      expect(list.totalCount).toBe(3)
      expect(typeof list.data[0].resource_count).toBe('number')
    } finally {
      datamint.configure({ numbersAsStrings: true })
    }
  })
})
