import type {
  AnnotationRecord,
  DatasetRecord,
  ProjectRecord,
  ResourceRecord,
  StoredFile,
  UserRecord,
} from './entities.js'
import { FixedClock } from './FixedClock.js'
import type {
  InvitationRecord,
  MemberRecord,
  ReviewMessageRecord,
  SplitRecord,
  StatusRecord,
  WorklistRecord,
} from './managementRecords.js'
import { SeededRandom } from './SeededRandom.js'

export interface DatamintDbInit {
  randomSeed: number
  clockStart: string | Date
  /** E-mail of the API key's owner: `created_by`, `deleted_by`, ... of what requests write. */
  currentUser: string
  customerId: string
  /** Fills the store; run again by {@link DatamintDb.reset}. */
  populate: (db: DatamintDb) => void
}

/**
 * The in-memory server's store. Tests may read and write it directly (e.g. `db.resources.get(id)`);
 * maps keep insertion order, ids are lower-case UUIDs (users are keyed by lower-case e-mail).
 * Soft-deleted records stay in the maps with `deleted: true`.
 */
export class DatamintDb {
  readonly projects = new Map<string, ProjectRecord>()
  readonly resources = new Map<string, ResourceRecord>()
  readonly annotations = new Map<string, AnnotationRecord>()
  readonly users = new Map<string, UserRecord>()
  readonly datasets = new Map<string, DatasetRecord>()
  /** Resource id → the bytes its download answers. */
  readonly files = new Map<string, StoredFile>()
  /** Annotation id → its file (e.g. a segmentation mask), answered by `GET /annotations/{rid}/annotations/{id}/file`. */
  readonly annotationFiles = new Map<string, StoredFile>()
  /** Project members by `projectId/userId`. */
  readonly members = new Map<string, MemberRecord>()
  /** Split assignments by id, reassigned ones included (with `deleted_at`). */
  readonly splits = new Map<string, SplitRecord>()
  /** Resource statuses by `projectOrWorklistId/resourceId/email`. */
  readonly statuses = new Map<string, StatusRecord>()
  readonly worklists = new Map<string, WorklistRecord>()
  /** Pending invitations by lower-case e-mail. */
  readonly invitations = new Map<string, InvitationRecord>()
  readonly reviewMessages = new Map<string, ReviewMessageRecord>()
  readonly currentUser: string
  readonly customerId: string
  private random: SeededRandom
  private clock: FixedClock

  constructor(private readonly init: DatamintDbInit) {
    this.currentUser = init.currentUser
    this.customerId = init.customerId
    this.random = new SeededRandom(init.randomSeed)
    this.clock = new FixedClock(init.clockStart)
    init.populate(this)
  }

  /** Back to the seeded state: same records, same ids, same timestamps as at creation. */
  reset(): void {
    for (const map of [
      this.projects,
      this.resources,
      this.annotations,
      this.users,
      this.datasets,
      this.files,
      this.members,
      this.splits,
      this.statuses,
      this.worklists,
      this.invitations,
      this.reviewMessages,
    ]) {
      map.clear()
    }
    this.random = new SeededRandom(this.init.randomSeed)
    this.clock = new FixedClock(this.init.clockStart)
    this.init.populate(this)
  }

  /** A new id from the seeded generator. */
  newId(): string {
    return this.random.uuid()
  }

  /** The next server timestamp (one second after the previous one). */
  now(): string {
    return this.clock.tick()
  }

  /** A timestamp `days` before the clock's start, for seeded history. */
  daysAgo(days: number): string {
    return this.clock.daysBefore(days)
  }

  /** `{ firstname, lastname }` of a user, as resources and annotations embed it. */
  userInfo(email: string): { firstname: string | null; lastname: string | null } {
    const user = this.users.get(email.toLowerCase())
    return { firstname: user?.firstname ?? null, lastname: user?.lastname ?? null }
  }

  /** The projects not soft-deleted, in insertion order. */
  liveProjects(): ProjectRecord[] {
    return [...this.projects.values()].filter((p) => !p.deleted)
  }

  /** The resources not soft-deleted, in insertion order. */
  liveResources(): ResourceRecord[] {
    return [...this.resources.values()].filter((r) => !r.deleted)
  }

  /** The annotations not soft-deleted, in insertion order. */
  liveAnnotations(): AnnotationRecord[] {
    return [...this.annotations.values()].filter((a) => !a.deleted)
  }

  /** The datasets not soft-deleted, in insertion order. */
  liveDatasets(): DatasetRecord[] {
    return [...this.datasets.values()].filter((d) => !d.deleted)
  }
}
