import { field, objectSchema } from '../schema.js'

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
  email: field.string(),
  worklist_ids: field.stringArray().optional(),
})

/** Runtime schema of {@link Project}. */
export const projectSchema = objectSchema<Project>('project', {
  id: field.string(),
  name: field.string(),
  description: field.string().nullable(),
  created_at: field.string(),
  created_by: field.string(),
  dataset_id: field.string(),
  archived: field.boolean(),
  resource_count: field.number(),
  worklist_id: field.string().nullable().optional(),
  ai_model_id: field.string().nullable().optional(),
  annotated_resource_count: field.number().optional(),
  closed_resources_count: field.number().optional(),
  resources_to_annotate_count: field.number().optional(),
  most_recent_experiment: field.string().nullable().optional(),
  annotators: field.arrayOf(projectAnnotatorSchema).optional(),
  archived_on: field.string().nullable().optional(),
  archived_by: field.string().nullable().optional(),
  is_active_learning: field.boolean().optional(),
  two_up_display: field.boolean().optional(),
  require_review: field.boolean().optional(),
  pinned_metrics: field.stringArray().optional(),
  registered_model: field.unknown(),
})
