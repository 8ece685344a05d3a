import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  EntityAlreadyExistsError,
  ItemNotFoundError,
  PermissionDeniedError,
  ServerError,
  ValidationError,
} from '../../../src/api/errors.js'
import { projectJson, rejectionOf, resourceJson, startWire, uuid, type Wire } from './wire.js'

let wire: Wire
beforeEach(async () => {
  wire = await startWire()
})
afterEach(() => wire.close())

const P = uuid(1)
const R1 = uuid(11)
const R2 = uuid(12)
const USER = uuid(21)
const seen = () => wire.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`)

describe('ProjectsApi.getByName and create (name checked client-side)', () => {
  it('getByName lists every project (archived included by default) and compares names exactly', async () => {
    wire.route(() => ({ json: [projectJson(P, { name: 'Liver' }), projectJson(uuid(2), { name: 'liver' })] }))
    expect((await wire.api.projects.getByName('liver'))?.id).toBe(uuid(2))
    expect(await wire.api.projects.getByName('Kidney')).toBeUndefined()
    await wire.api.projects.getByName('Liver', { includeArchived: false })
    expect(seen()).toEqual([
      'GET /projects?includeArchived=true&offset=0&limit=5000',
      'GET /projects?includeArchived=true&offset=0&limit=5000',
      'GET /projects?includeArchived=false&offset=0&limit=5000',
    ])
  })

  it('create: a taken name throws EntityAlreadyExistsError without a POST; existsOk resolves to that project', async () => {
    wire.route(() => ({ json: { data: [projectJson(P, { name: 'Liver', archived: true })], totalCount: 1 } }))
    const e = await rejectionOf(() => wire.api.projects.create({ name: 'Liver' }))
    expect(e).toBeInstanceOf(EntityAlreadyExistsError)
    expect((e as Error).message).toMatch(/named "Liver" already exists .*existsOk/)
    expect((await wire.api.projects.create({ name: 'Liver' }, { existsOk: true })).id).toBe(P)
    expect(await wire.api.projects.create({ name: 'Liver' }, { existsOk: true, returnEntity: false })).toBe(P)
    expect(wire.requests.every((r) => r.method === 'GET')).toBe(true)
  })

  it('create: a free name is POSTed; a 409 (created meanwhile) is still honoured with existsOk', async () => {
    wire.route((req) =>
      req.method === 'GET'
        ? { json: [] }
        : { status: 409, json: { message: 'exists', entity: projectJson(uuid(3), { name: 'Kidney' }) } },
    )
    expect(await rejectionOf(() => wire.api.projects.create({ name: 'Kidney' }))).toBeInstanceOf(
      EntityAlreadyExistsError,
    )
    expect((await wire.api.projects.create({ name: 'Kidney' }, { existsOk: true })).id).toBe(uuid(3))
    expect(seen()).toEqual([
      'GET /projects?includeArchived=true&offset=0&limit=5000',
      'POST /projects',
      'GET /projects?includeArchived=true&offset=0&limit=5000',
      'POST /projects',
    ])
    expect(wire.requests).toHaveLength(4)
  })
})

describe('ProjectsApi resources and work status', () => {
  it('addResources: POST /projects/{id}/resources with resource_ids_to_add; ids or entities', async () => {
    await wire.api.projects.addResources([R1, resourceJson(R2) as never], P)
    await wire.api.projects.addResources(R1, projectJson(P) as never)
    expect(seen()).toEqual([`POST /projects/${P}/resources`, `POST /projects/${P}/resources`])
    expect(wire.requests[0].json()).toEqual({ resource_ids_to_add: [R1, R2], all_files_selected: false })
    expect(wire.requests[1].json()).toEqual({ resource_ids_to_add: [R1], all_files_selected: false })
  })

  it('addResources: a project name is looked up first; an unknown one is ItemNotFoundError', async () => {
    wire.route((req) => ({ json: req.method === 'GET' ? [projectJson(P, { name: 'Liver' })] : {} }))
    await wire.api.projects.addResources([R1], 'Liver')
    expect(seen()).toEqual([
      'GET /projects?includeArchived=true&offset=0&limit=5000',
      `POST /projects/${P}/resources`,
    ])
    const e = await rejectionOf(() => wire.api.projects.addResources([R1], 'Kidney'))
    expect(e).toBeInstanceOf(ItemNotFoundError)
    expect((e as ItemNotFoundError).itemId).toBe('Kidney')
  })

  it('addResources: bad ids are refused before sending; an empty list sends nothing; 404 names the project', async () => {
    expect(await rejectionOf(() => wire.api.projects.addResources(['nope'], P))).toBeInstanceOf(
      ValidationError,
    )
    await wire.api.projects.addResources([], P)
    expect(wire.requests).toHaveLength(0)
    wire.route(() => ({ status: 404, json: { message: 'Project not found' } }))
    const e = await rejectionOf(() => wire.api.projects.addResources([R1], P))
    expect((e as ItemNotFoundError).itemType).toBe('project')
    expect((e as ItemNotFoundError).itemId).toBe(P)
  })

  it('setWorkStatus: POST /projects/{id}/resources/{rid}/status with {status}', async () => {
    await wire.api.projects.setWorkStatus(R1, 'closed', P)
    expect(seen()).toEqual([`POST /projects/${P}/resources/${R1}/status`])
    expect(wire.requests[0].json()).toEqual({ status: 'closed' })
    wire.route(() => ({ status: 403, json: { message: 'not a manager' } }))
    expect(await rejectionOf(() => wire.api.projects.setWorkStatus(R1, 'opened', P))).toBeInstanceOf(
      PermissionDeniedError,
    )
  })
})

describe('ProjectsApi members', () => {
  const member = { project_id: P, user_id: USER, roles: ['PROJECT_ANNOTATOR'], firstname: 'Ana' }

  it('getMembers / setMember / removeMember', async () => {
    wire.route((req) => (req.method === 'GET' ? { json: [member] } : { json: { updated: true } }))
    expect(await wire.api.projects.getMembers(P)).toEqual([member])
    await wire.api.projects.setMember(USER, ['PROJECT_REVIEWER'], P)
    await wire.api.projects.setMember(member, ['PROJECT_ANNOTATOR'], projectJson(P) as never)
    await wire.api.projects.removeMember(USER, P)
    expect(seen()).toEqual([
      `GET /projects/${P}/members`,
      `POST /projects/${P}/members/${USER}`,
      `POST /projects/${P}/members/${USER}`,
      `DELETE /projects/${P}/members/${USER}`,
    ])
    expect(wire.requests[1].json()).toEqual({ roles: ['PROJECT_REVIEWER'] })
  })

  it('a member that does not fit names the field; bad user ids and roles are refused before sending', async () => {
    wire.route(() => ({ json: [{ ...member, roles: 'admin' }] }))
    expect(((await rejectionOf(() => wire.api.projects.getMembers(P))) as ValidationError).field).toBe(
      'members[0].roles',
    )
    const before = wire.requests.length
    expect(await rejectionOf(() => wire.api.projects.setMember('ann@x.io', [], P))).toBeInstanceOf(
      ValidationError,
    )
    expect(
      await rejectionOf(() => wire.api.projects.setMember(USER, 'PROJECT_ANNOTATOR' as never, P)),
    ).toBeInstanceOf(ValidationError)
    expect(wire.requests).toHaveLength(before)
  })
})

describe('ProjectsApi statuses, splits, pinned metrics', () => {
  it('getAnnotationStatuses: filters as status, user_id, resource_id', async () => {
    const row = { resource_id: R1, status: 'annotated', user_id: USER }
    wire.route(() => ({ json: [row] }))
    expect(
      await wire.api.projects.getAnnotationStatuses(P, { status: 'annotated', userId: USER, resource: R1 }),
    ).toEqual([row])
    await wire.api.projects.getAnnotationStatuses(P)
    expect(seen()).toEqual([
      `GET /projects/${P}/annotation-statuses?status=annotated&user_id=${USER}&resource_id=${R1}`,
      `GET /projects/${P}/annotation-statuses`,
    ])
  })

  it('resetAnnotatorStatus: DELETE …/resources/{rid}/annotator/{email}/status-reset; the e-mail is required', async () => {
    await wire.api.projects.resetAnnotatorStatus(R1, 'ana@example.com', P)
    expect(seen()).toEqual([`DELETE /projects/${P}/resources/${R1}/annotator/ana@example.com/status-reset`])
    expect(await rejectionOf(() => wire.api.projects.resetAnnotatorStatus(R1, '', P))).toBeInstanceOf(
      ValidationError,
    )
    expect(wire.requests).toHaveLength(1)
  })

  it('getSplits / assignSplits / getResourceSplit (null on 404 or empty)', async () => {
    const split = {
      id: uuid(31),
      split_name: 'train',
      project_id: P,
      resource_id: R1,
      created_at: '2025-01-01T00:00:00Z',
      created_by: 'a@example.com',
    }
    wire.route(() => ({ json: [split] }))
    expect(
      await wire.api.projects.getSplits(P, { splitName: 'train', asOfTimestamp: '2025-02-01T00:00:00Z' }),
    ).toEqual([split])
    wire.route(() => ({ json: {} }))
    await wire.api.projects.assignSplits([R1, R2], 'val', P)
    wire.route(() => ({ json: split }))
    expect(await wire.api.projects.getResourceSplit(R1, P)).toEqual(split)
    wire.route(() => ({ status: 404, json: { message: 'no split' } }))
    expect(await wire.api.projects.getResourceSplit(R2, P)).toBeNull()
    wire.route(() => ({ json: {} }))
    expect(await wire.api.projects.getResourceSplit(R2, P)).toBeNull()
    expect(seen()).toEqual([
      `GET /projects/${P}/splits?split_name=train&as_of_timestamp=2025-02-01T00%3A00%3A00Z`,
      `POST /projects/${P}/splits`,
      `GET /projects/${P}/resources/${R1}/split`,
      `GET /projects/${P}/resources/${R2}/split`,
      `GET /projects/${P}/resources/${R2}/split`,
    ])
    expect(wire.requests[1].json()).toEqual({ resource_ids: [R1, R2], split_name: 'val' })
    wire.route(() => ({ status: 500, json: { message: 'boom' } }))
    expect(await rejectionOf(() => wire.api.projects.getResourceSplit(R2, P))).toBeInstanceOf(ServerError)
    expect(await rejectionOf(() => wire.api.projects.assignSplits([R1], '', P))).toBeInstanceOf(
      ValidationError,
    )
  })

  it('getPinnedMetrics reads the project; setPinnedMetrics PATCHes pinned_metrics and reads back', async () => {
    wire.route((req) =>
      req.method === 'PATCH' ? { json: {} } : { json: projectJson(P, { pinned_metrics: ['val/dice'] }) },
    )
    expect(await wire.api.projects.getPinnedMetrics(P)).toEqual(['val/dice'])
    const project = await wire.api.projects.setPinnedMetrics(['val/dice', 'val/iou'], P)
    expect(project.id).toBe(P)
    expect(seen()).toEqual([`GET /projects/${P}`, `PATCH /projects/${P}`, `GET /projects/${P}`])
    expect(wire.requests[1].json()).toEqual({ pinned_metrics: ['val/dice', 'val/iou'] })
    wire.route(() => ({ json: projectJson(P) }))
    expect(await wire.api.projects.getPinnedMetrics(P)).toEqual([])
  })
})

describe('ProjectsApi statistics, review messages, worklists, export', () => {
  it('the stats calls: paths, the email filter, answers parsed', async () => {
    const stats = [{ email: 'ana@example.com', total_resources: '4', closed: 1 }]
    wire.route((req) => {
      if (req.path.endsWith('annotators-statistic')) return { json: stats }
      if (req.path.endsWith('/status')) return { json: { email: 'ana@example.com', status: 'active' } }
      return { json: { annotation_count: 3 } }
    })
    expect(
      (await wire.api.projects.getAnnotatorsStats(P, { annotatorEmail: 'ana@example.com' }))[0]
        .total_resources,
    ).toBe(4)
    expect(await wire.api.projects.getAnnotationsStats(P)).toEqual({ annotation_count: 3 })
    expect(await wire.api.projects.getFilesMatrixStats(P)).toEqual({ annotation_count: 3 })
    expect((await wire.api.projects.getAnnotatorStatus('ana@example.com', P)).status).toBe('active')
    expect(seen()).toEqual([
      `GET /projects/${P}/annotators-statistic?email=ana%40example.com`,
      `GET /projects/${P}/annotations-statistic`,
      `GET /projects/${P}/files-matrix-statistic`,
      `GET /projects/${P}/users/ana@example.com/status`,
    ])
    wire.route(() => ({ json: ['not', 'an object'] }))
    expect(await rejectionOf(() => wire.api.projects.getAnnotationsStats(P))).toBeInstanceOf(ValidationError)
  })

  it('getReviewMessages: annotator, resourceId and repeated statuses', async () => {
    wire.route(() => ({ json: [{ id: uuid(41), message: 'redo the box' }] }))
    const messages = await wire.api.projects.getReviewMessages(P, {
      annotatorEmail: 'ana@example.com',
      resource: R1,
      statuses: ['open', 'resolved'],
    })
    expect(messages[0].message).toBe('redo the box')
    expect(wire.requests[0].path).toBe(`/projects/${P}/reviewmessages`)
    expect(wire.requests[0].query.get('annotator')).toBe('ana@example.com')
    expect(wire.requests[0].query.get('resourceId')).toBe(R1)
    expect(wire.requests[0].query.getAll('statuses')).toEqual(['open', 'resolved'])
  })

  it('getWorklists: GET /projects/{id}/worklists, worklist_id/worklist_name as id/name', async () => {
    wire.route(() => ({ json: [{ worklist_id: uuid(51), worklist_name: 'Round 1', status: 'new' }] }))
    const [worklist] = await wire.api.projects.getWorklists(P)
    expect(worklist).toMatchObject({ id: uuid(51), name: 'Round 1' })
    expect(seen()).toEqual([`GET /projects/${P}/worklists`])
  })

  it('downloadAnnotations: a Blob; format, from/to and repeated annotators[]/annotations[]', async () => {
    wire.route(() => ({
      body: 'resource,label\na,tumor\n',
      headers: { 'content-type': 'text/csv' },
      chunks: 3,
    }))
    const progress: number[] = []
    const blob = await wire.api.projects.downloadAnnotations(P, {
      annotators: ['a@example.com', 'b@example.com'],
      annotations: ['tumor'],
      fromDate: new Date('2025-04-01T12:00:00Z'),
      toDate: '2025-04-13',
      onProgress: (p) => progress.push(p.transferredBytes),
    })
    expect(blob.type).toBe('text/csv')
    expect(await blob.text()).toBe('resource,label\na,tumor\n')
    expect(progress.at(-1)).toBe(23)
    const { query, path, headers } = wire.requests[0]
    expect(path).toBe(`/projects/${P}/download-annotations`)
    expect(query.get('format')).toBe('csv')
    expect(query.getAll('annotators[]')).toEqual(['a@example.com', 'b@example.com'])
    expect(query.getAll('annotations[]')).toEqual(['tumor'])
    expect([query.get('from'), query.get('to')]).toEqual(['2025-04-01', '2025-04-13'])
    expect(headers.accept).toBe('application/octet-stream')
    wire.route(() => ({ status: 404, json: { message: 'Project not found' } }))
    expect(
      await rejectionOf(() => wire.api.projects.downloadAnnotations(P, { format: 'xlsx' })),
    ).toBeInstanceOf(ItemNotFoundError)
    expect(wire.requests[1].query.get('format')).toBe('xlsx')
  })
})
