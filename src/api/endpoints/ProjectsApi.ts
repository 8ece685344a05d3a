import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { CRUDEntityApi } from '../crud/CRUDEntityApi.js'
import type { CallOptions, CreateOptions } from '../crud/types.js'
import { type Project, projectSchema } from '../models/Project.js'
import { type Resource, resourceSchema } from '../models/Resource.js'
import { normalizeList } from '../normalizeList.js'

/** Filters of {@link ProjectsApi.getList}. */
export interface ProjectFilters {
  /** Include archived projects (sent as `includeArchived`). `getAll` includes them, like the Python SDK. */
  includeArchived?: boolean
}

/** What {@link ProjectsApi.create} takes. */
export interface NewProject {
  name: string
  description?: string | null
  /** Resources to put in the project. */
  resource_ids?: string[]
  is_active_learning?: boolean
  /** Let annotators display two resources side by side. */
  two_up_display?: boolean
  /** Whether a segmentation pixel holds one label or several. Default `'single_label'`. */
  segmentation_spec?: 'single_label' | 'multi_label'
}

/**
 * Projects (`/projects`): read, create, patch, delete, and the resources of a project.
 *
 * @example
 * const api = new DatamintApi({ serverUrl: 'https://api.datamint.io', apiKey })
 * const project = await api.projects.create({ name: 'Liver review', description: 'CT, 2025' })
 * const renamed = await api.projects.patch(project, { name: 'Liver review (done)' })
 * const resources = await api.projects.getProjectResources(project)
 */
export class ProjectsApi extends CRUDEntityApi<Project, ProjectFilters, NewProject> {
  constructor(config: ApiConfig, client?: KyInstance) {
    super(config, projectSchema, 'projects', client)
  }

  /** Every project, archived ones included (`includeArchived=true`, as the Python SDK), or the first `limit`. */
  override getAll(limit?: number, options?: CallOptions): Promise<Project[]> {
    return this.getList({ limit, includeArchived: true }, options)
  }

  /**
   * `POST /projects` with the body the server expects: the resources also form the project's annotation set,
   * segmentation definitions start empty, and review is off.
   */
  override create(data: NewProject, options?: CreateOptions & { returnEntity?: true }): Promise<Project>
  override create(data: NewProject, options: CreateOptions & { returnEntity: false }): Promise<string>
  override create(data: NewProject, options?: CreateOptions): Promise<Project | string>
  override create(data: NewProject, options?: CreateOptions): Promise<Project | string> {
    const resourceIds = data.resource_ids ?? []
    const body = {
      name: data.name,
      description: data.description ?? '',
      is_active_learning: data.is_active_learning ?? false,
      resource_ids: resourceIds,
      segmentationData: { segmentationValueType: data.segmentation_spec ?? 'single_label', definitions: [] },
      annotation_set: { resource_ids: resourceIds, annotations: [] },
      two_up_display: data.two_up_display ?? false,
      require_review: false,
    }
    return this.createEntity(this.endpointBase, { json: body }, options)
  }

  /**
   * The resources of a project (`GET /projects/{id}/resources`), validated as resources.
   *
   * @example
   * const resources = await api.projects.getProjectResources(projectId)
   */
  async getProjectResources(project: string | Project, options?: CallOptions): Promise<Resource[]> {
    const id = this.getEntityId(project)
    const raw = await this.requestJson('GET', `${this.entityPath(id)}/resources`, this.about(id, options))
    return resourceSchema.parseList(
      normalizeList(raw, 'resources', `GET /projects/${id}/resources`),
      'resources',
    )
  }

  protected override listSearchParams(filters: ProjectFilters) {
    return { includeArchived: filters.includeArchived }
  }
}
