import type { Project, ProjectAnnotator } from '../api/models/Project.js'
import type { User } from '../api/models/User.js'

/**
 * The records the in-memory server stores, shaped exactly as the wire sends them (snake_case).
 * Derived counts (a project's `resource_count`, ...) are computed when a record is sent, not stored.
 */
export interface ProjectRecord
  extends Omit<Required<Project>, StoredElsewhere | 'worklist_id' | 'annotators'> {
  worklist_id: string
  annotators: Array<Required<ProjectAnnotator>>
  segmentationData: { segmentationValueType: 'single_label' | 'multi_label'; definitions: unknown[] }
  deleted: boolean
  deleted_at: string | null
  deleted_by: string | null
  [field: string]: unknown
}

/** Project fields the server derives when it sends a project, or that this server does not model. */
type StoredElsewhere =
  | 'resource_count'
  | 'annotated_resource_count'
  | 'closed_resources_count'
  | 'resources_to_annotate_count'
  | 'pinned_metrics'
  | 'registered_model'

export type ResourceStatus = 'inbox' | 'published' | 'archived'

export interface ResourceRecord {
  id: string
  resource_uri: string
  storage: string
  location: string
  upload_channel: string
  upload_mechanism: string
  customer_id: string
  filename: string
  modality: string | null
  mimetype: string
  size: number
  status: ResourceStatus
  created_at: string
  created_by: string
  published: boolean
  published_on: string | null
  published_by: string | null
  deleted: boolean
  deleted_at: string | null
  deleted_by: string | null
  metadata: Record<string, unknown>
  source_filepath: string | null
  tags: string[]
  instance_uid: string | null
  series_uid: string | null
  study_uid: string | null
  patient_id: string | null
  user_info: { firstname: string | null; lastname: string | null }
  /** Projects holding this resource: the single source of project membership. */
  projects: Array<{ id: string; name: string }>
  labels: string[]
  [field: string]: unknown
}

export interface AnnotationRecord {
  id: string
  identifier: string
  scope: 'image' | 'frame'
  frame_index: number | null
  annotation_type: string
  text_value: string | null
  numeric_value: number | null
  units: string | null
  geometry: unknown
  created_at: string
  created_by: string
  annotation_worklist_id: string | null
  status: 'new' | 'published'
  approved_at: string | null
  approved_by: string | null
  resource_id: string
  associated_file: string | null
  deleted: boolean
  deleted_at: string | null
  deleted_by: string | null
  is_model: boolean
  model_id: string | null
  created_by_model: string | null
  imported_from: string | null
  set_name: string | null
  project_id: string | null
  resource_filename: string | null
  resource_modality: string | null
  annotation_worklist_name: string | null
  user_info: { firstname: string | null; lastname: string | null }
  [field: string]: unknown
}

export interface UserRecord extends User {
  [field: string]: unknown
}

export interface DatasetRecord {
  id: string
  name: string
  description: string
  created_at: string
  created_by: string
  customer_id: string
  updated_at: string | null
  resource_ids: string[]
  deleted: boolean
  deleted_at: string | null
  deleted_by: string | null
  [field: string]: unknown
}

/** A stored file: the bytes a resource download answers. */
export interface StoredFile {
  bytes: Uint8Array
  mimetype: string
}
