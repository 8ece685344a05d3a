import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import type { TransferProgress } from '../BaseApi.js'
import { convertDownload } from '../convertDownload.js'
import { withCreate } from '../crud/CreatableEntityApi.js'
import { withDelete } from '../crud/DeletableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import type { CallOptions, CreateOptions, ListFilters } from '../crud/types.js'
import { ValidationError } from '../errors.js'
import { asArray, isoDate } from '../filterValues.js'
import type { ConvertedData } from '../format/ConvertedData.js'
import { assertUuid } from '../ids.js'
import { type Annotation, annotationSchema } from '../models/Annotation.js'
import type { Resource } from '../models/Resource.js'
import { isObject } from '../schema.js'

/** Filters of {@link AnnotationsApi.getList} (the Python SDK's parameters in camelCase). */
export interface AnnotationFilters {
  /** Annotations of this resource, or of any of these resources (ids or entities). */
  resource?: string | Resource | ReadonlyArray<string | Resource>
  /** e.g. `segmentation`, `label`, `category`. */
  annotationType?: string
  annotatorEmail?: string
  /** Created on or after this day. */
  fromDate?: string | Date
  /** Created on or before this day. */
  toDate?: string | Date
  datasetId?: string
  worklistId?: string
  status?: 'new' | 'published'
  /** Include segmentations made by AI models. */
  loadAiSegmentations?: boolean
}

/** One annotation to create on a resource: the server's create payload (the Python SDK's `CreateAnnotationDto`). */
export interface NewAnnotationData {
  /** Annotation type, e.g. `label`, `category`, `numeric`, `line`, `square`. */
  type: string
  /** The label, e.g. `"tumor"`. */
  identifier: string
  /** `image` (whole resource) or `frame` (set `frame_index`). */
  scope: 'image' | 'frame'
  frame_index?: number
  /** A category's value, or a number for numeric annotations. */
  value?: string | number
  units?: string
  geometry?: unknown
  annotation_worklist_id?: string
  imported_from?: string
  import_author?: string
  is_model?: boolean
  model_id?: string
  source?: string
  [field: string]: unknown
}

/** What {@link AnnotationsApi.create} takes: one annotation and the resource it belongs to. */
export interface NewAnnotation extends NewAnnotationData {
  resource_id: string
}

/** The fields {@link AnnotationsApi.patch} can change. */
export interface AnnotationPatch {
  identifier?: string
  /** Associate the annotation with this project. */
  project_id?: string
}

/** Options of {@link AnnotationsApi.downloadFile}. */
export interface DownloadAnnotationOptions extends CallOptions {
  /** Convert the bytes with `convertFormat` (e.g. a NIfTI segmentation). Default false: raw bytes. */
  autoConvert?: boolean
  onProgress?: (progress: TransferProgress) => void
}

const Base = withDelete(withCreate(EntityBaseApi<Annotation, AnnotationFilters, NewAnnotation>))

/**
 * Annotations (`/annotations`): search, create on a resource, rename, approve, delete, download files.
 *
 * @example
 * const labels = await api.annotations.getList({ resource: resourceId, annotationType: 'label' })
 * const id = await api.annotations.createForResource(resourceId, { type: 'label', identifier: 'tumor', scope: 'image' })
 * await api.annotations.approve(id)
 */
export class AnnotationsApi extends Base {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, annotationSchema, 'annotations', client)
  }

  /**
   * Searches annotations (`POST /annotations/search`, paged with `offset`/`limit` in the body).
   * An empty `resource` list gives `[]` without a request.
   */
  override async getList(
    filters: ListFilters<AnnotationFilters> = {},
    options?: CallOptions,
  ): Promise<Annotation[]> {
    const { limit, offset, resource } = filters
    if (Array.isArray(resource) && resource.length === 0) return []
    const many = Array.isArray(resource)
    const ids = resource === undefined ? [] : asArray(resource).map((r) => this.resourceId(r))
    // Undefined fields are left out of the JSON body.
    const body = {
      resource_id: many ? undefined : ids[0],
      resource_ids: many ? ids : undefined,
      annotation_type: filters.annotationType,
      annotatorEmail: filters.annotatorEmail,
      from: isoDate(filters.fromDate, 'fromDate'),
      to: isoDate(filters.toDate, 'toDate'),
      dataset_id: filters.datasetId,
      annotation_worklist_id: filters.worklistId,
      status: filters.status,
      load_ai_segmentations: filters.loadAiSegmentations,
    }
    const raw = await this.paginateBody(`${this.endpointBase}/search`, body, {
      limit,
      offset,
      signal: options?.signal,
      itemsKey: 'annotations',
    })
    return this.parseList(raw)
  }

  /**
   * Creates annotations on a resource (`POST /annotations/{resource_id}/annotations`) and resolves to the new
   * id, or the ids in order when given an array. An item the server answers with an `error` is a `ServerError`.
   */
  createForResource(
    resource: string | Resource,
    annotation: NewAnnotationData,
    options?: CallOptions,
  ): Promise<string>
  createForResource(
    resource: string | Resource,
    annotations: readonly NewAnnotationData[],
    options?: CallOptions,
  ): Promise<string[]>
  async createForResource(
    resource: string | Resource,
    annotations: NewAnnotationData | readonly NewAnnotationData[],
    options?: CallOptions,
  ): Promise<string | string[]> {
    const resourceId = this.resourceId(resource)
    const items = asArray(annotations)
    const path = `${this.endpointBase}/${resourceId}/annotations`
    const answer = await this.requestJson('POST', path, {
      ...options,
      json: items,
      item: { type: 'resource', id: resourceId },
    })
    const ids = asArray(answer).map((r) => {
      this.refusal(r, 'POST', path)
      const id = isObject(r) ? r.id : r
      if (typeof id === 'string') return id
      throw new ValidationError(`POST /${path}: expected an id per annotation, got ${JSON.stringify(r)}.`, {
        body: answer,
        source: 'response',
      })
    })
    if (ids.length !== items.length) {
      throw new ValidationError(`POST /${path}: sent ${items.length} annotations, got ${ids.length} ids.`, {
        body: answer,
        source: 'response',
      })
    }
    return Array.isArray(annotations) ? ids : ids[0]
  }

  /**
   * Creates one annotation on `data.resource_id` (see {@link AnnotationsApi.createForResource}) and resolves to
   * it, or to its id with `returnEntity: false`.
   */
  override create(data: NewAnnotation, options?: CreateOptions & { returnEntity?: true }): Promise<Annotation>
  override create(data: NewAnnotation, options: CreateOptions & { returnEntity: false }): Promise<string>
  override create(data: NewAnnotation, options?: CreateOptions): Promise<Annotation | string>
  override async create(data: NewAnnotation, options: CreateOptions = {}): Promise<Annotation | string> {
    const { resource_id, ...annotation } = data
    return this.created(this.createForResource(resource_id, annotation, { signal: options.signal }), options)
  }

  /**
   * Renames an annotation or moves it to a project (`PATCH /annotations/{id}` with only the given fields) and
   * resolves to the updated annotation (read back when the server does not send it).
   */
  patch(annotation: string | Annotation, data: AnnotationPatch, options?: CallOptions): Promise<Annotation> {
    const { identifier, project_id } = data
    const project = project_id === undefined ? undefined : assertUuid(project_id, 'project')
    return this.patchEntity(annotation, { identifier, project_id: project }, options)
  }

  /** Same as {@link AnnotationsApi.patch}. */
  partialUpdate(
    annotation: string | Annotation,
    data: AnnotationPatch,
    options?: CallOptions,
  ): Promise<Annotation> {
    return this.patch(annotation, data, options)
  }

  /** Approves an annotation (`PATCH /annotations/{id}/approve`). */
  async approve(annotation: string | Annotation, options?: CallOptions): Promise<void> {
    const id = this.getEntityId(annotation)
    await this.requestJson('PATCH', `${this.entityPath(id)}/approve`, this.about(id, options))
  }

  /** Deletes several annotations in one request (`POST /annotations/delete-batch` with `{ids}`). */
  async deleteBatch(annotations: ReadonlyArray<string | Annotation>, options?: CallOptions): Promise<void> {
    const ids = annotations.map((a) => this.getEntityId(a))
    if (ids.length === 0) return
    await this.requestJson('POST', `${this.endpointBase}/delete-batch`, { ...options, json: { ids } })
  }

  /**
   * Downloads an annotation's file, e.g. a segmentation mask
   * (`GET /annotations/{resource_id}/annotations/{id}/file`). Given only an id, the annotation is fetched
   * first to learn its resource.
   */
  downloadFile(
    annotation: string | Annotation,
    options: DownloadAnnotationOptions & { autoConvert: true },
  ): Promise<ConvertedData>
  downloadFile(
    annotation: string | Annotation,
    options?: DownloadAnnotationOptions & { autoConvert?: false },
  ): Promise<Uint8Array>
  downloadFile(
    annotation: string | Annotation,
    options?: DownloadAnnotationOptions,
  ): Promise<ConvertedData | Uint8Array>
  async downloadFile(
    annotation: string | Annotation,
    options: DownloadAnnotationOptions = {},
  ): Promise<ConvertedData | Uint8Array> {
    const id = this.getEntityId(annotation)
    const entity =
      typeof annotation === 'string' ? await this.getById(id, { signal: options.signal }) : annotation
    if (!entity.resource_id) {
      throw new ValidationError(`Annotation ${id} has no resource_id, so it has no file to download.`, {
        field: 'resource_id',
      })
    }
    const resourceId = this.resourceId(entity.resource_id)
    const { bytes, mimetype } = await this.requestBytes(
      'GET',
      `${this.endpointBase}/${resourceId}/annotations/${id}/file`,
      this.about(id, options),
    )
    if (!options.autoConvert) return bytes
    return convertDownload(bytes, mimetype)
  }

  private resourceId(resource: string | Resource): string {
    return assertUuid(typeof resource === 'string' ? resource : resource?.id, 'resource')
  }
}
