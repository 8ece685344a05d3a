import type { DatamintDb } from './DatamintDb.js'
import type {
  AnnotationRecord,
  DatasetRecord,
  ProjectRecord,
  ResourceRecord,
  UserRecord,
} from './entities.js'

/** How records are written on the wire; both can change at run time with `server.configure`. */
export interface WireOptions {
  /**
   * Send some counts as strings, as the real server does (`"resource_count": "36"`, `"totalCount": "1"`).
   * Default true.
   */
  numbersAsStrings: boolean
}

const copy = <T>(value: T): T => structuredClone(value)

/** A count as the server writes it. */
export function count(value: number, wire: WireOptions): number | string {
  return wire.numbersAsStrings ? String(value) : value
}

export function projectToWire(db: DatamintDb, project: ProjectRecord, wire: WireOptions) {
  const resources = db.liveResources().filter((r) => r.projects.some((p) => p.id === project.id))
  const annotated = new Set(db.liveAnnotations().map((a) => a.resource_id))
  const annotatedCount = resources.filter((r) => annotated.has(r.id)).length
  const ids = new Set(resources.map((r) => r.id))
  const closed = new Set(
    [...db.statuses.values()]
      .filter((s) => s.project_id === project.id && s.status === 'closed' && ids.has(s.resource_id))
      .map((s) => s.resource_id),
  )
  return {
    ...copy(project),
    resource_count: count(resources.length, wire),
    annotated_resource_count: annotatedCount,
    closed_resources_count: closed.size,
    resources_to_annotate_count: resources.length - annotatedCount,
  }
}

export function resourceToWire(resource: ResourceRecord) {
  return copy(resource)
}

export function annotationToWire(annotation: AnnotationRecord) {
  return copy(annotation)
}

export function userToWire(user: UserRecord) {
  return copy(user)
}

export function datasetToWire(dataset: DatasetRecord) {
  return { ...copy(dataset), total_resource: dataset.resource_ids.length }
}
