import { field, objectSchema } from '../schema.js'

/** A Datamint dataset (`/datasets`): a named set of resources. */
export interface Dataset {
  id: string
  name: string
  created_at: string
  created_by: string
  description: string | null
  customer_id: string
  updated_at: string | null
  /** Number of resources in the dataset. */
  total_resource: number
  resource_ids: string[]
}

/** Runtime schema of {@link Dataset}. */
export const datasetSchema = objectSchema<Dataset>('dataset', {
  id: field.string(),
  name: field.string(),
  created_at: field.string(),
  created_by: field.string(),
  description: field.string().nullable(),
  customer_id: field.string(),
  updated_at: field.string().nullable(),
  total_resource: field.number(),
  resource_ids: field.stringArray(),
})
