import { field, objectSchema } from '../schema.js'

/** A resource's split in a project (`GET /projects/{id}/splits`): `train`, `val`, `test` or any name. */
export interface ProjectResourceSplit {
  id: string
  split_name: string
  project_id: string
  resource_id: string
  created_at: string
  created_by: string
  deleted_at?: string | null
  deleted_by?: string | null
}

/** Runtime schema of {@link ProjectResourceSplit}. */
export const projectResourceSplitSchema = objectSchema<ProjectResourceSplit>('split', {
  id: field.string(),
  split_name: field.string(),
  project_id: field.string(),
  resource_id: field.string(),
  created_at: field.string(),
  created_by: field.string(),
  deleted_at: field.string().nullable().optional(),
  deleted_by: field.string().nullable().optional(),
})
