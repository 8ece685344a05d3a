import { field, objectSchema } from '../schema.js'

/** A Datamint user (`/users`). Users are addressed by e-mail: `email` is their id. */
export interface User {
  email: string
  firstname: string | null
  lastname: string | null
  roles: string[]
  /** The organisation (tenant) the user belongs to. */
  customer_id: string
  created_at: string
}

/** Runtime schema of {@link User}. */
export const userSchema = objectSchema<User>('user', {
  email: field.string(),
  firstname: field.string().nullable(),
  lastname: field.string().nullable(),
  roles: field.stringArray(),
  customer_id: field.string(),
  created_at: field.string(),
})
