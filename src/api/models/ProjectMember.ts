import { f, objectSchema } from '../schema.js'

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
  project_id: f.string(),
  user_id: f.string(),
  roles: f.stringArray(),
  email: f.string().nullable().optional(),
  firstname: f.string().nullable().optional(),
  lastname: f.string().nullable().optional(),
  expertise_level: f.string().nullable().optional(),
  status: f.string().nullable().optional(),
})
