import { field, objectSchema } from '../schema.js'

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
  id: field.string(),
  resource_uri: field.string(),
  storage: field.string(),
  location: field.string(),
  upload_channel: field.string(),
  filename: field.string(),
  mimetype: field.string(),
  size: field.number(),
  status: field.string(),
  created_at: field.string(),
  created_by: field.string(),
  published: field.boolean(),
  deleted: field.boolean(),
  modality: field.string().nullable().optional(),
  upload_mechanism: field.string().nullable().optional(),
  customer_id: field.string().nullable().optional(),
  published_on: field.string().nullable().optional(),
  published_by: field.string().nullable().optional(),
  deleted_at: field.string().nullable().optional(),
  deleted_by: field.string().nullable().optional(),
  metadata: field.object().nullable().optional(),
  source_filepath: field.string().nullable().optional(),
  tags: field.stringArray().nullable().optional(),
  instance_uid: field.string().nullable().optional(),
  series_uid: field.string().nullable().optional(),
  study_uid: field.string().nullable().optional(),
  patient_id: field.string().nullable().optional(),
  user_info: field.object().nullable().optional(),
  projects: field.array().nullable().optional(),
  labels: field.array().nullable().optional(),
})
