import { field, objectSchema } from '../schema.js'

/**
 * Progress of one annotator (`GET /projects/{id}/annotators-statistic`, also per worklist). The server's
 * fields are kept as sent; the ones below are those the counts are read from.
 */
export interface AnnotatorStats {
  email: string
  firstname?: string | null
  lastname?: string | null
  /** Resources assigned to the annotator. */
  total_resources?: number
  opened?: number
  annotated?: number
  closed?: number
  annotations_count?: number
}

/** Runtime schema of {@link AnnotatorStats}. */
export const annotatorStatsSchema = objectSchema<AnnotatorStats>('annotator statistic', {
  email: field.string(),
  firstname: field.string().nullable().optional(),
  lastname: field.string().nullable().optional(),
  total_resources: field.number().optional(),
  opened: field.number().optional(),
  annotated: field.number().optional(),
  closed: field.number().optional(),
  annotations_count: field.number().optional(),
})

/** One annotator's status in a project (`GET /projects/{id}/users/{email}/status`) or worklist. */
export interface AnnotatorStatus {
  email: string
  status: string
  [field: string]: unknown
}

/** A review message (`GET /projects/{id}/reviewmessages`): feedback from a reviewer to an annotator. */
export interface ReviewMessage {
  id?: string
  resource_id?: string | null
  annotator?: string | null
  status?: string | null
  message?: string | null
  created_at?: string | null
  created_by?: string | null
  [field: string]: unknown
}
