import { field, objectSchema } from '../schema.js'

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
  email: field.string(),
  project_id: field.string().nullable().optional(),
  project_roles: field.stringArray().nullable().optional(),
  annotation_worklist_id: field.string().nullable().optional(),
  firstname: field.string().nullable().optional(),
  lastname: field.string().nullable().optional(),
  created_at: field.string().nullable().optional(),
  created_by: field.string().nullable().optional(),
})
