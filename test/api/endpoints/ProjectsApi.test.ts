import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ItemNotFoundError, ValidationError } from '../../../src/api/errors.js'
import { KEY, projectJson, rejectionOf, resourceJson, startWire, uuid, type Wire } from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const P = uuid(1)

describe('ProjectsApi on the wire', () => {
  it('getAll: GET /projects with includeArchived, paging and the auth headers; counts coerced', async () => {
    wire.route(() => ({ json: { data: [projectJson(P), projectJson(uuid(2))], totalCount: '2' } }))
    const projects = await wire.api.projects.getAll()
    expect(wire.requests).toHaveLength(1)
    const [r] = wire.requests
    expect(r.method).toBe('GET')
    expect(r.path).toBe('/projects')
    expect(Object.fromEntries(r.query)).toEqual({ includeArchived: 'true', offset: '0', limit: '5000' })
    expect(r.headers.apikey).toBe(KEY)
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(projects.map((p) => p.id)).toEqual([P, uuid(2)])
    expect(projects[0].resource_count).toBe(36)
  })

  it('getList: a caller limit and includeArchived=false', async () => {
    wire.route(() => ({ json: [projectJson(P)] }))
    await wire.api.projects.getList({ limit: 7, includeArchived: false })
    expect(Object.fromEntries(wire.requests[0].query)).toEqual({
      includeArchived: 'false',
      offset: '0',
      limit: '7',
    })
  })

  it('getById: GET /projects/{id}; unknown fields kept', async () => {
    wire.route(() => ({ json: projectJson(P, { pinned_metrics: ['val/dice'], brand_new_field: 1 }) }))
    const project = await wire.api.projects.getById(P)
    expect(wire.requests[0].method).toBe('GET')
    expect(wire.requests[0].path).toBe(`/projects/${P}`)
    expect(project.pinned_metrics).toEqual(['val/dice'])
    expect((project as unknown as Record<string, unknown>).brand_new_field).toBe(1)
  })

  it('getById: 404 → ItemNotFoundError naming the project', async () => {
    wire.route(() => ({ status: 404, json: { message: 'not found' } }))
    const e = await rejectionOf(() => wire.api.projects.getById(P))
    expect(e).toBeInstanceOf(ItemNotFoundError)
    expect((e as ItemNotFoundError).itemType).toBe('project')
    expect((e as ItemNotFoundError).itemId).toBe(P)
  })

  it('a response that does not fit → ValidationError naming project.resource_count', async () => {
    wire.route(() => ({ json: projectJson(P, { resource_count: 'lots' }) }))
    const e = await rejectionOf(() => wire.api.projects.getById(P))
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).field).toBe('project.resource_count')
  })

  it('sends no request at all for a bad id', async () => {
    const bad = 'not-a-uuid'
    const api = wire.api.projects
    for (const call of [
      () => api.getById(bad),
      () => api.patch(bad, { name: 'x' }),
      () => api.delete(bad),
      () => api.bulkDelete([P, bad]),
      () => api.getProjectResources(bad),
    ]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ValidationError)
    }
    expect(wire.requests).toHaveLength(0)
  })

  it('create: the name checked (GET /projects), POST /projects with the body of the wire doc, then the entity', async () => {
    wire.route((req) =>
      req.method === 'POST'
        ? { json: { id: P } }
        : { json: req.path === '/projects' ? [] : projectJson(P, { name: 'Liver' }) },
    )
    const project = await wire.api.projects.create({
      name: 'Liver',
      description: 'CT 2025',
      resource_ids: [uuid(10), uuid(11)],
      two_up_display: true,
    })
    expect(project.name).toBe('Liver')
    const [list, post, get] = wire.requests
    expect(`${list.method} ${list.path}`).toBe('GET /projects')
    expect(post.method).toBe('POST')
    expect(post.path).toBe('/projects')
    expect(post.headers['content-type']).toContain('application/json')
    expect(post.json()).toEqual({
      name: 'Liver',
      description: 'CT 2025',
      is_active_learning: false,
      resource_ids: [uuid(10), uuid(11)],
      segmentationData: { segmentationValueType: 'single_label', definitions: [] },
      annotation_set: { resource_ids: [uuid(10), uuid(11)], annotations: [] },
      two_up_display: true,
      require_review: false,
    })
    expect(get.method).toBe('GET')
    expect(get.path).toBe(`/projects/${P}`)
  })

  it('create with returnEntity: false resolves to the id with no read-back; multi_label spec', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? [] : P }))
    const id = await wire.api.projects.create(
      { name: 'Seg', segmentation_spec: 'multi_label' },
      { returnEntity: false },
    )
    expect(id).toBe(P)
    expect(wire.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(wire.requests[1].json()).toMatchObject({
      name: 'Seg',
      description: '',
      resource_ids: [],
      segmentationData: { segmentationValueType: 'multi_label', definitions: [] },
    })
  })

  it('patch: PATCH /projects/{id} with only the given fields; an empty answer is read back', async () => {
    wire.route((req) =>
      req.method === 'PATCH' ? { json: {} } : { json: projectJson(P, { name: 'Renamed' }) },
    )
    const project = await wire.api.projects.patch(P, { name: 'Renamed', description: undefined })
    expect(project.name).toBe('Renamed')
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /projects/${P}`,
      `GET /projects/${P}`,
    ])
    expect(wire.requests[0].json()).toEqual({ name: 'Renamed' })
  })

  it('partialUpdate is patch; delete: DELETE /projects/{id}', async () => {
    wire.route((req) => ({ json: req.method === 'PATCH' ? projectJson(P, { archived: true }) : {} }))
    expect(
      (await wire.api.projects.partialUpdate(projectJson(P) as never, { archived: true })).archived,
    ).toBe(true)
    await wire.api.projects.delete(P)
    expect(wire.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /projects/${P}`,
      `DELETE /projects/${P}`,
    ])
    expect(wire.requests[0].json()).toEqual({ archived: true })
  })

  it('bulkDelete: one DELETE per project', async () => {
    await wire.api.projects.bulkDelete([uuid(1), uuid(2), uuid(3)])
    expect(wire.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `DELETE /projects/${uuid(1)}`,
      `DELETE /projects/${uuid(2)}`,
      `DELETE /projects/${uuid(3)}`,
    ])
  })

  it('getProjectResources: GET /projects/{id}/resources (bare array) validated as resources', async () => {
    wire.route(() => ({ json: [resourceJson(uuid(20)), resourceJson(uuid(21))] }))
    const resources = await wire.api.projects.getProjectResources(projectJson(P) as never)
    expect(wire.requests[0].method).toBe('GET')
    expect(wire.requests[0].path).toBe(`/projects/${P}/resources`)
    expect(resources.map((r) => r.id)).toEqual([uuid(20), uuid(21)])
    expect(resources[0].size).toBe(39206)
    wire.route(() => ({ json: [resourceJson(uuid(20)), resourceJson(uuid(21), { size: 'big' })] }))
    const e = await rejectionOf(() => wire.api.projects.getProjectResources(P))
    expect((e as ValidationError).field).toBe('resources[1].size')
  })
})
