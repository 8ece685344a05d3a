import { f, objectSchema } from '../schema.js'

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
  id: f.string(),
  name: f.string(),
  created_at: f.string(),
  created_by: f.string(),
  description: f.string().nullable(),
  customer_id: f.string(),
  updated_at: f.string().nullable(),
  total_resource: f.number(),
  resource_ids: f.stringArray(),
})
