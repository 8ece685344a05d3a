import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { withDelete } from '../crud/DeletableEntityApi.js'
import { EntityBaseApi } from '../crud/EntityBaseApi.js'
import { type Dataset, datasetSchema } from '../models/Dataset.js'

const Base = withDelete(EntityBaseApi<Dataset>)

/**
 * Datasets (`/datasets`): read and delete.
 *
 * @example
 * const datasets = await api.datasets.getAll()
 */
export class DatasetsApi extends Base {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, datasetSchema, 'datasets', client)
  }
}
