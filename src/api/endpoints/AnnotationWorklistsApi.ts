import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { withCreate } from '../crud/CreatableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import { withPatch } from '../crud/PatchableEntityApi.js'
import type { CallOptions, CreateOptions, ListFilters } from '../crud/types.js'
import { badArgument } from '../errors.js'
import { pathSegment } from '../ids.js'
import {
  type AnnotationStatus,
  type AnnotationStatusValue,
  annotationStatusSchema,
} from '../models/AnnotationStatus.js'
import {
  type AnnotationSpec,
  type AnnotationWorklist,
  annotationWorklistSchema,
} from '../models/AnnotationWorklist.js'
import type { Project } from '../models/Project.js'
import { type AnnotatorStats, type AnnotatorStatus, annotatorStatsSchema } from '../models/ProjectStats.js'
import type { Resource } from '../models/Resource.js'
import { normalizeList } from '../normalizeList.js'
import { isObject } from '../schema.js'
import { withQuery } from './withQuery.js'
import {
  type AnnotationStatusFilters,
  annotatorEmail,
  type DownloadAnnotationsOptions,
  downloadQuery,
  entityId,
  objectAnswer,
  parseListAnswer,
  statusQuery,
  toBlob,
} from './workflow.js'

/** Filters of {@link AnnotationWorklistsApi.getList}: the server lists worklists per project only. */
export interface WorklistFilters {
  /** The project whose worklists to list (required: there is no list across projects). */
  project?: string | Project
}

/** What {@link AnnotationWorklistsApi.create} takes (the Python SDK's `create` parameters, wire names). */
export interface NewAnnotationWorklist {
  name: string
  resource_ids: string[]
  description?: string
  /** What to annotate. */
  annotations?: AnnotationSpec[]
  /** `{ email, expertise_level? }` per annotator. */
  annotators?: Array<{ email: string; expertise_level?: 'learner' | 'trained' | 'expert' }>
  frame_labels?: string[]
  image_labels?: string[]
  segmentation_data?: SegmentationData
  viewable_ai_annotations?: string[]
  editable_ai_annotations?: string[]
  /** The project the worklist belongs to (an id or the project; sent as `project_id`). */
  project?: string | Project
  return_url?: string
}

/** One label of a segmentation group. */
export interface SegmentationDefinition {
  identifier: string
  /** e.g. `[255, 0, 0]`. */
  color?: unknown
  index?: number
  [field: string]: unknown
}

/** A worklist's segmentation group (`GET /annotationsets/{id}/segmentation-group`). */
export interface SegmentationData {
  segmentationValueType: 'single_label' | 'multi_label' | 'float'
  definitions: SegmentationDefinition[]
  [field: string]: unknown
}

/** Options of {@link AnnotationWorklistsApi.setAnnotator}. */
export interface SetAnnotatorOptions extends CallOptions {
  status: 'active' | 'frozen'
  expertiseLevel: 'learner' | 'trained' | 'expert'
  returnUrl?: string
}

/** Options of the annotation reads of one resource in a worklist. */
export interface WorklistAnnotationsOptions extends CallOptions {
  /** Every annotator's (default true). */
  all?: boolean
  /** Only this annotator's (sent as `annotator`). */
  annotatorEmail?: string
}

/** One segmentation item of {@link AnnotationWorklistsApi.uploadAnnotations}. */
export interface SegmentationItem {
  id?: string
  identifier: string
  frame_index: number
  width: number
  height: number
  set_name?: string | null
  geometry?: unknown
}

/** A file to upload: a `File`, or bytes/a `Blob` with a file name. */
export type UploadFile = File | { name: string; data: Blob | Uint8Array }

const Base = withPatch(withCreate(EntityBaseApi<AnnotationWorklist, WorklistFilters, NewAnnotationWorklist>))

/**
 * Annotation worklists (`/annotationsets`; the Python SDK's `AnnotationWorklistApi`): create, read, patch;
 * a worklist's annotators, resources, segmentation group, annotations, statuses, statistics and export.
 * Worklists are listed per project (`getList({ project })` or `getByProject(project)`): the server has no list
 * across projects. Methods take the worklist first, as the Python SDK does (an id or the worklist).
 *
 * @example
 * const worklist = await api.annotationWorklists.create({ name: 'Round 1', resource_ids: ids, project })
 * await api.annotationWorklists.setAnnotator(worklist, member.user_id, { status: 'active', expertiseLevel: 'expert' })
 * const stats = await api.annotationWorklists.getAnnotatorsStatistics(worklist)
 */
export class AnnotationWorklistsApi extends Base {
  override readonly entityName = 'annotation worklist'

  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, annotationWorklistSchema, 'annotationsets', client)
  }

  /**
   * `POST /annotationsets` with the set fields only (`project` sent as `project_id`); resolves to the
   * worklist (read back when the server answers its id), or its id with `returnEntity: false`.
   */
  override create(
    data: NewAnnotationWorklist,
    options?: CreateOptions & { returnEntity?: true },
  ): Promise<AnnotationWorklist>
  override create(
    data: NewAnnotationWorklist,
    options: CreateOptions & { returnEntity: false },
  ): Promise<string>
  override create(data: NewAnnotationWorklist, options?: CreateOptions): Promise<AnnotationWorklist | string>
  override create(
    data: NewAnnotationWorklist,
    options?: CreateOptions,
  ): Promise<AnnotationWorklist | string> {
    if (typeof data?.name !== 'string' || data.name.trim() === '') {
      throw badArgument('create annotation worklist: name must be a non-empty string.', 'name')
    }
    if (!Array.isArray(data.resource_ids)) {
      throw badArgument('create annotation worklist: resource_ids must be an array of ids.', 'resource_ids')
    }
    const { project, ...fields } = data
    const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    if (project !== undefined) body.project_id = entityId(project, 'project')
    return this.createEntity(this.endpointBase, { json: body }, options)
  }

  /**
   * The worklists of one project (`GET /projects/{id}/worklists`; `limit`/`offset` cut the answer). Without a
   * project this throws a `ValidationError` before sending: the server lists worklists per project only.
   */
  override async getList(
    filters: ListFilters<WorklistFilters> = {},
    options?: CallOptions,
  ): Promise<AnnotationWorklist[]> {
    if (filters.project === undefined) {
      throw badArgument(
        'annotationWorklists.getList: pass { project }: the server lists worklists per project only.',
        'project',
      )
    }
    const all = await this.getByProject(filters.project, options)
    const offset = filters.offset ?? 0
    return all.slice(offset, filters.limit === undefined ? undefined : offset + filters.limit)
  }

  /** Not available: the server lists worklists per project. Use `getByProject(project)`. */
  override getAll(): Promise<AnnotationWorklist[]> {
    return this.getList()
  }

  /**
   * The worklists of a project (`GET /projects/{id}/worklists`); `worklist_id`/`worklist_name` become
   * `id`/`name`.
   *
   * @example
   * const worklists = await api.annotationWorklists.getByProject(project)
   */
  async getByProject(project: string | Project, options?: CallOptions): Promise<AnnotationWorklist[]> {
    const id = entityId(project, 'project')
    const path = `projects/${id}/worklists`
    const raw = await this.requestJson('GET', path, { ...options, item: { type: 'project', id } })
    return annotationWorklistSchema.parseList(normalizeList(raw, 'worklists', `GET /${path}`), 'worklists')
  }

  /** The segmentation group of a worklist (`GET /annotationsets/{id}/segmentation-group`). */
  async getSegmentationGroup(
    worklist: string | AnnotationWorklist,
    options?: CallOptions,
  ): Promise<SegmentationData> {
    return (await this.#get(worklist, 'segmentation-group', options)) as SegmentationData
  }

  /**
   * Replaces the segmentation group's definitions (`PUT /annotationsets/{id}/segmentation-group` with
   * `{segmentationData: {segmentationValueType, definitions}, renames?}`).
   *
   * @example
   * await api.annotationWorklists.updateSegmentationGroup(worklist, {
   *   definitions: [{ identifier: 'tumor', color: [255, 0, 0], index: 1 }],
   *   renames: ['lesion:tumor'],
   * })
   */
  async updateSegmentationGroup(
    worklist: string | AnnotationWorklist,
    change: {
      definitions: SegmentationDefinition[]
      segmentationValueType?: SegmentationData['segmentationValueType']
      /** `old:new` identifier pairs. */
      renames?: string[]
    },
    options?: CallOptions,
  ): Promise<void> {
    if (!Array.isArray(change?.definitions)) {
      throw badArgument('updateSegmentationGroup: definitions must be an array.', 'definitions')
    }
    const json: Record<string, unknown> = {
      segmentationData: {
        segmentationValueType: change.segmentationValueType ?? 'single_label',
        definitions: change.definitions,
      },
    }
    if (change.renames !== undefined) json.renames = change.renames
    await this.#send('PUT', worklist, 'segmentation-group', { json }, options)
  }

  /**
   * Uploads a segmentation group file (`.yaml`, `.yml`, `.csv` or `.json`, at most 10 MB) as multipart
   * (`POST /annotationsets/{id}/segmentation-group/upload`, fields `file` and `replace_existing`).
   */
  async uploadSegmentationGroup(
    worklist: string | AnnotationWorklist,
    file: UploadFile,
    options: CallOptions & { replaceExisting?: boolean } = {},
  ): Promise<Record<string, unknown>> {
    const form = new FormData()
    const [blob, name] = fileOf(file, 'uploadSegmentationGroup')
    form.append('file', blob, name)
    form.append('replace_existing', String(options.replaceExisting ?? true))
    return objectAnswer(
      await this.#send('POST', worklist, 'segmentation-group/upload', { body: form }, options),
      'POST segmentation-group/upload',
    )
  }

  /** Deletes one segmentation group (`DELETE /annotationsets/{id}/segmentation-group/{identifier}`). */
  async deleteSegmentationGroup(
    worklist: string | AnnotationWorklist,
    identifier: string,
    options?: CallOptions,
  ): Promise<void> {
    if (typeof identifier !== 'string' || identifier === '') {
      throw badArgument('deleteSegmentationGroup: identifier must be a non-empty string.', 'identifier')
    }
    await this.#send('DELETE', worklist, `segmentation-group/${pathSegment(identifier)}`, {}, options)
  }

  /** One annotator's progress in a worklist (`GET /annotationsets/{id}/users/{email}`). */
  async getAnnotatorStatus(
    worklist: string | AnnotationWorklist,
    email: string,
    options?: CallOptions,
  ): Promise<AnnotatorStatus> {
    const who = annotatorEmail(email, 'getAnnotatorStatus')
    return objectAnswer(
      await this.#get(worklist, `users/${pathSegment(who)}`, options),
      'GET users/{email}',
    ) as AnnotatorStatus
  }

  /**
   * Adds or updates an annotator (`POST /annotationsets/{id}/annotators/{userId}` with
   * `{status, expertise_level, return_url?}`).
   */
  async setAnnotator(
    worklist: string | AnnotationWorklist,
    userId: string,
    options: SetAnnotatorOptions,
  ): Promise<Record<string, unknown>> {
    const user = entityId(userId, 'user')
    if (!options?.status || !options.expertiseLevel) {
      throw badArgument(
        'setAnnotator: pass { status, expertiseLevel }.',
        options?.status ? 'expertiseLevel' : 'status',
      )
    }
    const json: Record<string, unknown> = { status: options.status, expertise_level: options.expertiseLevel }
    if (options.returnUrl !== undefined) json.return_url = options.returnUrl
    const answer = await this.#send('POST', worklist, `annotators/${user}`, { json }, options)
    return isObject(answer) ? answer : {}
  }

  /** Removes an annotator (`DELETE /annotationsets/{id}/annotators/{userId}`). */
  async removeAnnotator(
    worklist: string | AnnotationWorklist,
    userId: string,
    options?: CallOptions,
  ): Promise<void> {
    await this.#send('DELETE', worklist, `annotators/${entityId(userId, 'user')}`, {}, options)
  }

  /**
   * Adds and removes resources (`POST /annotationsets/{id}/resources` with `resource_ids_to_add` /
   * `resource_ids_to_delete`).
   */
  async updateResources(
    worklist: string | AnnotationWorklist,
    change: { add?: ReadonlyArray<string | Resource>; remove?: ReadonlyArray<string | Resource> },
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    const json: Record<string, unknown> = {}
    if (change?.add) json.resource_ids_to_add = change.add.map((r) => entityId(r, 'resource'))
    if (change?.remove) json.resource_ids_to_delete = change.remove.map((r) => entityId(r, 'resource'))
    const answer = await this.#send('POST', worklist, 'resources', { json }, options)
    return isObject(answer) ? answer : {}
  }

  /** Annotations (not segmentations) of a resource in a worklist (`GET …/resources/{rid}/annotations?all=`). */
  getAnnotations(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    options: WorklistAnnotationsOptions = {},
  ): Promise<Record<string, unknown>[]> {
    return this.#resourceList(worklist, resource, 'annotations', options)
  }

  /** Segmentations of a resource in a worklist (`GET …/resources/{rid}/segmentations?all=`). */
  getSegmentations(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    options: WorklistAnnotationsOptions = {},
  ): Promise<Record<string, unknown>[]> {
    return this.#resourceList(worklist, resource, 'segmentations', options)
  }

  /** AI-made segmentations of a resource in a worklist (`GET …/resources/{rid}/ai_segmentations`). */
  async getAiSegmentations(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    options?: CallOptions,
  ): Promise<Record<string, unknown>[]> {
    const rid = entityId(resource, 'resource')
    return objects(
      await this.#get(worklist, `resources/${rid}/ai_segmentations`, options),
      'ai_segmentations',
    )
  }

  /**
   * Uploads segmentations of a resource as multipart (`POST …/resources/{rid}/segmentations`): `payload` is
   * the JSON text of the items, `images` the mask files (at most 100).
   *
   * @example
   * await api.annotationWorklists.uploadAnnotations(worklist, resource,
   *   [{ identifier: 'tumor', frame_index: 0, width: 512, height: 512 }], { images: [maskPng] })
   */
  async uploadAnnotations(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    items: readonly SegmentationItem[] | string,
    options: CallOptions & { images?: readonly UploadFile[] } = {},
  ): Promise<Record<string, unknown>> {
    const rid = entityId(resource, 'resource')
    if (typeof items !== 'string' && !Array.isArray(items)) {
      throw badArgument('uploadAnnotations: items must be an array (or its JSON text).', 'items')
    }
    if ((options.images?.length ?? 0) > 100) {
      throw badArgument('uploadAnnotations: at most 100 images per request.', 'images')
    }
    const form = new FormData()
    form.append('payload', typeof items === 'string' ? items : JSON.stringify(items))
    for (const image of options.images ?? []) form.append('images', ...fileOf(image, 'uploadAnnotations'))
    const answer = await this.#send(
      'POST',
      worklist,
      `resources/${rid}/segmentations`,
      { body: form },
      options,
    )
    return isObject(answer) ? answer : {}
  }

  /**
   * Sets the status of a resource in a worklist (`POST …/resources/{rid}/status` with
   * `{status, annotator?, message?, path?}`); resolves to the updated status rows.
   */
  async updateAnnotationStatus(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    status: AnnotationStatusValue = 'closed',
    options: CallOptions & { annotatorEmail?: string; message?: string; path?: string } = {},
  ): Promise<AnnotationStatus[]> {
    const rid = entityId(resource, 'resource')
    const json: Record<string, unknown> = { status }
    if (options.annotatorEmail !== undefined)
      json.annotator = annotatorEmail(options.annotatorEmail, 'updateAnnotationStatus')
    if (options.message !== undefined) json.message = options.message
    if (options.path !== undefined) json.path = options.path
    const raw = await this.#send('POST', worklist, `resources/${rid}/status`, { json }, options)
    return raw === undefined ? [] : parseListAnswer(raw, annotationStatusSchema, 'statuses', 'POST …/status')
  }

  /** Statuses of a worklist's resources (`GET /annotationsets/{id}/annotation-statuses`). */
  async getAnnotationStatuses(
    worklist: string | AnnotationWorklist,
    filters: AnnotationStatusFilters = {},
    options?: CallOptions,
  ): Promise<AnnotationStatus[]> {
    const sub = withQuery('annotation-statuses', statusQuery(filters))
    const raw = await this.#get(worklist, sub, options)
    return parseListAnswer(raw, annotationStatusSchema, 'statuses', `GET /annotationsets/…/${sub}`)
  }

  /**
   * Resets one annotator's status on a resource and deletes their annotations there
   * (`DELETE …/resources/{rid}/annotator/{email}/status-reset`).
   */
  async resetAnnotatorStatus(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    email: string,
    options?: CallOptions,
  ): Promise<void> {
    const rid = entityId(resource, 'resource')
    const who = annotatorEmail(email, 'resetAnnotatorStatus')
    await this.#send(
      'DELETE',
      worklist,
      `resources/${rid}/annotator/${pathSegment(who)}/status-reset`,
      {},
      options,
    )
  }

  /** Per-annotator progress (`GET /annotationsets/{id}/annotators-statistic`, optionally one `email`). */
  async getAnnotatorsStatistics(
    worklist: string | AnnotationWorklist,
    filters: { annotatorEmail?: string } = {},
    options?: CallOptions,
  ): Promise<AnnotatorStats[]> {
    const email = filters.annotatorEmail && annotatorEmail(filters.annotatorEmail, 'getAnnotatorsStatistics')
    const sub = withQuery('annotators-statistic', { email })
    return parseListAnswer(await this.#get(worklist, sub, options), annotatorStatsSchema, 'annotators', sub)
  }

  /** Annotation counts of a worklist (`GET /annotationsets/{id}/annotations-statistic`), as sent. */
  async getAnnotationsStatistics(
    worklist: string | AnnotationWorklist,
    options?: CallOptions,
  ): Promise<Record<string, unknown>[]> {
    return objects(await this.#get(worklist, 'annotations-statistic', options), 'annotations-statistic')
  }

  /** The worklist's annotations as a file (`GET /annotationsets/{id}/download-annotations`), as a `Blob`. */
  async downloadAnnotations(
    worklist: string | AnnotationWorklist,
    options: DownloadAnnotationsOptions = {},
  ): Promise<Blob> {
    const id = this.getEntityId(worklist)
    const path = withQuery(`${this.entityPath(id)}/download-annotations`, downloadQuery(options))
    return toBlob(await this.requestBytes('GET', path, this.describeItem(id, options)))
  }

  async #resourceList(
    worklist: string | AnnotationWorklist,
    resource: string | Resource,
    kind: 'annotations' | 'segmentations',
    options: WorklistAnnotationsOptions,
  ): Promise<Record<string, unknown>[]> {
    const rid = entityId(resource, 'resource')
    const sub = withQuery(`resources/${rid}/${kind}`, {
      all: options.all ?? true,
      annotator: options.annotatorEmail && annotatorEmail(options.annotatorEmail, `get ${kind}`),
    })
    return objects(await this.#get(worklist, sub, options), kind)
  }

  #get(worklist: string | AnnotationWorklist, sub: string, options?: CallOptions): Promise<unknown> {
    return this.#send('GET', worklist, sub, {}, options)
  }

  #send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    worklist: string | AnnotationWorklist,
    sub: string,
    request: { json?: unknown; body?: FormData },
    options?: CallOptions,
  ): Promise<unknown> {
    const id = this.getEntityId(worklist)
    return this.requestJson(method, `${this.entityPath(id)}/${sub}`, {
      ...this.describeItem(id, options),
      ...request,
    })
  }
}

/** The items of a list answer, each an object. */
function objects(raw: unknown, key: string): Record<string, unknown>[] {
  return normalizeList(raw, key, key).map((item, i) => objectAnswer(item, `${key}[${i}]`))
}

function fileOf(file: UploadFile, method: string): [Blob, string] {
  if (file instanceof Blob && typeof (file as File).name === 'string') return [file, (file as File).name]
  if (
    isObject(file) &&
    typeof file.name === 'string' &&
    (file.data instanceof Blob || file.data instanceof Uint8Array)
  )
    return [file.data instanceof Blob ? file.data : new Blob([file.data as BlobPart]), file.name]
  throw badArgument(`${method}: a file must be a File or { name, data: Blob | Uint8Array }.`, 'file')
}
