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
import { sniff } from '../format/detectMimetype.js'
import { assertUuid } from '../ids.js'
import { type Annotation, annotationSchema } from '../models/Annotation.js'
import type { GeometryPoint } from '../models/annotationKinds.js'
import type { Resource } from '../models/Resource.js'
import { isObject } from '../schema.js'
import type { Point3, ViewVectors } from '../upload/annotationGeometry.js'
import {
  type BulkDownloadOptions,
  type Downloaded,
  downloadInCompletionOrder,
} from '../upload/downloadInCompletionOrder.js'
import type { LabelVolume } from '../upload/niftiLabelVolume.js'
import type { SegmentationMask, SegmentationNames } from '../upload/segmentationMask.js'
import { readBlob } from '../upload/uploadInput.js'

/** Who made an annotation and where it goes: the fields every typed creator takes (the SDK's parameters). */
export interface AnnotationSourceOptions extends CallOptions {
  worklistId?: string
  /** The e-mail to record as author (`import_author`); default the API key's user. */
  authorEmail?: string
  importedFrom?: string
  /** The AI model that produced it: sets `model_id` and `is_model`. */
  modelId?: string
  /** `source` tag; default `'imported'`. */
  source?: string
}

/** Options of {@link AnnotationsApi.uploadSegmentations}. */
export interface UploadSegmentationsOptions extends Omit<AnnotationSourceOptions, 'modelId'> {
  /** One name, or label value / `'r,g,b'` → name with `default` for the rest. Default `'default'`. */
  name?: SegmentationNames
  /** The frame of a one-frame mask, or one index per frame of the mask. Default 0, 1, ... */
  frameIndex?: number | readonly number[]
  /** Leave out frames without any label (default true; such frames create nothing either way). */
  discardEmptySegmentations?: boolean
  /** The AI model's name (`model_id`, `is_model`). */
  modelName?: string
}

/** Options of {@link AnnotationsApi.uploadVolumeSegmentation}. */
export interface UploadVolumeSegmentationOptions
  extends Omit<AnnotationSourceOptions, 'modelId' | 'authorEmail'> {
  /** Label value → name (`segmentation_map`), e.g. `{ 1: 'liver', 2: 'tumor' }`. */
  name?: Readonly<Record<number, string>>
  modelName?: string
  /** File name sent; default `segmentation.nii` (or `.nii.gz` for gzipped bytes). */
  filename?: string
}

/** Options of {@link AnnotationsApi.addLineAnnotation} and {@link AnnotationsApi.addBoxAnnotation}. */
export interface GeometryAnnotationOptions extends AnnotationSourceOptions {
  frameIndex?: number
  /**
   * `'pixel'` (default): `[x, y]` pixel positions; with `metadata` they are converted to patient coordinates.
   * `'patient'`: `[x, y, z]` in mm; the view vectors come from the resource's DICOM/NIfTI geometry.
   */
  coordsSystem?: 'pixel' | 'patient'
  /** The resource's file as `downloadResourceFile` returns it; fetched when needed and not given. */
  metadata?: ConvertedData
}

/** One prediction for {@link AnnotationsApi.uploadPredictions}. */
export type Prediction =
  | {
      kind: 'segmentation'
      mask: SegmentationMask
      name?: SegmentationNames
      frameIndex?: number | readonly number[]
    }
  | {
      kind: 'volume-segmentation'
      volume: Uint8Array | LabelVolume
      classMap?: Readonly<Record<number, string>>
    }
  | NewAnnotationData

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
      this.throwIfRefused(r, 'POST', path)
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
    return this.resolveCreated(
      this.createForResource(resource_id, annotation, { signal: options.signal }),
      options,
    )
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
    await this.requestJson('PATCH', `${this.entityPath(id)}/approve`, this.describeItem(id, options))
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
      this.describeItem(id, options),
    )
    if (!options.autoConvert) return bytes
    return convertDownload(bytes, mimetype)
  }

  /**
   * Annotations of several resources, grouped: entry `i` holds those of `resources[i]` (the SDK's
   * `get_list(..., group_by_resource=True)`), from one search.
   *
   * @example
   * const [ofFirst, ofSecond] = await api.annotations.getListByResource([r1, r2], { annotationType: 'segmentation' })
   */
  async getListByResource(
    resources: ReadonlyArray<string | Resource>,
    filters: ListFilters<Omit<AnnotationFilters, 'resource'>> = {},
    options?: CallOptions,
  ): Promise<Annotation[][]> {
    const ids = resources.map((r) => this.resourceId(r))
    if (ids.length === 0) return []
    return groupByResource(await this.getList({ ...filters, resource: ids }, options), ids)
  }

  /**
   * Uploads a frame segmentation (the SDK's `upload_segmentations`): `mask` is PNG bytes or a label array
   * (grey values or RGB colours, one or more frames). One annotation per label and frame is created
   * (`POST /annotations/{resource}/annotations`, type `segmentation`, scope `frame`), then each label's
   * binary PNG is attached (`POST .../annotations/{id}/file`, field `file`). Frames without labels create
   * nothing. Resolves to the new ids.
   *
   * @example
   * const ids = await api.annotations.uploadSegmentations(resource, { width: 512, height: 512, data: labels }, {
   *   name: { 1: 'liver', 2: 'tumor' }, frameIndex: 12,
   * })
   */
  async uploadSegmentations(
    resource: string | Resource,
    mask: SegmentationMask,
    options: UploadSegmentationsOptions = {},
  ): Promise<string[]> {
    const resourceId = this.resourceId(resource)
    // Mask decoding and PNG encoding load on first use.
    const { splitLabels } = await import('../upload/segmentationMask.js')
    const labels = await splitLabels(mask, options.name, options.frameIndex)
    const ids: string[] = []
    const frames = [...new Set(labels.map((l) => l.frame))]
    for (const frame of frames) {
      const ofFrame = labels.filter((l) => l.frame === frame)
      const created = await this.createForResource(
        resourceId,
        ofFrame.map((label) =>
          this.#sourceFields(
            { type: 'segmentation', identifier: label.name, scope: 'frame', frame_index: frame },
            { ...options, modelId: options.modelName },
          ),
        ),
        { signal: options.signal },
      )
      for (const [i, id] of created.entries()) {
        await this.uploadAnnotationFile(resourceId, id, ofFrame[i].png, {
          contentType: 'image/png',
          filename: `${ofFrame[i].name}.png`,
          signal: options.signal,
        })
        ids.push(id)
      }
    }
    return ids
  }

  /**
   * Uploads a 3-D segmentation as one NIfTI file (`POST /annotations/{resource}/segmentations/file`,
   * multipart: `file`, `segmentation_map` JSON, and `model_id`, `annotation_worklist_id`, `source`,
   * `imported_from` when given). `volume` is NIfTI bytes (`.nii` or `.nii.gz`) or a label volume, encoded
   * as NIfTI-1 here. Resolves to the ids the server created.
   *
   * @example
   * await api.annotations.uploadVolumeSegmentation(resource, niftiBytes, { name: { 1: 'liver', 2: 'tumor' } })
   */
  async uploadVolumeSegmentation(
    resource: string | Resource,
    volume: Uint8Array | Blob | LabelVolume,
    options: UploadVolumeSegmentationOptions = {},
  ): Promise<string[]> {
    const resourceId = this.resourceId(resource)
    const bytes =
      volume instanceof Uint8Array
        ? volume
        : volume instanceof Blob
          ? await readBlob(volume)
          : (await import('../upload/niftiLabelVolume.js')).encodeLabelVolume(volume)
    const kind = sniff(bytes.subarray(0, 65536)).mimetype
    if (!/nifti|gzip/.test(kind)) {
      throw new ValidationError(
        `uploadVolumeSegmentation: expected NIfTI bytes (.nii or .nii.gz), got ${kind}.`,
        {
          field: 'volume',
        },
      )
    }
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b
    const form = new FormData()
    form.append(
      'file',
      new Blob([bytes as BlobPart], { type: 'application/nifti' }),
      options.filename ?? (gz ? 'segmentation.nii.gz' : 'segmentation.nii'),
    )
    const fields = {
      model_id: options.modelName,
      annotation_worklist_id: options.worklistId,
      source: options.source ?? 'imported',
      imported_from: options.importedFrom,
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value)
    form.append(
      'segmentation_map',
      new Blob([JSON.stringify(options.name ?? {})], { type: 'application/json' }),
    )
    const path = `${this.endpointBase}/${resourceId}/segmentations/file`
    const answer = await this.requestJson('POST', path, {
      body: form,
      signal: options.signal,
      item: { type: 'resource', id: resourceId },
    })
    this.throwIfRefused(answer, 'POST', path)
    return asArray(answer as unknown).map((r) => {
      const id = isObject(r) ? r.id : r
      if (typeof id !== 'string') {
        throw new ValidationError(`POST /${path}: expected ids, got ${JSON.stringify(answer)}.`, {
          body: answer,
        })
      }
      return id
    })
  }

  /**
   * Attaches a file to an existing annotation (`POST /annotations/{resource}/annotations/{id}/file`,
   * multipart field `file`). The content type defaults to the Blob's, else what the bytes look like.
   *
   * @example
   * await api.annotations.uploadAnnotationFile(resourceId, annotationId, pngBytes, { contentType: 'image/png', filename: 'mask.png' })
   */
  async uploadAnnotationFile(
    resource: string | Resource,
    annotation: string | Annotation,
    file: Blob | Uint8Array,
    options: CallOptions & { contentType?: string; filename?: string } = {},
  ): Promise<void> {
    const resourceId = this.resourceId(resource)
    const id = this.getEntityId(annotation)
    if (!(file instanceof Blob) && !(file instanceof Uint8Array)) {
      throw new ValidationError('uploadAnnotationFile: file must be a Blob, File or Uint8Array.', {
        field: 'file',
      })
    }
    const head = file instanceof Blob ? await readBlob(file.slice(0, 65536)) : file.subarray(0, 65536)
    const contentType =
      options.contentType || (file instanceof Blob && file.type ? file.type : sniff(head).mimetype)
    const filename = options.filename ?? (file as Partial<File>).name ?? 'unnamed_file'
    const form = new FormData()
    form.append('file', new Blob([file as BlobPart], { type: contentType }), filename)
    const path = `${this.endpointBase}/${resourceId}/annotations/${id}/file`
    const answer = await this.requestJson('POST', path, {
      body: form,
      signal: options.signal,
      item: { type: 'annotation', id },
    })
    this.throwIfRefused(answer, 'POST', path)
  }

  /**
   * Creates a whole-image category (`type: 'category'`, `scope: 'image'`, the SDK's
   * `create_image_classification`) and resolves to its id.
   *
   * @example
   * await api.annotations.createImageClassification(resource, 'diagnosis', 'benign')
   */
  createImageClassification(
    resource: string | Resource,
    identifier: string,
    value: string,
    options: AnnotationSourceOptions = {},
  ): Promise<string> {
    return this.createForResource(
      resource,
      this.#sourceFields({ type: 'category', identifier, scope: 'image', value }, options),
      { signal: options.signal },
    )
  }

  /**
   * Creates a numeric annotation: an integer value is `type: 'integer'`, any other number `'float'` (the
   * SDK's `create_numeric_annotation`), with optional `units`.
   *
   * @example
   * await api.annotations.createNumericAnnotation(resource, 'lesion count', 3)
   * await api.annotations.createNumericAnnotation(resource, 'volume', 12.5, { units: 'ml' })
   */
  createNumericAnnotation(
    resource: string | Resource,
    identifier: string,
    value: number,
    options: AnnotationSourceOptions & { units?: string; type?: 'integer' | 'float' } = {},
  ): Promise<string> {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValidationError(
        `createNumericAnnotation: value must be a finite number, got ${String(value)}.`,
        {
          field: 'value',
        },
      )
    }
    const type = options.type ?? (Number.isInteger(value) ? 'integer' : 'float')
    return this.createForResource(
      resource,
      this.#sourceFields({ type, identifier, scope: 'image', value, units: options.units }, options),
      { signal: options.signal },
    )
  }

  /**
   * Adds a line (`type: 'line'`, geometry `{ points: [p1, p2] }`), the SDK's `add_line_annotation`. Points
   * are pixel positions `[x, y]` (z becomes the frame index), or patient coordinates with
   * `coordsSystem: 'patient'` (view vectors from the resource's geometry). With pixel points and `metadata`
   * (the resource's DICOM/NIfTI), they are converted to patient coordinates first.
   *
   * @example
   * await api.annotations.addLineAnnotation([10, 20], [110, 20], resource, 'diameter', { frameIndex: 4 })
   */
  addLineAnnotation(
    point1: readonly number[],
    point2: readonly number[],
    resource: string | Resource,
    identifier: string,
    options: GeometryAnnotationOptions = {},
  ): Promise<string> {
    return this.#addGeometry('line', point1, point2, resource, identifier, options)
  }

  /**
   * Adds a box (`type: 'square'`, geometry `{ points: [topLeft, topRight, bottomLeft, bottomRight] }`)
   * from two opposite corners, the SDK's `add_box_annotation`; coordinates as {@link addLineAnnotation}.
   *
   * @example
   * await api.annotations.addBoxAnnotation([40, 40], [90, 120], resource, 'nodule', { frameIndex: 0 })
   */
  addBoxAnnotation(
    point1: readonly number[],
    point2: readonly number[],
    resource: string | Resource,
    identifier: string,
    options: GeometryAnnotationOptions = {},
  ): Promise<string> {
    return this.#addGeometry('square', point1, point2, resource, identifier, options)
  }

  async #addGeometry(
    type: 'line' | 'square',
    point1: readonly number[],
    point2: readonly number[],
    resource: string | Resource,
    identifier: string,
    options: GeometryAnnotationOptions,
  ): Promise<string> {
    const resourceId = this.resourceId(resource)
    const patient = options.coordsSystem === 'patient'
    if (options.coordsSystem !== undefined && options.coordsSystem !== 'pixel' && !patient) {
      throw new ValidationError(
        `coordsSystem must be 'pixel' or 'patient', got ${String(options.coordsSystem)}.`,
        {
          field: 'coordsSystem',
        },
      )
    }
    const frame = options.frameIndex
    const points = [point1, point2].map((p) => checkPoint(p, patient))
    const { pixelToPatient, viewVectors } = await import('../upload/annotationGeometry.js')
    let metadata = options.metadata
    if (patient && !metadata) metadata = await this.#resourceData(resourceId, options.signal)
    let out: Point3[]
    let view: ViewVectors | undefined
    if (patient) {
      out = points as Point3[]
      view = metadata && viewVectors(metadata, frame ?? 0)
    } else if (metadata && (metadata.kind === 'dicom' || metadata.kind === 'nifti')) {
      out = points.map(([x, y]) => pixelToPatient(metadata, x, y, frame ?? 0))
      view = viewVectors(metadata, frame ?? 0)
    } else {
      out = points.map(([x, y, z]) => [x, y, frame ?? z ?? 0] as Point3)
    }
    const corners: GeometryPoint[] = type === 'line' ? out : boxCorners(out[0], out[1], view)
    const geometry = { points: corners, ...(view ?? {}) }
    const inPatientSpace = patient || !!view
    return this.createForResource(
      resourceId,
      this.#sourceFields(
        {
          type,
          identifier,
          // A pixel shape on a frame is frame-scoped; patient-space shapes locate themselves.
          scope: frame !== undefined && !inPatientSpace ? 'frame' : 'image',
          frame_index: frame !== undefined && !inPatientSpace ? frame : undefined,
          geometry,
        },
        options,
      ),
      { signal: options.signal },
    )
  }

  async #resourceData(resourceId: string, signal?: AbortSignal): Promise<ConvertedData> {
    const { bytes, mimetype } = await this.requestBytes('GET', `resources/${resourceId}/file`, {
      signal,
      item: { type: 'resource', id: resourceId },
    })
    return convertDownload(bytes, mimetype)
  }

  /**
   * Uploads model predictions for a resource (the SDK's `upload_predictions`): segmentations through
   * {@link uploadSegmentations}, volumes through {@link uploadVolumeSegmentation}, anything else created as
   * is; each marked with `modelName` and `source`. Resolves to all new ids, in order.
   *
   * @example
   * await api.annotations.uploadPredictions(resource, [
   *   { kind: 'segmentation', mask, name: { 1: 'lesion' }, frameIndex: 3 },
   *   { type: 'category', identifier: 'malignancy', scope: 'image', value: 'low' },
   * ], { modelName: 'lesion-net', source: 'model_pipeline' })
   */
  async uploadPredictions(
    resource: string | Resource,
    predictions: readonly Prediction[],
    options: CallOptions & { modelName?: string; source?: string } = {},
  ): Promise<string[]> {
    const ids: string[] = []
    const { modelName, source, signal } = options
    for (const prediction of predictions) {
      if ('kind' in prediction && prediction.kind === 'segmentation') {
        const p = prediction as Extract<Prediction, { kind: 'segmentation' }>
        ids.push(
          ...(await this.uploadSegmentations(resource, p.mask, {
            name: p.name,
            frameIndex: p.frameIndex,
            modelName,
            source,
            signal,
          })),
        )
      } else if ('kind' in prediction && prediction.kind === 'volume-segmentation') {
        const p = prediction as Extract<Prediction, { kind: 'volume-segmentation' }>
        ids.push(
          ...(await this.uploadVolumeSegmentation(resource, p.volume, {
            name: p.classMap,
            modelName,
            source,
            signal,
          })),
        )
      } else {
        const item = { ...(prediction as NewAnnotationData) }
        if (modelName !== undefined) Object.assign(item, { model_id: modelName, is_model: true })
        if (source !== undefined) item.source = source
        ids.push(await this.createForResource(resource, item, { signal }))
      }
    }
    return ids
  }

  /**
   * Downloads many annotations' files (the SDK's `download_multiple_files`), `concurrency` (default 4) at a
   * time, as an async iterable of `{ annotation, data }` or `{ annotation, error }` in completion order.
   *
   * @example
   * for await (const { annotation, data } of api.annotations.downloadFiles(segmentations)) if (data) show(annotation, data)
   */
  downloadFiles(
    annotations: ReadonlyArray<string | Annotation>,
    options: BulkDownloadOptions & { autoConvert?: boolean } = {},
  ): AsyncGenerator<
    Downloaded<'annotation', string | Annotation, ConvertedData | Uint8Array>,
    void,
    undefined
  > {
    for (const a of annotations) this.getEntityId(a)
    const { autoConvert = false, ...bulk } = options
    return downloadInCompletionOrder(
      'annotation',
      annotations,
      (annotation, { signal, onProgress }) =>
        this.downloadFile(annotation, { autoConvert, signal, onProgress }),
      bulk,
    )
  }

  /** The create payload's source fields (`import_author`, `model_id` + `is_model`, ...), undefined ones left out. */
  #sourceFields(item: NewAnnotationData, options: AnnotationSourceOptions): NewAnnotationData {
    const fields: Record<string, unknown> = {
      ...item,
      annotation_worklist_id: options.worklistId,
      imported_from: options.importedFrom,
      import_author: options.authorEmail,
      model_id: options.modelId,
      is_model: options.modelId === undefined ? undefined : true,
      source: options.source ?? 'imported',
    }
    for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key]
    return fields as NewAnnotationData
  }

  private resourceId(resource: string | Resource): string {
    return assertUuid(typeof resource === 'string' ? resource : resource?.id, 'resource')
  }
}

/**
 * Annotations grouped by resource: entry `i` holds those whose `resource_id` is `resourceIds[i]` (the
 * SDK's `group_by_resource`); annotations of other resources are left out.
 */
export function groupByResource<A extends { resource_id?: string | null }>(
  annotations: readonly A[],
  resourceIds: readonly string[],
): A[][] {
  const groups = new Map(resourceIds.map((id) => [id.toLowerCase(), [] as A[]]))
  for (const a of annotations) groups.get(String(a.resource_id).toLowerCase())?.push(a)
  return resourceIds.map((id) => groups.get(id.toLowerCase()) as A[])
}

function checkPoint(point: readonly number[], patient: boolean): number[] {
  const ok =
    Array.isArray(point) &&
    (patient ? point.length === 3 : point.length === 2 || point.length === 3) &&
    point.every((v) => typeof v === 'number' && Number.isFinite(v))
  if (!ok) {
    throw new ValidationError(
      `A point must be ${patient ? '[x, y, z] (patient coordinates)' : '[x, y] pixel coordinates'} of finite numbers, got ${JSON.stringify(point)}.`,
      { field: 'points' },
    )
  }
  return [...point]
}

/** The four corners of a box from two opposite ones, in the view's plane when its vectors are known (the SDK's rule). */
function boxCorners(
  p1: Point3,
  p2: Point3,
  view?: { viewPlaneNormal: Point3; viewUp: Point3 },
): GeometryPoint[] {
  if (!view) {
    const z = p1[2]
    return [
      [p1[0], p1[1], z],
      [p2[0], p1[1], z],
      [p1[0], p2[1], z],
      [p2[0], p2[1], z],
    ]
  }
  const n = view.viewPlaneNormal
  const up = view.viewUp
  const right = [n[1] * up[2] - n[2] * up[1], n[2] * up[0] - n[0] * up[2], n[0] * up[1] - n[1] * up[0]]
  const d = [p2[0] - p1[0], p2[1] - p1[1], p2[2] - p1[2]]
  const width = d[0] * right[0] + d[1] * right[1] + d[2] * right[2]
  const height = -(d[0] * up[0] + d[1] * up[1] + d[2] * up[2])
  const topRight = [0, 1, 2].map((i) => p1[i] + width * right[i]) as GeometryPoint
  const bottomLeft = [0, 1, 2].map((i) => p1[i] - height * up[i]) as GeometryPoint
  return [p1, topRight, bottomLeft, p2]
}
