import { field, objectSchema } from '../schema.js'

/**
 * A member of a project (`GET /projects/{id}/members`): a user and their roles in that project.
 * Fields this type does not name are kept.
 */
export interface ProjectMember {
  project_id: string
  /** The user's UUID (members are addressed by it, not by e-mail). */
  user_id: string
  /** e.g. `['PROJECT_ANNOTATOR']`, `['PROJECT_REVIEWER']`, `['PROJECT_MANAGER']`. */
  roles: string[]
  email?: string | null
  firstname?: string | null
  lastname?: string | null
  /** `learner`, `trained` or `expert`. */
  expertise_level?: string | null
  status?: string | null
}

/** Runtime schema of {@link ProjectMember}. */
export const projectMemberSchema = objectSchema<ProjectMember>('project member', {
  project_id: field.string(),
  user_id: field.string(),
  roles: field.stringArray(),
  email: field.string().nullable().optional(),
  firstname: field.string().nullable().optional(),
  lastname: field.string().nullable().optional(),
  expertise_level: field.string().nullable().optional(),
  status: field.string().nullable().optional(),
})
