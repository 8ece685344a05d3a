import { f, objectSchema } from '../schema.js'

/** An annotator assigned to a project, with the worklists they work on. */
export interface ProjectAnnotator {
  email: string
  worklist_ids?: string[]
}

/**
 * A Datamint project (`/projects`), as the server sends it. Fields this type does not name are kept.
 *
 * @example
 * const project = await api.projects.getById(id)
 * project.resource_count // number, even when the server sent "36"
 */
export interface Project {
  id: string
  name: string
  description: string | null
  created_at: string
  /** E-mail of the user who created the project. */
  created_by: string
  dataset_id: string
  archived: boolean
  resource_count: number
  worklist_id?: string | null
  ai_model_id?: string | null
  annotated_resource_count?: number
  closed_resources_count?: number
  resources_to_annotate_count?: number
  most_recent_experiment?: string | null
  annotators?: ProjectAnnotator[]
  archived_on?: string | null
  archived_by?: string | null
  is_active_learning?: boolean
  two_up_display?: boolean
  require_review?: boolean
  pinned_metrics?: string[]
  registered_model?: unknown
}

const projectAnnotatorSchema = objectSchema<ProjectAnnotator>('project annotator', {
  email: f.string(),
  worklist_ids: f.stringArray().optional(),
})

/** Runtime schema of {@link Project}. */
export const projectSchema = objectSchema<Project>('project', {
  id: f.string(),
  name: f.string(),
  description: f.string().nullable(),
  created_at: f.string(),
  created_by: f.string(),
  dataset_id: f.string(),
  archived: f.boolean(),
  resource_count: f.number(),
  worklist_id: f.string().nullable().optional(),
  ai_model_id: f.string().nullable().optional(),
  annotated_resource_count: f.number().optional(),
  closed_resources_count: f.number().optional(),
  resources_to_annotate_count: f.number().optional(),
  most_recent_experiment: f.string().nullable().optional(),
  annotators: f.arrayOf(projectAnnotatorSchema).optional(),
  archived_on: f.string().nullable().optional(),
  archived_by: f.string().nullable().optional(),
  is_active_learning: f.boolean().optional(),
  two_up_display: f.boolean().optional(),
  require_review: f.boolean().optional(),
  pinned_metrics: f.stringArray().optional(),
  registered_model: f.unknown(),
})
