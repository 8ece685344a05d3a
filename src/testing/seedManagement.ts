import type { DatamintDb } from './DatamintDb.js'
import type { ProjectRecord, ResourceRecord, UserRecord } from './entities.js'
import type { MemberRecord, StatusRecord, WorklistRecord } from './managementRecords.js'

/** The resources of a project (membership lives on the resource). */
export function projectResources(db: DatamintDb, projectId: string): ResourceRecord[] {
  return db.liveResources().filter((r) => r.projects.some((p) => p.id === projectId))
}

/** The user with this e-mail (any case), if any. */
export function userByEmail(db: DatamintDb, email: string): UserRecord | undefined {
  return db.users.get(email.toLowerCase())
}

/** A user's UUID; every user has one (given when created or seeded). */
export function userId(user: UserRecord): string {
  return user.id as string
}

/** Sets a member's roles (adds the member when new). */
export function putMember(
  db: DatamintDb,
  projectId: string,
  user: UserRecord,
  roles: string[],
  expertise: MemberRecord['expertise_level'] = null,
): MemberRecord {
  const key = `${projectId}/${userId(user)}`
  const member: MemberRecord = {
    project_id: projectId,
    user_id: userId(user),
    roles,
    expertise_level: expertise,
    status: 'active',
    ...db.members.get(key),
  }
  member.roles = roles
  db.members.set(key, member)
  return member
}

/** Sets one annotator's status on a resource, in a project or one of its worklists. */
export function putStatus(
  db: DatamintDb,
  scope: { project_id: string | null; worklist_id: string | null },
  resourceId: string,
  email: string,
  status: StatusRecord['status'],
  message: string | null = null,
  time = db.now(),
): StatusRecord {
  const key = statusKey(scope, resourceId, email)
  const user = userByEmail(db, email)
  const record: StatusRecord = {
    ...scope,
    resource_id: resourceId,
    user_id: user ? userId(user) : null,
    annotator_email: email.toLowerCase(),
    status,
    updated_at: time,
    message,
  }
  db.statuses.set(key, record)
  return record
}

export function statusKey(
  scope: { project_id: string | null; worklist_id: string | null },
  resourceId: string,
  email: string,
): string {
  return `${scope.worklist_id ?? scope.project_id}/${resourceId}/${email.toLowerCase()}`
}

/** Assigns resources to a split; an earlier assignment of each is closed (`deleted_at`), as history. */
export function assignSplit(
  db: DatamintDb,
  projectId: string,
  resourceIds: string[],
  splitName: string,
  time?: string,
): void {
  for (const resourceId of resourceIds) {
    const current = [...db.splits.values()].find(
      (s) => s.project_id === projectId && s.resource_id === resourceId && s.deleted_at === null,
    )
    if (current?.split_name === splitName) continue
    const now = time ?? db.now()
    if (current) Object.assign(current, { deleted_at: now, deleted_by: db.currentUser })
    const id = db.newId()
    db.splits.set(id, {
      id,
      split_name: splitName,
      project_id: projectId,
      resource_id: resourceId,
      created_at: now,
      created_by: db.currentUser,
      deleted_at: null,
      deleted_by: null,
    })
  }
}

const SPLITS = ['train', 'train', 'train', 'val', 'test']
const WORK: Array<StatusRecord['status'] | undefined> = ['closed', 'annotated', 'opened', undefined]

function seedProject(db: DatamintDb, project: ProjectRecord, admin: UserRecord, reviewer: UserRecord) {
  const resources = projectResources(db, project.id)
  putMember(db, project.id, admin, ['PROJECT_MANAGER'], 'expert')
  const annotators = project.annotators
    .map((a) => userByEmail(db, a.email))
    .filter((u): u is UserRecord => u !== undefined)
  for (const user of annotators) putMember(db, project.id, user, ['PROJECT_ANNOTATOR'], 'trained')
  if (project.require_review) putMember(db, project.id, reviewer, ['PROJECT_REVIEWER'], 'expert')

  // The project's worklist has the id the project already names.
  const worklist: WorklistRecord = {
    id: project.worklist_id,
    name: `${project.name} — round 1`,
    status: 'new',
    description: project.description,
    project_id: project.id,
    annotators: annotators.map((u) => ({ email: u.email, status: 'active', expertise_level: 'trained' })),
    annotations: [
      {
        type: 'category',
        identifier: 'finding',
        required: true,
        scope: 'image',
        values: ['normal', 'nodule'],
      },
      { type: 'square', identifier: 'Nodule box', required: false, scope: 'frame' },
    ],
    resource_ids: resources.map((r) => r.id),
    frame_labels: [],
    image_labels: ['finding'],
    segmentation_data: { ...project.segmentationData, definitions: [] },
    created_at: project.created_at,
    created_by: project.created_by,
  }
  db.worklists.set(worklist.id, worklist)
  for (const a of project.annotators) a.worklist_ids = [worklist.id]

  // Most resources in a split (60/20/20), the last one left for the admin to place.
  const placed = resources.length > 2 ? resources.slice(0, -1) : resources
  placed.forEach((r, i) => {
    assignSplit(db, project.id, [r.id], SPLITS[i % SPLITS.length], db.daysAgo(12 - i * 0.01))
  })
  annotators.forEach((user, a) => {
    resources.forEach((r, i) => {
      const status = WORK[(i + a) % WORK.length]
      if (status) {
        const scope = { project_id: project.id, worklist_id: worklist.id }
        putStatus(db, scope, r.id, user.email, status, null, db.daysAgo(5 - i * 0.01 - a * 0.1))
      }
    })
  })
}

/**
 * Members, worklists, splits, statuses, review messages and an invitation for the seeded projects, so an
 * admin page has something to show. Runs after every other seed step, so the ids drawn before stay the same.
 */
export function seedManagement(db: DatamintDb): void {
  for (const user of db.users.values()) user.id ??= db.newId()
  const [admin, annotator, reviewer] = [...db.users.values()]
  if (!admin || !annotator || !reviewer) return
  for (const project of db.liveProjects()) {
    if (!project.archived) seedProject(db, project, admin, reviewer)
  }
  const reviewed = db.liveProjects().find((p) => p.require_review)
  const first = reviewed && projectResources(db, reviewed.id)[0]
  if (reviewed && first) {
    const id = db.newId()
    db.reviewMessages.set(id, {
      id,
      project_id: reviewed.id,
      resource_id: first.id,
      annotator: annotator.email,
      status: 'open',
      message: 'The box misses the lower edge of the nodule; please redraw it.',
      created_at: db.daysAgo(3),
      created_by: reviewer.email,
    })
  }
  if (reviewed) {
    db.invitations.set('new.annotator@datamint.test', {
      email: 'new.annotator@datamint.test',
      firstname: 'Nia',
      lastname: 'New',
      project_id: reviewed.id,
      project_roles: ['PROJECT_ANNOTATOR'],
      annotation_worklist_id: reviewed.worklist_id,
      return_url: null,
      created_at: db.daysAgo(1),
      created_by: admin.email,
    })
  }
}
