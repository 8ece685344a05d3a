import { field, objectSchema } from '../schema.js'

/** Where a resource is in an annotator's work. */
export type WorkStatus = 'opened' | 'annotated' | 'closed'

/** Statuses of the review workflow of a worklist: the work statuses plus `approved` and `revision_request`. */
export type AnnotationStatusValue = WorkStatus | 'approved' | 'revision_request'

/**
 * The status of one resource for one annotator (`GET /projects/{id}/annotation-statuses`,
 * `GET /annotationsets/{id}/annotation-statuses`). Fields this type does not name are kept.
 */
export interface AnnotationStatus {
  resource_id: string
  status: AnnotationStatusValue | (string & {})
  user_id?: string | null
  annotator_email?: string | null
  project_id?: string | null
  worklist_id?: string | null
  updated_at?: string | null
}

/** Runtime schema of {@link AnnotationStatus}. */
export const annotationStatusSchema = objectSchema<AnnotationStatus>('annotation status', {
  resource_id: field.string(),
  status: field.string(),
  user_id: field.string().nullable().optional(),
  annotator_email: field.string().nullable().optional(),
  project_id: field.string().nullable().optional(),
  worklist_id: field.string().nullable().optional(),
  updated_at: field.string().nullable().optional(),
})
