import type { AnnotationSpec } from '../api/models/AnnotationWorklist.js'

/*
 * Records of the management routes (members, splits, statuses, worklists, invitations, review messages),
 * shaped as the wire sends them. Stored in `DatamintDb`'s maps beside the entities.
 */

/** A user's roles in a project; keyed `projectId/userId` in `db.members`. */
export interface MemberRecord {
  project_id: string
  user_id: string
  roles: string[]
  expertise_level: 'learner' | 'trained' | 'expert' | null
  status: 'active' | 'frozen'
}

/** A split assignment; a reassignment soft-deletes the old one (`deleted_at`), so history stays queryable. */
export interface SplitRecord {
  id: string
  split_name: string
  project_id: string
  resource_id: string
  created_at: string
  created_by: string
  deleted_at: string | null
  deleted_by: string | null
}

/**
 * The status of a resource for one annotator, in a project (`worklist_id: null`) or a worklist;
 * keyed `scopeId/resourceId/email` in `db.statuses`.
 */
export interface StatusRecord {
  project_id: string | null
  worklist_id: string | null
  resource_id: string
  user_id: string | null
  annotator_email: string
  status: 'opened' | 'annotated' | 'closed' | 'approved' | 'revision_request'
  updated_at: string
  message: string | null
}

export interface WorklistRecord {
  id: string
  name: string
  status: string
  description: string | null
  project_id: string | null
  annotators: Array<{ email: string; status: 'active' | 'frozen'; expertise_level: string | null }>
  annotations: AnnotationSpec[]
  resource_ids: string[]
  frame_labels: string[]
  image_labels: string[]
  segmentation_data: { segmentationValueType: string; definitions: Array<Record<string, unknown>> }
  created_at: string
  created_by: string
  [field: string]: unknown
}

export interface InvitationRecord {
  email: string
  firstname: string | null
  lastname: string | null
  project_id: string | null
  project_roles: string[]
  annotation_worklist_id: string | null
  return_url: string | null
  created_at: string
  created_by: string
}

export interface ReviewMessageRecord {
  id: string
  project_id: string
  resource_id: string
  annotator: string
  status: 'open' | 'resolved'
  message: string
  created_at: string
  created_by: string
}
