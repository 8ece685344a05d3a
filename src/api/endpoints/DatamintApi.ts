import type { KyInstance } from 'ky'
import { ApiConfig, type ApiConfigInit } from '../ApiConfig.js'
import { createHttpClient } from '../httpClient.js'
import { AnnotationsApi } from './AnnotationsApi.js'
import { AnnotationWorklistsApi } from './AnnotationWorklistsApi.js'
import { ChannelsApi } from './ChannelsApi.js'
import { DatasetsApi } from './DatasetsApi.js'
import { ProjectsApi } from './ProjectsApi.js'
import { ResourcesApi } from './ResourcesApi.js'
import { UsersApi } from './UsersApi.js'

/**
 * The Datamint API in one object: every entity API shares one HTTP client (one set of headers, timeout and
 * retry policy).
 *
 * @example
 * const api = new DatamintApi({ serverUrl: 'https://api.datamint.io', apiKey: process.env.DATAMINT_API_KEY })
 * const projects = await api.projects.getAll()
 * const data = await api.resources.downloadResourceFile(resourceId)
 */
export class DatamintApi {
  readonly config: ApiConfig
  /** The ky instance shared by every entity API below. */
  readonly client: KyInstance
  readonly projects: ProjectsApi
  readonly resources: ResourcesApi
  readonly annotations: AnnotationsApi
  readonly users: UsersApi
  readonly datasets: DatasetsApi
  readonly channels: ChannelsApi
  /** Annotation worklists (`/annotationsets`; the Python SDK's `annotationworklists`). */
  readonly annotationWorklists: AnnotationWorklistsApi

  /**
   * @param configOrInit An `ApiConfig`, or what one is built from (`serverUrl`, `apiKey`, `timeout`, `maxRetries`).
   * @param client A ky instance to use instead of the default one (e.g. with extra hooks).
   */
  constructor(configOrInit: ApiConfig | ApiConfigInit, client?: KyInstance) {
    this.config = configOrInit instanceof ApiConfig ? configOrInit : new ApiConfig(configOrInit)
    this.client = client ?? createHttpClient(this.config)
    this.projects = new ProjectsApi(this.config, this.client)
    this.resources = new ResourcesApi(this.config, this.client)
    this.annotations = new AnnotationsApi(this.config, this.client)
    this.users = new UsersApi(this.config, this.client)
    this.datasets = new DatasetsApi(this.config, this.client)
    this.channels = new ChannelsApi(this.config, this.client)
    this.annotationWorklists = new AnnotationWorklistsApi(this.config, this.client)
  }
}
