import { field, objectSchema } from '../schema.js'

/**
 * A Datamint annotation (`/annotations`): a label, category, measurement, geometry or segmentation on a
 * resource (whole image or one frame). Fields this type does not name are kept.
 * Some payloads use other names (`name`, `type`, `added_by`, `index`); they are copied to the fields below.
 */
export interface Annotation {
  id: string
  /** The label, e.g. `"tumor"` (sent as `name` in some payloads). */
  identifier: string
  /** e.g. `segmentation`, `label`, `category`, `line`, `square` (sent as `type` in some payloads). */
  annotation_type: string
  /** `image` for the whole resource, `frame` for one frame. */
  scope?: 'image' | 'frame' | (string & {})
  frame_index?: number | null
  text_value?: string | null
  numeric_value?: number | null
  units?: string | null
  geometry?: unknown
  created_at?: string | null
  created_by?: string | null
  annotation_worklist_id?: string | null
  status?: string | null
  approved_at?: string | null
  approved_by?: string | null
  resource_id?: string | null
  associated_file?: string | null
  file?: string | null
  deleted?: boolean | null
  deleted_at?: string | null
  deleted_by?: string | null
  is_model?: boolean | null
  model_id?: string | null
  created_by_model?: string | null
  set_name?: string | null
  imported_from?: string | null
  import_author?: string | null
  resource_filename?: string | null
  resource_modality?: string | null
  annotation_worklist_name?: string | null
  user_info?: Record<string, unknown> | null
}

/** Runtime schema of {@link Annotation}. */
export const annotationSchema = objectSchema<Annotation>(
  'annotation',
  {
    id: field.string(),
    identifier: field.string(),
    annotation_type: field.string(),
    scope: field.string().optional(),
    frame_index: field.number().nullable().optional(),
    text_value: field.string().nullable().optional(),
    numeric_value: field.number().nullable().optional(),
    units: field.string().nullable().optional(),
    geometry: field.unknown(),
    created_at: field.string().nullable().optional(),
    created_by: field.string().nullable().optional(),
    annotation_worklist_id: field.string().nullable().optional(),
    status: field.string().nullable().optional(),
    approved_at: field.string().nullable().optional(),
    approved_by: field.string().nullable().optional(),
    resource_id: field.string().nullable().optional(),
    associated_file: field.string().nullable().optional(),
    file: field.string().nullable().optional(),
    deleted: field.boolean().nullable().optional(),
    deleted_at: field.string().nullable().optional(),
    deleted_by: field.string().nullable().optional(),
    is_model: field.boolean().nullable().optional(),
    model_id: field.string().nullable().optional(),
    created_by_model: field.string().nullable().optional(),
    set_name: field.string().nullable().optional(),
    imported_from: field.string().nullable().optional(),
    import_author: field.string().nullable().optional(),
    resource_filename: field.string().nullable().optional(),
    resource_modality: field.string().nullable().optional(),
    annotation_worklist_name: field.string().nullable().optional(),
    user_info: field.object().nullable().optional(),
  },
  { aliases: { name: 'identifier', type: 'annotation_type', added_by: 'created_by', index: 'frame_index' } },
)
