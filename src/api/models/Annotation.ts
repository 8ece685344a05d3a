import { f, objectSchema } from '../schema.js'

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
    id: f.string(),
    identifier: f.string(),
    annotation_type: f.string(),
    scope: f.string().optional(),
    frame_index: f.number().nullable().optional(),
    text_value: f.string().nullable().optional(),
    numeric_value: f.number().nullable().optional(),
    units: f.string().nullable().optional(),
    geometry: f.unknown(),
    created_at: f.string().nullable().optional(),
    created_by: f.string().nullable().optional(),
    annotation_worklist_id: f.string().nullable().optional(),
    status: f.string().nullable().optional(),
    approved_at: f.string().nullable().optional(),
    approved_by: f.string().nullable().optional(),
    resource_id: f.string().nullable().optional(),
    associated_file: f.string().nullable().optional(),
    file: f.string().nullable().optional(),
    deleted: f.boolean().nullable().optional(),
    deleted_at: f.string().nullable().optional(),
    deleted_by: f.string().nullable().optional(),
    is_model: f.boolean().nullable().optional(),
    model_id: f.string().nullable().optional(),
    created_by_model: f.string().nullable().optional(),
    set_name: f.string().nullable().optional(),
    imported_from: f.string().nullable().optional(),
    import_author: f.string().nullable().optional(),
    resource_filename: f.string().nullable().optional(),
    resource_modality: f.string().nullable().optional(),
    annotation_worklist_name: f.string().nullable().optional(),
    user_info: f.object().nullable().optional(),
  },
  { aliases: { name: 'identifier', type: 'annotation_type', added_by: 'created_by', index: 'frame_index' } },
)
