import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { EntityAlreadyExistsError, ItemNotFoundError, ValidationError } from '../../src/api/errors.js'
import { startDatamintServer } from './harness.js'

// The management API against the in-memory server: seeded data, writes, and what they change.
const { datamint } = startDatamintServer({ chunkSize: 8192 })
const api = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: 'test-api-key' })
const project = () =>
  datamint.db.liveProjects().find((p) => p.name === 'Chest CT Review') as {
    id: string
    worklist_id: string
    dataset_id: string
  }
const outsideResource = (projectId: string) =>
  datamint.db.liveResources().find((r) => !r.projects.some((p) => p.id === projectId)) as { id: string }

describe('in-memory server: project members, statuses and statistics', () => {
  it('seeded members with names; setMember changes roles, adds and removes members', async () => {
    const { id } = project()
    const members = await api.projects.getMembers(id)
    expect(members.map((m) => [m.email, m.roles])).toEqual([
      ['admin@datamint.test', ['PROJECT_MANAGER']],
      ['annotator@datamint.test', ['PROJECT_ANNOTATOR']],
      ['radiologist@datamint.test', ['PROJECT_ANNOTATOR']],
      ['reviewer@datamint.test', ['PROJECT_REVIEWER']],
    ])
    const annotator = members[1]
    await api.projects.setMember(annotator, ['PROJECT_ANNOTATOR', 'PROJECT_REVIEWER'], id)
    expect((await api.projects.getMembers(id))[1].roles).toEqual(['PROJECT_ANNOTATOR', 'PROJECT_REVIEWER'])
    await api.projects.removeMember(annotator.user_id, id)
    expect((await api.projects.getMembers(id)).map((m) => m.user_id)).not.toContain(annotator.user_id)
    expect(await api.projects.removeMember(annotator.user_id, id).catch((e) => e)).toBeInstanceOf(
      ItemNotFoundError,
    )
    const { id: mr } = datamint.db.liveProjects().find((p) => p.name === 'Brain MR Segmentation') as {
      id: string
    }
    await api.projects.setMember(annotator.user_id, ['PROJECT_ANNOTATOR'], mr)
    expect(await api.projects.setMember(annotator.user_id, [], mr).catch((e) => e)).toBeInstanceOf(
      ValidationError,
    )
  })

  it('work status sets every row of the resource; closed_resources_count follows; reset removes a row', async () => {
    const { id } = project()
    const rows = await api.projects.getAnnotationStatuses(id)
    const rid = rows[0].resource_id
    await api.projects.setWorkStatus(rid, 'closed', id)
    const after = await api.projects.getAnnotationStatuses(id, { resource: rid })
    expect(after.length).toBeGreaterThan(0)
    expect(after.every((s) => s.status === 'closed')).toBe(true)
    const closed = new Set(
      (await api.projects.getAnnotationStatuses(id, { status: 'closed' })).map((s) => s.resource_id),
    )
    expect((await api.projects.getById(id)).closed_resources_count).toBe(closed.size)
    await api.projects.resetAnnotatorStatus(rid, after[0].annotator_email as string, id)
    expect(await api.projects.getAnnotationStatuses(id, { resource: rid })).toHaveLength(after.length - 1)
    const stats = await api.projects.getAnnotatorsStats(id)
    expect(stats.map((s) => s.email)).toEqual(['annotator@datamint.test', 'radiologist@datamint.test'])
    expect(stats[0].total_resources).toBe((await api.projects.getProjectResources(id)).length)
    expect((await api.projects.getAnnotatorStatus('annotator@datamint.test', id)).status).toBe('active')
    const matrix = await api.projects.getFilesMatrixStats(id)
    expect(matrix.annotators).toEqual(['annotator@datamint.test', 'radiologist@datamint.test'])
    expect((await api.projects.getAnnotationsStats(id)).annotation_count).toBeGreaterThan(0)
  })

  it('review messages filter by annotator and status; the export is CSV filtered by annotator', async () => {
    const { id } = project()
    expect(await api.projects.getReviewMessages(id, { statuses: ['open'] })).toHaveLength(1)
    expect(
      await api.projects.getReviewMessages(id, { annotatorEmail: 'reviewer@datamint.test' }),
    ).toHaveLength(0)
    const csv = await (await api.projects.downloadAnnotations(id)).text()
    const lines = csv.trim().split('\n')
    expect(lines[0]).toBe('resource_id,filename,annotator,identifier,annotation_type,value,created_at')
    expect(lines.length).toBeGreaterThan(1)
    const none = await api.projects.downloadAnnotations(id, { annotators: ['nobody@datamint.test'] })
    expect((await none.text()).trim().split('\n')).toHaveLength(1)
  })
})

describe('in-memory server: splits, resources, pinned metrics, create by name', () => {
  it('splits: seeded, reassigned with history (asOfTimestamp), one resource read alone', async () => {
    const { id } = project()
    const resources = await api.projects.getProjectResources(id)
    const before = await api.projects.getSplits(id)
    expect(new Set(before.map((s) => s.split_name))).toEqual(new Set(['train', 'val', 'test']))
    const unplaced = resources.find((r) => !before.some((s) => s.resource_id === r.id))
    expect(unplaced).toBeDefined()
    expect(await api.projects.getResourceSplit(unplaced as never, id)).toBeNull()
    const moved = before[0]
    const time = datamint.db.now()
    await api.projects.assignSplits([moved.resource_id, unplaced?.id as string], 'test', id)
    expect((await api.projects.getResourceSplit(moved.resource_id, id))?.split_name).toBe('test')
    expect(
      (await api.projects.getSplits(id, { asOfTimestamp: time })).find(
        (s) => s.resource_id === moved.resource_id,
      )?.split_name,
    ).toBe(moved.split_name)
    expect((await api.projects.getSplits(id, { splitName: 'test' })).map((s) => s.resource_id)).toContain(
      unplaced?.id,
    )
    const outside = outsideResource(id)
    expect(await api.projects.assignSplits([outside.id], 'train', id).catch((e) => e)).toBeInstanceOf(
      ValidationError,
    )
  })

  it('addResources by project name; datasets.updateResources with a project removes from it', async () => {
    const { id, dataset_id } = project()
    const outside = outsideResource(id)
    const count = (await api.projects.getById(id)).resource_count
    await api.projects.addResources([outside.id], 'Chest CT Review')
    expect((await api.projects.getById(id)).resource_count).toBe(count + 1)
    await api.datasets.updateResources(dataset_id, { remove: [outside.id], project: id })
    expect((await api.projects.getProjectResources(id)).map((r) => r.id)).not.toContain(outside.id)
    expect((await api.projects.getById(id)).resource_count).toBe(count)
  })

  it('pinned metrics round trip; create refuses a taken name before the POST', async () => {
    const { id } = project()
    expect(await api.projects.getPinnedMetrics(id)).toEqual([])
    await api.projects.setPinnedMetrics(['val/dice'], id)
    expect(await api.projects.getPinnedMetrics(id)).toEqual(['val/dice'])
    datamint.requests.length = 0
    expect(await api.projects.create({ name: 'Archived Pilot' }).catch((e) => e)).toBeInstanceOf(
      EntityAlreadyExistsError,
    )
    expect(datamint.requests.map((r) => r.route)).toEqual(['GET /projects'])
  })
})

describe('in-memory server: annotation worklists', () => {
  it('the project worklist is listed by project and read by id; create, patch, annotators, resources', async () => {
    const { id, worklist_id } = project()
    const [listed] = await api.projects.getWorklists(id)
    expect(listed.id).toBe(worklist_id)
    expect((await api.annotationWorklists.getById(worklist_id)).annotators?.map((a) => a.email)).toEqual([
      'annotator@datamint.test',
      'radiologist@datamint.test',
    ])
    const resources = await api.projects.getProjectResources(id)
    const created = await api.annotationWorklists.create({
      name: 'Round 2',
      resource_ids: [resources[0].id],
      annotators: [{ email: 'annotator@datamint.test' }],
      project: id,
    })
    expect((await api.annotationWorklists.getList({ project: id })).map((w) => w.name)).toContain('Round 2')
    expect((await api.annotationWorklists.patch(created, { name: 'Round 2b' })).name).toBe('Round 2b')
    const reviewer = (await api.projects.getMembers(id)).find((m) => m.email === 'reviewer@datamint.test')
    await api.annotationWorklists.setAnnotator(created, reviewer?.user_id as string, {
      status: 'active',
      expertiseLevel: 'expert',
    })
    await api.annotationWorklists.updateResources(created, { add: [resources[1].id] })
    const now = await api.annotationWorklists.getById(created.id)
    expect(now.annotators).toHaveLength(2)
    expect(now.resource_ids).toEqual([resources[0].id, resources[1].id])
    await api.annotationWorklists.removeAnnotator(created, reviewer?.user_id as string)
    expect((await api.annotationWorklists.getById(created.id)).annotators).toHaveLength(1)
  })

  it('statuses, statistics, segmentation groups, uploaded segmentations and their reset', async () => {
    const { worklist_id } = project()
    const worklist = await api.annotationWorklists.getById(worklist_id)
    const rid = worklist.resource_ids?.[0] as string
    await api.annotationWorklists.updateAnnotationStatus(worklist, rid, 'approved', {
      annotatorEmail: 'annotator@datamint.test',
    })
    expect(
      (await api.annotationWorklists.getAnnotationStatuses(worklist, { status: 'approved' })).map(
        (s) => s.resource_id,
      ),
    ).toEqual([rid])
    const [stats] = await api.annotationWorklists.getAnnotatorsStatistics(worklist, {
      annotatorEmail: 'annotator@datamint.test',
    })
    expect(stats.total_resources).toBe(worklist.resource_ids?.length)
    await api.annotationWorklists.updateSegmentationGroup(worklist, {
      definitions: [{ identifier: 'nodule', index: 1 }],
    })
    const file = new File(['identifier,index\nvessel,2\n'], 'more.csv')
    await api.annotationWorklists.uploadSegmentationGroup(worklist, file, { replaceExisting: false })
    expect(
      (await api.annotationWorklists.getSegmentationGroup(worklist)).definitions.map((d) => d.identifier),
    ).toEqual(['nodule', 'vessel'])
    await api.annotationWorklists.deleteSegmentationGroup(worklist, 'nodule')
    const answer = await api.annotationWorklists.uploadAnnotations(
      worklist,
      rid,
      [{ identifier: 'nodule', frame_index: 0, width: 2, height: 2 }],
      { images: [{ name: 'mask.png', data: new Uint8Array([1, 2, 3]) }] },
    )
    expect(answer.created).toHaveLength(1)
    const segmentations = await api.annotationWorklists.getSegmentations(worklist, rid)
    expect(segmentations.map((s) => s.identifier)).toEqual(['nodule'])
    expect(
      (await api.annotationWorklists.getAnnotationsStatistics(worklist)).some(
        (s) => s.identifier === 'nodule',
      ),
    ).toBe(true)
    // The upload was the key owner's (admin): resetting the admin's status on it deletes it.
    await api.annotationWorklists.updateAnnotationStatus(worklist, rid, 'annotated')
    await api.annotationWorklists.resetAnnotatorStatus(worklist, rid, 'admin@datamint.test')
    expect(await api.annotationWorklists.getSegmentations(worklist, rid)).toEqual([])
  })
})

describe('in-memory server: users, invitations and dataset downloads', () => {
  it('invite, list, revoke; update and delete a user', async () => {
    const { id } = project()
    expect((await api.users.getInvitations({ project: id })).map((i) => i.email)).toEqual([
      'new.annotator@datamint.test',
    ])
    await api.users.invite('bob@datamint.test', { project: id, projectRoles: ['PROJECT_ANNOTATOR'] })
    expect(await api.users.getInvitations()).toHaveLength(2)
    await api.users.revokeInvitation('bob@datamint.test')
    expect(await api.users.revokeInvitation('bob@datamint.test').catch((e) => e)).toBeInstanceOf(
      ItemNotFoundError,
    )
    expect((await api.users.updateUser('annotator@datamint.test', { lastname: 'Renamed' })).lastname).toBe(
      'Renamed',
    )
    await api.users.deleteUser('annotator@datamint.test')
    expect(await api.users.getByEmail('annotator@datamint.test').catch((e) => e)).toBeInstanceOf(
      ItemNotFoundError,
    )
    expect((await api.projects.getMembers(id)).map((m) => m.email)).not.toContain('annotator@datamint.test')
  })

  it('datasets: resources read and changed; the download is a zip of the files of that format', async () => {
    const dataset = (await api.datasets.getAll()).find((d) => d.name === 'Public DICOM samples')
    if (!dataset) throw new Error('seeded dataset missing')
    const resources = await api.datasets.getResources(dataset)
    expect(resources.length).toBe(dataset.total_resource)
    await api.datasets.updateResources(dataset, { remove: [resources[0]] })
    expect((await api.datasets.getById(dataset.id)).total_resource).toBe(resources.length - 1)
    const progress: number[] = []
    const zip = await api.datasets.download(dataset, { onProgress: (p) => progress.push(p.fraction ?? 0) })
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']))
    expect(manifest.format).toBe('dicom')
    expect(Object.keys(files)).toHaveLength(resources.length)
    expect(progress.at(-1)).toBe(1)
    expect(await api.datasets.download(dataset, { format: 'npy' }).catch((e) => e)).toBeInstanceOf(
      ValidationError,
    )
  })
})
