import { f, objectSchema } from '../schema.js'

/** A pending invitation (`GET /users/invitations`). Fields this type does not name are kept. */
export interface Invitation {
  email: string
  project_id?: string | null
  project_roles?: string[] | null
  annotation_worklist_id?: string | null
  firstname?: string | null
  lastname?: string | null
  created_at?: string | null
  created_by?: string | null
}

/** Runtime schema of {@link Invitation}. */
export const invitationSchema = objectSchema<Invitation>('invitation', {
  email: f.string(),
  project_id: f.string().nullable().optional(),
  project_roles: f.stringArray().nullable().optional(),
  annotation_worklist_id: f.string().nullable().optional(),
  firstname: f.string().nullable().optional(),
  lastname: f.string().nullable().optional(),
  created_at: f.string().nullable().optional(),
  created_by: f.string().nullable().optional(),
})
