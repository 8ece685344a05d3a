import { f, objectSchema } from '../schema.js'

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
  id: f.string(),
  split_name: f.string(),
  project_id: f.string(),
  resource_id: f.string(),
  created_at: f.string(),
  created_by: f.string(),
  deleted_at: f.string().nullable().optional(),
  deleted_by: f.string().nullable().optional(),
})
