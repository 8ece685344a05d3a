import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import type { SearchParams, TransferProgress } from '../BaseApi.js'
import { bulk } from '../BulkOperationError.js'
import { convertDownload } from '../convertDownload.js'
import { withCreate } from '../crud/CreatableEntityApi.js'
import { withDelete } from '../crud/DeletableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import type { CallOptions, CreateOptions, ListFilters } from '../crud/types.js'
import { badArgument, ItemNotFoundError, ValidationError } from '../errors.js'
import { asArray, isoDate, itemsFilter } from '../filterValues.js'
import type { ConvertedData } from '../format/ConvertedData.js'
import { sniff } from '../format/detectMimetype.js'
import { isUuid } from '../ids.js'
import type { Annotation } from '../models/Annotation.js'
import type { Channel } from '../models/Channel.js'
import { type Project, projectSchema } from '../models/Project.js'
import { type Resource, type ResourceStatus, resourceSchema } from '../models/Resource.js'
import { isObject } from '../schema.js'
import {
  type BulkDownloadOptions,
  type Downloaded,
  downloadInCompletionOrder,
} from '../upload/downloadInCompletionOrder.js'
import type { UploadResult } from '../upload/UploadResourcesError.js'
import { readBlob, type UploadInput } from '../upload/uploadInput.js'
import type { UploadResourcesOptions } from '../upload/uploadResources.js'
import { uploadProgress } from '../uploadProgress.js'
import { AnnotationsApi } from './AnnotationsApi.js'
import { type ChannelFilters, ChannelsApi } from './ChannelsApi.js'

/** Fields resources can be ordered by. */
export type ResourceOrderField =
  | 'modality'
  | 'created_by'
  | 'published_by'
  | 'published_on'
  | 'filename'
  | 'created_at'

/** Filters of {@link ResourcesApi.getList} (the Python SDK's `get_list` parameters in camelCase). */
export interface ResourceFilters {
  /** Only resources with this status; `''` or undefined: all. */
  status?: ResourceStatus | ''
  /** Created on or after this day (sent as `from`). */
  fromDate?: string | Date
  /** Created before this day (sent as `to`). */
  toDate?: string | Date
  /** Resources with any of these tags. */
  tags?: string | readonly string[]
  modality?: string
  mimetype?: string
  /** Sent as `order_field`. */
  orderField?: ResourceOrderField
  /** Sent as `order_by_asc`. */
  orderAscending?: boolean
  /** Upload channel name (sent as `channel_name`). */
  channel?: string
  /** Resources in all of these projects (names, or a project). */
  projectName?: string | readonly string[] | Project
  filename?: string
  /**
   * Only resources uploaded from this path (`source_filepath`); compared after normalising separators,
   * `./` and `..` segments. The server has no such filter: all matching pages are read, then filtered here.
   */
  sourceFilepath?: string
}

/** Options of {@link ResourcesApi.downloadResourceFiles}. */
export interface DownloadResourceFilesOptions extends BulkDownloadOptions {
  /** Convert each file with `convertFormat` (default true); `false` gives the bytes (e.g. for a ZIP). */
  autoConvert?: boolean
}

/** Options of {@link ResourcesApi.downloadResourceFile}. */
export interface DownloadResourceOptions {
  /** Convert the bytes with `convertFormat` (resource's declared mimetype as fallback). Default true. */
  autoConvert?: boolean
  /** Called as bytes arrive; `fraction` is undefined when the server sends no length. */
  onProgress?: (progress: TransferProgress) => void
  signal?: AbortSignal
}

/** Options of {@link ResourcesApi.uploadResource}. */
export interface UploadResourceOptions {
  /** File name on the server. Default: the `File`'s name (required for a `Blob` or `Uint8Array`). */
  filename?: string
  /** Default: the `Blob`'s type, else detected from the content. */
  mimetype?: string
  /** Upload channel: an arbitrary name that groups resources. */
  channel?: string
  /** e.g. `CT`; default: the `modality` key of `metadata`, if any. */
  modality?: string
  tags?: readonly string[]
  /** Publish directly instead of landing in the inbox (`bypass_inbox`). Default false. */
  publish?: boolean
  /** JSON metadata stored with the resource (an object, or JSON text). */
  metadata?: Record<string, unknown> | string
  /** Sent as `source_filepath`. Default: `filename`. */
  sourceFilepath?: string
  /**
   * Upload progress in file bytes: `0` before sending, `1` once the server accepted the file, and in between
   * as bytes leave where the runtime can stream request bodies (Node); browsers get only `0` and `1`
   * (streamed uploads there need HTTP/2, or are not supported at all).
   */
  onProgress?: (progress: TransferProgress) => void
  signal?: AbortSignal
}

/** What {@link ResourcesApi.create} takes: the file and the upload options. */
export interface NewResource extends Omit<UploadResourceOptions, 'onProgress' | 'signal'> {
  file: Blob | Uint8Array
}

/** Ids per `DELETE /resources?resource_ids=…` request (the server's limit). */
export const RESOURCE_DELETE_BATCH = 200

const ALREADY_PUBLISHED = 'Resource must be in inbox status to be approved'

/**
 * Seconds an upload of `bytes` may take: the request only completes once the whole file is sent, so the
 * per-request timeout would cut large uploads short. Like the Python SDK: at least 30 min, 1 s per 512 KiB.
 */
export function uploadTimeout(config: ApiConfig, bytes: number): number {
  return Math.max(config.timeout, 1800, Math.ceil(bytes / (512 * 1024)))
}

const Base = withDelete(withCreate(EntityBaseApi<Resource, ResourceFilters, NewResource>))

/**
 * Resources (`/resources`): uploaded files. List with filters, upload, download (converted or raw, with
 * progress), publish, delete. No `patch`: the server does not change resources that way.
 *
 * @example
 * const id = await api.resources.uploadResource(file, { tags: ['study-1'], onProgress: (p) => bar(p.fraction) })
 * const inbox = await api.resources.getList({ status: 'inbox', tags: ['study-1'] })
 * const data = await api.resources.downloadResourceFile(inbox[0])  // ConvertedData, e.g. { kind: 'dicom', ... }
 */
export class ResourcesApi extends Base {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, resourceSchema, 'resources', client)
  }

  /**
   * Uploads `data.file` (see {@link ResourcesApi.uploadResource}) and resolves to the new resource, or its id
   * with `returnEntity: false`.
   */
  override create(data: NewResource, options?: CreateOptions & { returnEntity?: true }): Promise<Resource>
  override create(data: NewResource, options: CreateOptions & { returnEntity: false }): Promise<string>
  override create(data: NewResource, options?: CreateOptions): Promise<Resource | string>
  override async create(data: NewResource, options: CreateOptions = {}): Promise<Resource | string> {
    const { file, ...upload } = data
    return this.resolveCreated(
      this.#upload(file, { ...upload, signal: options.signal }, options.existsOk),
      options,
    )
  }

  /**
   * Uploads one file as multipart form data (`POST /resources`) and resolves to the new resource's id.
   * A `200` answer that carries an `error` is a failure (`ServerError`). The request may take
   * `uploadTimeout(bytes)` seconds rather than `ApiConfig.timeout` (at least 30 min), since it only ends once the
   * whole file is sent.
   *
   * @example
   * const id = await api.resources.uploadResource(bytes, {
   *   filename: 'ct.dcm', channel: 'site-A', tags: ['liver'], publish: true, metadata: { patient_age: 45 },
   * })
   */
  uploadResource(file: Blob | Uint8Array, options: UploadResourceOptions = {}): Promise<string> {
    return this.#upload(file, options)
  }

  async #upload(
    file: Blob | Uint8Array,
    options: UploadResourceOptions,
    existsOk?: boolean,
  ): Promise<string> {
    const isBlob = file instanceof Blob
    if (!isBlob && !(file instanceof Uint8Array)) {
      throw badArgument('uploadResource: file must be a Blob, File or Uint8Array.', 'file')
    }
    const filename = options.filename ?? (file as Partial<File>).name
    if (!filename) {
      throw badArgument(
        'uploadResource: pass { filename } (e.g. "ct.dcm") for a Blob or Uint8Array.',
        'filename',
      )
    }
    const mimetype = options.mimetype || (await guessMimetype(file, filename))
    const { metadata, tags } = options

    // Field order and encoding as the Python SDK sends them; undefined fields are left out.
    const form = new FormData()
    form.append('source', 'api')
    form.append('resource', new Blob([file as BlobPart], { type: mimetype }), filename)
    const fields = {
      source_filepath: options.sourceFilepath ?? filename,
      mimetype,
      channel: options.channel,
      modality: options.modality ?? (metadata === undefined ? undefined : modalityIn(metadata)),
      bypass_inbox: String(!!options.publish),
      tags: tags?.length ? tags.map((t) => t.trim()).join(',') : undefined,
      metadata: typeof metadata === 'object' ? JSON.stringify(metadata) : metadata,
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value)

    const size = isBlob ? file.size : file.byteLength
    const progress = uploadProgress(size, options.onProgress)
    const id = (await this.createEntity(
      this.endpointBase,
      { body: form, timeout: uploadTimeout(this.config, size), onUploadProgress: progress.onUploadProgress },
      { returnEntity: false, existsOk, signal: options.signal },
    )) as string
    progress.done()
    return id
  }

  /**
   * Downloads a resource's file (`GET /resources/{id}/file`). With `autoConvert` (default) the bytes are
   * converted as `convertFormat` does, with one difference in who decides the type: here the content comes
   * first (a DICOM file stored as `image/png` is read as DICOM), and the resource's declared mimetype is only
   * the fallback when the content says little (the resource is fetched for it only then, when you passed an
   * id); `convertFormat(bytes, mimetype)` lets an explicit mimetype decide, as the Python SDK does. Types this
   * library does not interpret (FormatError reason `empty`, `unsupported`, `undetectable`) come back as
   * `{ kind: 'bytes' }`; corrupt content throws FormatError. With `autoConvert: false`: the raw bytes.
   *
   * @example
   * const data = await api.resources.downloadResourceFile(id, { onProgress: (p) => console.log(p.fraction) })
   * if (data.kind === 'dicom') console.log(data.rows, data.columns)
   */
  downloadResourceFile(
    resource: string | Resource,
    options: DownloadResourceOptions & { autoConvert: false },
  ): Promise<Uint8Array>
  downloadResourceFile(
    resource: string | Resource,
    options?: DownloadResourceOptions & { autoConvert?: true },
  ): Promise<ConvertedData>
  downloadResourceFile(
    resource: string | Resource,
    options?: DownloadResourceOptions,
  ): Promise<ConvertedData | Uint8Array>
  async downloadResourceFile(
    resource: string | Resource,
    options: DownloadResourceOptions = {},
  ): Promise<ConvertedData | Uint8Array> {
    const id = this.getEntityId(resource)
    const { bytes } = await this.requestBytes(
      'GET',
      `${this.entityPath(id)}/file`,
      this.describeItem(id, options),
    )
    if (options.autoConvert === false) return bytes
    let declared = typeof resource === 'string' ? undefined : resource.mimetype
    if (declared === undefined && bytes.length > 0 && !sniff(bytes).specific) {
      declared = (await this.getById(id, { signal: options.signal })).mimetype
    }
    return convertDownload(bytes, declared, options.signal)
  }

  /**
   * One frame of a multi-frame resource (`GET /resources/{id}/frames/{index}`), converted (usually an image).
   * For a resource entity that is a single image, frame 0 is the file itself.
   */
  async downloadResourceFrame(
    resource: string | Resource,
    index: number,
    options: CallOptions & { onProgress?: (progress: TransferProgress) => void } = {},
  ): Promise<ConvertedData> {
    const id = this.getEntityId(resource)
    if (!Number.isInteger(index) || index < 0) {
      throw new ValidationError(`downloadResourceFrame: index must be a whole number ≥ 0, got ${index}.`, {
        field: 'index',
      })
    }
    if (typeof resource !== 'string' && resource.mimetype?.startsWith('image/')) {
      if (index !== 0) {
        throw new ValidationError(
          `Resource ${id} is a single image (${resource.mimetype}); only frame 0 exists, got ${index}.`,
          { field: 'index' },
        )
      }
      return this.downloadResourceFile(resource, { signal: options.signal, onProgress: options.onProgress })
    }
    const { bytes, mimetype } = await this.requestBytes('GET', `${this.entityPath(id)}/frames/${index}`, {
      ...this.describeItem(id, options),
      headers: { accept: 'image/*' },
    })
    return convertDownload(bytes, mimetype)
  }

  /**
   * Publishes a resource (`POST /resources/{id}/publish`): it leaves the inbox. Publishing a resource that is
   * no longer in the inbox does nothing (as in the Python SDK).
   */
  async publish(resource: string | Resource, options?: CallOptions): Promise<void> {
    const id = this.getEntityId(resource)
    try {
      await this.requestJson('POST', `${this.entityPath(id)}/publish`, this.describeItem(id, options))
    } catch (error) {
      // The server answers 400 with this text when the resource already left the inbox.
      if (error instanceof ValidationError && JSON.stringify(error.body)?.includes(ALREADY_PUBLISHED)) return
      throw error
    }
  }

  /** Publishes several resources in one request (`POST /resources/bulk-publish`). */
  async bulkPublish(resources: ReadonlyArray<string | Resource>, options?: CallOptions): Promise<void> {
    const ids = resources.map((r) => this.getEntityId(r))
    if (ids.length === 0) return
    await this.requestJson('POST', `${this.endpointBase}/bulk-publish`, {
      ...options,
      json: { resource_ids: ids },
    })
  }

  /**
   * Deletes resources with `DELETE /resources?resource_ids=a,b,c`, `RESOURCE_DELETE_BATCH` ids per
   * request, one request after another. Every batch is attempted; a `BulkOperationError` lists the ids of the
   * batches that failed, with their causes. All ids are checked before the first request.
   */
  override async bulkDelete(
    entities: ReadonlyArray<string | Resource>,
    options?: CallOptions,
  ): Promise<void> {
    const ids = entities.map((e) => this.getEntityId(e))
    return bulk(
      `bulkDelete of ${ids.length} resources`,
      ids,
      RESOURCE_DELETE_BATCH,
      1,
      (batch) =>
        this.requestJson('DELETE', this.endpointBase, {
          ...options,
          searchParams: { resource_ids: batch.join(',') },
        }),
      options?.signal,
    )
  }

  /**
   * Upload channels (`GET /resources/channels`, paged), the Python SDK's `list_channels`; the same as
   * `api.channels.getList(filters)`.
   *
   * @example
   * const channels = await api.resources.listChannels({ projectName: 'Liver', limit: 20 })
   */
  listChannels(filters?: ListFilters<ChannelFilters>, options?: CallOptions): Promise<Channel[]> {
    this.#channels ??= new ChannelsApi(this.config, this.client)
    return this.#channels.getList(filters, options)
  }

  #channels: ChannelsApi | undefined

  /**
   * A filtered list (`GET /resources`); with `sourceFilepath`, every page of the other filters is read and
   * the paths compared here (the server does not filter by path), `limit`/`offset` applying afterwards.
   */
  override async getList(
    filters: ListFilters<ResourceFilters> = {},
    options?: CallOptions,
  ): Promise<Resource[]> {
    const { sourceFilepath, limit, offset, ...rest } = filters
    if (sourceFilepath === undefined) return super.getList(filters, options)
    const wanted = normalisePath(sourceFilepath)
    const all = await super.getList(rest, options)
    const matching = all.filter(
      (r) => typeof r.source_filepath === 'string' && normalisePath(r.source_filepath) === wanted,
    )
    return matching.slice(offset ?? 0, limit === undefined ? undefined : (offset ?? 0) + limit)
  }

  /**
   * Uploads many files (the SDK's `upload_resources`): a dropped folder, a file picker's selection, bytes
   * with names. DICOM instances of one series become one multi-frame file (`assembleDicoms`, default true;
   * grouped and ordered as the SDK's medimgkit does), DICOM reports are left out (`discardDicomReports`),
   * DICOM files can be de-identified first (`anonymize`, see docs/anonymisation.md). Up to `concurrency`
   * (default 4) uploads run at once; `onProgress` reports each input and the totals.
   *
   * Resolves to one result per input, in input order: the id of the resource it went into (inputs of one
   * series share it), or, with `onError: 'skip'`, its error. With `onError: 'raise'` (default) the first
   * failure stops new uploads and the call rejects with an `UploadResourcesError` whose `results` keep what
   * was uploaded. `publishTo` (a project, its id or name) publishes the uploads and adds them to it.
   *
   * @example
   * const results = await api.resources.uploadResources([...input.files], {
   *   onError: 'skip', tags: ['study-1'], publishTo: 'Liver review',
   *   onProgress: (p) => console.log(p.file, p.fraction, `${p.transferredBytes}/${p.totalBytes}`),
   * })
   * const failed = results.filter((r) => r instanceof Error)
   */
  async uploadResources(
    files: readonly UploadInput[],
    options: UploadResourcesOptions = {},
  ): Promise<UploadResult[]> {
    // Loaded on first use, with what it needs (series assembly, anonymisation): apps that never upload skip it.
    const { uploadResources } = await import('../upload/uploadResources.js')
    return uploadResources(files, options, {
      uploadOne: (file, o) => this.#upload(file, o),
      resolveProject: (project, signal) => this.#resolveProject(project, signal),
      addToProject: async (project, ids, signal) => {
        await this.requestJson('POST', `projects/${project.id}/resources`, {
          json: { resource_ids_to_add: ids, all_files_selected: false },
          signal,
          item: { type: 'project', id: project.id },
        })
      },
      uploadSegmentations: async (id, segmentation, signal) => {
        const names = segmentation.names
        const frames = segmentation.frameIndex
        for (const [i, mask] of segmentation.files.entries()) {
          await this.#annotations().uploadSegmentations(id, mask, {
            name: Array.isArray(names) ? names[i] : (names as never),
            frameIndex: frames?.[i],
            source: 'imported',
            signal,
          })
        }
      },
    })
  }

  #annotationsApi?: AnnotationsApi
  #annotations(): AnnotationsApi {
    this.#annotationsApi ??= new AnnotationsApi(this.config, this.client)
    return this.#annotationsApi
  }

  async #resolveProject(project: string | Project, signal?: AbortSignal): Promise<Project> {
    if (typeof project === 'object' && project !== null) return project
    if (typeof project !== 'string' || project.trim() === '') {
      throw badArgument('uploadResources: publishTo must be a project, its id or its name.', 'publishTo')
    }
    if (isUuid(project)) {
      const raw = await this.requestJson('GET', `projects/${project.toLowerCase()}`, {
        signal,
        item: { type: 'project', id: project },
      })
      return projectSchema.parse(raw, 'project')
    }
    const all = await this.paginate('projects', { signal, itemsKey: 'projects' })
    const found = projectSchema.parseList?.(all) ?? all.map((p) => projectSchema.parse(p))
    const match = found.find((p) => p.name === project)
    if (!match) {
      throw new ItemNotFoundError(
        `uploadResources: no project named "${project}"; create it or pass its id.`,
        {
          itemType: 'project',
          itemId: project,
        },
      )
    }
    return match
  }

  /**
   * Replaces the tags of one resource (`PUT /resources/{id}/tags` with `{tags}`) or of several at once
   * (`PUT /resources/tags` with `{resource_ids, tags}`), duplicates dropped.
   *
   * @example
   * await api.resources.setTags(resource, ['liver', 'reviewed'])
   */
  async setTags(
    resource: string | Resource | ReadonlyArray<string | Resource>,
    tags: readonly string[],
    options?: CallOptions,
  ): Promise<void> {
    const unique = uniqueTags(tags)
    if (Array.isArray(resource)) {
      const ids = resource.map((r) => this.getEntityId(r))
      if (ids.length === 0) return
      await this.requestJson('PUT', `${this.endpointBase}/tags`, {
        ...options,
        json: { resource_ids: ids, tags: unique },
      })
      return
    }
    const id = this.getEntityId(resource as string | Resource)
    await this.requestJson('PUT', `${this.entityPath(id)}/tags`, {
      ...this.describeItem(id, options),
      json: { tags: unique },
    })
  }

  /**
   * Adds tags to resources, keeping theirs (the SDK's `add_tags`): ids are fetched first to learn their
   * tags, then resources with the same tags are set in one request per group.
   *
   * @example
   * await api.resources.addTags(selected, ['to-review'])
   */
  async addTags(
    resources: string | Resource | ReadonlyArray<string | Resource>,
    tags: readonly string[],
    options?: CallOptions,
  ): Promise<void> {
    const list = Array.isArray(resources) ? resources : [resources as string | Resource]
    const entities = await Promise.all(
      list.map((r) => (typeof r === 'string' ? this.getById(r, options) : Promise.resolve(r))),
    )
    const groups = new Map<string, Resource[]>()
    for (const entity of entities) {
      const key = JSON.stringify(entity.tags ?? [])
      groups.set(key, [...(groups.get(key) ?? []), entity])
    }
    for (const [key, group] of groups) {
      const merged = [...(JSON.parse(key) as string[]), ...tags]
      await this.setTags(group.length === 1 && !Array.isArray(resources) ? group[0] : group, merged, options)
    }
  }

  /**
   * Resources without any annotation (`GET /resources/not-annotated`, paged), with the list filters.
   *
   * @example
   * const todo = await api.resources.getNotAnnotated({ status: 'published', limit: 50 })
   */
  async getNotAnnotated(
    filters: ListFilters<ResourceFilters> = {},
    options?: CallOptions,
  ): Promise<Resource[]> {
    const { limit, offset, ...rest } = filters
    const searchParams = this.listSearchParams(rest)
    if (rest.status === undefined) delete searchParams.status
    const raw = await this.paginate(`${this.endpointBase}/not-annotated`, {
      searchParams,
      limit,
      offset,
      signal: options?.signal,
      itemsKey: 'resources',
    })
    return this.parseList(raw)
  }

  /**
   * The annotations of a resource, AI segmentations included (the SDK's `get_annotations`).
   *
   * @example
   * const boxes = await api.resources.getAnnotations(resource, { annotationType: 'square' })
   */
  getAnnotations(
    resource: string | Resource,
    options: CallOptions & { annotationType?: string } = {},
  ): Promise<Annotation[]> {
    const { annotationType, ...call } = options
    return this.#annotations().getList(
      { resource: this.getEntityId(resource), annotationType, loadAiSegmentations: true },
      call,
    )
  }

  /**
   * Downloads many resources' files, `concurrency` (default 4) at a time, as an async iterable of
   * `{ resource, data }` or `{ resource, error }` in completion order; one failure does not stop the others.
   * `onProgress` reports the whole batch. Leaving the loop early aborts what is in flight.
   * See `zipDownloads` to put them in a ZIP.
   *
   * @example
   * for await (const { resource, data, error } of api.resources.downloadResourceFiles(ids, { autoConvert: false })) {
   *   if (error) console.warn(resource, error)
   *   else save(data)
   * }
   */
  downloadResourceFiles(
    resources: ReadonlyArray<string | Resource>,
    options: DownloadResourceFilesOptions & { autoConvert: false },
  ): AsyncGenerator<Downloaded<'resource', string | Resource, Uint8Array>, void, undefined>
  downloadResourceFiles(
    resources: ReadonlyArray<string | Resource>,
    options?: DownloadResourceFilesOptions,
  ): AsyncGenerator<Downloaded<'resource', string | Resource, ConvertedData>, void, undefined>
  downloadResourceFiles(
    resources: ReadonlyArray<string | Resource>,
    options: DownloadResourceFilesOptions = {},
  ): AsyncGenerator<Downloaded<'resource', string | Resource, ConvertedData | Uint8Array>, void, undefined> {
    for (const r of resources) this.getEntityId(r)
    const { autoConvert = true, ...bulk } = options
    return downloadInCompletionOrder(
      'resource',
      resources,
      (resource, { signal, onProgress }) =>
        this.downloadResourceFile(resource, { autoConvert, signal, onProgress }) as Promise<
          ConvertedData | Uint8Array
        >,
      bulk,
    )
  }

  /** The wire query of the filters: `status` always (empty = all), the others when set. */
  protected override listSearchParams(filters: ResourceFilters): SearchParams {
    const { projectName, tags } = filters
    const projects =
      projectName === undefined
        ? undefined
        : typeof projectName === 'object' && !Array.isArray(projectName)
          ? [(projectName as Project).name]
          : asArray(projectName as string | readonly string[])
    return {
      status: filters.status ?? '',
      from: isoDate(filters.fromDate, 'fromDate'),
      to: isoDate(filters.toDate, 'toDate'),
      modality: filters.modality,
      mimetype: filters.mimetype,
      order_field: filters.orderField,
      order_by_asc: filters.orderAscending,
      channel_name: filters.channel,
      filename: filters.filename,
      project: projects && itemsFilter(projects, 'intersection'),
      tags: tags === undefined ? undefined : itemsFilter(asArray(tags), 'union'),
    }
  }
}

function modalityIn(metadata: Record<string, unknown> | string): string | undefined {
  let value: unknown = metadata
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  if (!isObject(value)) return undefined
  for (const [key, v] of Object.entries(value))
    if (key.toLowerCase() === 'modality' && typeof v === 'string') return v
  return undefined
}

/** The Blob's own type when it says something, else detected from the first 64 KiB. */
async function guessMimetype(file: Blob | Uint8Array, filename: string): Promise<string> {
  if (file instanceof Blob && file.type && file.type !== 'application/octet-stream') return file.type
  const head = file instanceof Blob ? await readBlob(file.slice(0, 65536)) : file.subarray(0, 65536)
  const sniffed = sniff(head)
  // A gzipped NIfTI (or a .nii.gz the head cannot tell) goes up as NIfTI, like the Python SDK does.
  if (sniffed.mimetype === 'application/gzip' && (sniffed.specific || /\.nii\.gz$/i.test(filename))) {
    return 'application/nifti'
  }
  return sniffed.mimetype === 'application/x-empty' ? 'application/octet-stream' : sniffed.mimetype
}

/** Tags trimmed, empty ones and duplicates dropped, first-seen order kept. */
function uniqueTags(tags: readonly string[]): string[] {
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    throw badArgument('tags must be an array of strings.', 'tags')
  }
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))]
}

/** A path compared by its segments: `\\` as `/`, `.` dropped, `..` applied, no trailing slash. */
function normalisePath(path: string): string {
  const out: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '') out.pop()
    else out.push(part)
  }
  return out.join('/')
}
