import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import type { TransferProgress } from '../BaseApi.js'
import { withDelete } from '../crud/DeletableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import type { CallOptions } from '../crud/types.js'
import { badArgument, ValidationError } from '../errors.js'
import { pathSegment } from '../ids.js'
import { type Dataset, datasetSchema } from '../models/Dataset.js'
import type { Project } from '../models/Project.js'
import { type Resource, resourceSchema } from '../models/Resource.js'
import { isObject } from '../schema.js'
import { withQuery } from './withQuery.js'
import { entityId, parseListAnswer, toBlob } from './workflow.js'

/** Formats a dataset downloads in. */
export type DatasetDownloadFormat = 'jpg' | 'png' | 'tiff' | 'dicom' | 'npy' | 'nifti'

/** Options of {@link DatasetsApi.download}. */
export interface DatasetDownloadOptions {
  /** Default `dicom`. */
  format?: DatasetDownloadFormat
  /** Progress of the archive download; `fraction` is undefined when the server sends no length. */
  onProgress?: (progress: TransferProgress) => void
  signal?: AbortSignal
}

/** What {@link DatasetsApi.updateResources} changes. */
export interface DatasetResourcesChange {
  /** Resources to add (sent as `resource_ids_to_add`). */
  add?: ReadonlyArray<string | Resource>
  /** Resources to remove (sent as `resource_ids_to_delete`). */
  remove?: ReadonlyArray<string | Resource>
  /** The project the change is made for (sent as `project_id`). */
  project?: string | Project
}

const Base = withDelete(EntityBaseApi<Dataset>)

/**
 * Datasets (`/datasets`): read and delete; a dataset's resources (read, add, remove) and its download.
 *
 * @example
 * const datasets = await api.datasets.getAll()
 * await api.datasets.updateResources(datasets[0], { add: [resourceId] })
 * const archive = await api.datasets.download(datasets[0], { format: 'nifti', onProgress: (p) => bar(p.fraction) })
 */
export class DatasetsApi extends Base {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, datasetSchema, 'datasets', client)
  }

  /** The resources of a dataset (`GET /datasets/{id}/resources`, optionally of one `version`). */
  async getResources(
    dataset: string | Dataset,
    options: CallOptions & { version?: string } = {},
  ): Promise<Resource[]> {
    const id = this.getEntityId(dataset)
    const path = withQuery(`${this.entityPath(id)}/resources`, { version: options.version })
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return parseListAnswer(raw, resourceSchema, 'resources', `GET /${path}`)
  }

  /**
   * Adds and removes resources (`POST /datasets/{id}/resources` with `{all_files_selected: false,
   * resource_ids_to_add?, resource_ids_to_delete?, project_id?}`).
   *
   * @example
   * await api.datasets.updateResources(dataset, { add: [a, b], remove: [c] })
   */
  async updateResources(
    dataset: string | Dataset,
    change: DatasetResourcesChange,
    options?: CallOptions,
  ): Promise<void> {
    const id = this.getEntityId(dataset)
    const json: Record<string, unknown> = { all_files_selected: false }
    if (change?.add) json.resource_ids_to_add = change.add.map((r) => entityId(r, 'resource'))
    if (change?.remove) json.resource_ids_to_delete = change.remove.map((r) => entityId(r, 'resource'))
    if (change?.project !== undefined) json.project_id = entityId(change.project, 'project')
    await this.requestJson('POST', `${this.entityPath(id)}/resources`, {
      ...this.describeItem(id, options),
      json,
    })
  }

  /**
   * Downloads every resource of a dataset as one archive, as the Python SDK: a time-limited token first
   * (`GET /datasets/{id}/download/{format}` answers it as JSON text), then the archive
   * (`GET /datasets/download/{token}`), with progress. Resolves to a `Blob`.
   *
   * @example
   * const zip = await api.datasets.download(dataset, { format: 'png' })
   */
  async download(dataset: string | Dataset, options: DatasetDownloadOptions = {}): Promise<Blob> {
    const id = this.getEntityId(dataset)
    const format = options.format ?? 'dicom'
    if (!FORMATS.includes(format)) {
      throw badArgument(
        `download: format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}.`,
        'format',
      )
    }
    const tokenPath = `${this.entityPath(id)}/download/${format}`
    const answer = await this.requestJson('GET', tokenPath, this.describeItem(id, { signal: options.signal }))
    // The token is a JSON string; tolerate `{ token }` too.
    const token = isObject(answer) ? answer.token : answer
    if (typeof token !== 'string' || token.trim() === '') {
      throw new ValidationError(
        `GET /${tokenPath}: expected a download token, got ${JSON.stringify(answer)?.slice(0, 80)}.`,
      )
    }
    return toBlob(
      await this.requestBytes('GET', `datasets/download/${pathSegment(token.trim())}`, {
        signal: options.signal,
        onDownloadProgress: options.onProgress,
      }),
    )
  }
}

const FORMATS: readonly string[] = ['jpg', 'png', 'tiff', 'dicom', 'npy', 'nifti']
