import { f, objectSchema } from '../schema.js'

/** Where a resource is in its life cycle. */
export type ResourceStatus = 'new' | 'inbox' | 'published' | 'archived'

/**
 * A Datamint resource (`/resources`): one uploaded file and what the server knows about it.
 * Fields this type does not name are kept.
 */
export interface Resource {
  id: string
  resource_uri: string
  /** Storage class on the server, e.g. `DicomResource`, `ImageResource`. */
  storage: string
  location: string
  upload_channel: string
  filename: string
  mimetype: string
  /** File size in bytes. */
  size: number
  status: ResourceStatus | (string & {})
  created_at: string
  created_by: string
  published: boolean
  deleted: boolean
  modality?: string | null
  upload_mechanism?: string | null
  customer_id?: string | null
  published_on?: string | null
  published_by?: string | null
  deleted_at?: string | null
  deleted_by?: string | null
  /** Free-form metadata (DICOM tags and what was sent at upload). */
  metadata?: Record<string, unknown> | null
  source_filepath?: string | null
  tags?: string[] | null
  instance_uid?: string | null
  series_uid?: string | null
  study_uid?: string | null
  patient_id?: string | null
  user_info?: Record<string, unknown> | null
  projects?: unknown[] | null
  labels?: unknown[] | null
}

/** Runtime schema of {@link Resource}. */
export const resourceSchema = objectSchema<Resource>('resource', {
  id: f.string(),
  resource_uri: f.string(),
  storage: f.string(),
  location: f.string(),
  upload_channel: f.string(),
  filename: f.string(),
  mimetype: f.string(),
  size: f.number(),
  status: f.string(),
  created_at: f.string(),
  created_by: f.string(),
  published: f.boolean(),
  deleted: f.boolean(),
  modality: f.string().nullable().optional(),
  upload_mechanism: f.string().nullable().optional(),
  customer_id: f.string().nullable().optional(),
  published_on: f.string().nullable().optional(),
  published_by: f.string().nullable().optional(),
  deleted_at: f.string().nullable().optional(),
  deleted_by: f.string().nullable().optional(),
  metadata: f.object().nullable().optional(),
  source_filepath: f.string().nullable().optional(),
  tags: f.stringArray().nullable().optional(),
  instance_uid: f.string().nullable().optional(),
  series_uid: f.string().nullable().optional(),
  study_uid: f.string().nullable().optional(),
  patient_id: f.string().nullable().optional(),
  user_info: f.object().nullable().optional(),
  projects: f.array().nullable().optional(),
  labels: f.array().nullable().optional(),
})
