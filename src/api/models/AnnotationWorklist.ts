import { field, objectSchema } from '../schema.js'

/** An annotator of a worklist. */
export interface WorklistAnnotator {
  email: string
  /** `active` or `frozen`. */
  status: string
  /** `learner`, `trained` or `expert`. */
  expertise_level?: string | null
}

/** What annotators of a worklist annotate: `{ type, identifier?, required, scope, values? }`. */
export interface AnnotationSpec {
  /** e.g. `label`, `category`, `segmentation`, `square`, `line`. */
  type: string
  identifier?: string
  required?: boolean
  /** `image` or `frame`. */
  scope?: string
  /** The choices of a category. */
  values?: string[] | null
}

/**
 * An annotation worklist (`/annotationsets`, the Python SDK's `AnnotationWorklist`): the resources a group of
 * annotators works on, and what they annotate. `GET /projects/{id}/worklists` sends `worklist_id` and
 * `worklist_name`; they are copied to `id` and `name`. Fields this type does not name are kept.
 */
export interface AnnotationWorklist {
  id: string
  name: string
  /** Default `new`. */
  status?: string
  annotators?: WorklistAnnotator[]
  description?: string | null
  annotations?: AnnotationSpec[]
  created_by?: string
  created_at?: string
  resource_ids?: string[]
  project_id?: string | null
}

const annotationSpecSchema = objectSchema<AnnotationSpec>('annotation spec', {
  type: field.string(),
  identifier: field.string().optional(),
  required: field.boolean().optional(),
  scope: field.string().optional(),
  values: field.stringArray().nullable().optional(),
})

const worklistAnnotatorSchema = objectSchema<WorklistAnnotator>('worklist annotator', {
  email: field.string(),
  status: field.string(),
  expertise_level: field.string().nullable().optional(),
})

/** Runtime schema of {@link AnnotationWorklist}. */
export const annotationWorklistSchema = objectSchema<AnnotationWorklist>(
  'annotation worklist',
  {
    id: field.string(),
    name: field.string(),
    status: field.string().optional(),
    annotators: field.arrayOf(worklistAnnotatorSchema).optional(),
    description: field.string().nullable().optional(),
    annotations: field.arrayOf(annotationSpecSchema).optional(),
    created_by: field.string().optional(),
    created_at: field.string().optional(),
    resource_ids: field.stringArray().optional(),
    project_id: field.string().nullable().optional(),
  },
  { aliases: { worklist_id: 'id', worklist_name: 'name' } },
)
