import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { CRUDEntityApi } from '../crud/CRUDEntityApi.js'
import type { CallOptions, CreateOptions } from '../crud/types.js'
import { badArgument, EntityAlreadyExistsError, ItemNotFoundError } from '../errors.js'
import { isUuid, pathSegment } from '../ids.js'
import { type AnnotationStatus, annotationStatusSchema, type WorkStatus } from '../models/AnnotationStatus.js'
import type { AnnotationWorklist } from '../models/AnnotationWorklist.js'
import { type Project, projectSchema } from '../models/Project.js'
import { type ProjectMember, projectMemberSchema } from '../models/ProjectMember.js'
import { type ProjectResourceSplit, projectResourceSplitSchema } from '../models/ProjectResourceSplit.js'
import {
  type AnnotatorStats,
  type AnnotatorStatus,
  annotatorStatsSchema,
  type ReviewMessage,
} from '../models/ProjectStats.js'
import { type Resource, resourceSchema } from '../models/Resource.js'
import { normalizeList } from '../normalizeList.js'
import { isObject } from '../schema.js'
import { AnnotationWorklistsApi } from './AnnotationWorklistsApi.js'
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

/** Options of {@link ProjectsApi.getByName}. */
export interface GetByNameOptions extends CallOptions {
  /** Look among archived projects too. Default true, as the Python SDK. */
  includeArchived?: boolean
}

/** Filters of {@link ProjectsApi.getSplits}. */
export interface SplitFilters {
  /** Only this split (sent as `split_name`). */
  splitName?: string
  /** The assignments as they were at this time (ISO timestamp; sent as `as_of_timestamp`). */
  asOfTimestamp?: string
}

/** Filters of {@link ProjectsApi.getReviewMessages}. */
export interface ReviewMessageFilters {
  /** Messages to this annotator (e-mail; sent as `annotator`). */
  annotatorEmail?: string
  /** Messages about this resource (sent as `resourceId`). */
  resource?: string | Resource
  /** Only these statuses (sent as repeated `statuses`). */
  statuses?: readonly string[]
}

/** A project member to address: their user UUID, or the member record. */
export type MemberRef = string | Pick<ProjectMember, 'user_id'>

/** Resources to act on: one or several, as ids or entities. */
export type ResourceRefs = string | Resource | ReadonlyArray<string | Resource>

/**
 * Projects (`/projects`): read, create, patch, delete; the resources of a project, its members, splits,
 * annotation statuses, statistics, review messages, worklists and annotation export. Methods that act in a
 * project take it last, as the Python SDK does (an id or the project).
 *
 * @example
 * const api = new DatamintApi({ serverUrl: 'https://api.datamint.io', apiKey })
 * const project = await api.projects.create({ name: 'Liver review', description: 'CT, 2025' })
 * const renamed = await api.projects.patch(project, { name: 'Liver review (done)' })
 * const resources = await api.projects.getProjectResources(project)
 * await api.projects.assignSplits(resources.slice(0, 8), 'train', project)
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
   * segmentation definitions start empty, and review is off. Like the Python SDK, the name is checked first
   * (every project, archived ones included): when one has it, `EntityAlreadyExistsError` is thrown without a
   * POST, or with `existsOk` that project is the answer. A 409 from the POST (a project created meanwhile)
   * is handled the same way.
   */
  override create(data: NewProject, options?: CreateOptions & { returnEntity?: true }): Promise<Project>
  override create(data: NewProject, options: CreateOptions & { returnEntity: false }): Promise<string>
  override create(data: NewProject, options?: CreateOptions): Promise<Project | string>
  override async create(data: NewProject, options: CreateOptions = {}): Promise<Project | string> {
    const existing = await this.getByName(data.name, { signal: options.signal })
    if (existing) {
      if (options.existsOk) return options.returnEntity === false ? existing.id : existing
      throw new EntityAlreadyExistsError(
        `POST /projects: a project named ${JSON.stringify(data.name)} already exists (${existing.id}); ` +
          'pick another name, or pass existsOk: true to get the existing one. No request was sent.',
        { method: 'POST', url: 'projects', body: existing },
      )
    }
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
    const raw = await this.requestJson(
      'GET',
      `${this.entityPath(id)}/resources`,
      this.describeItem(id, options),
    )
    return resourceSchema.parseList(
      normalizeList(raw, 'resources', `GET /projects/${id}/resources`),
      'resources',
    )
  }

  /**
   * The project with exactly this name (`GET /projects`, every page), or `undefined`.
   *
   * @example
   * const project = await api.projects.getByName('Liver review', { includeArchived: false })
   */
  async getByName(name: string, options: GetByNameOptions = {}): Promise<Project | undefined> {
    const { includeArchived = true, signal } = options
    const projects = await this.getList({ includeArchived }, { signal })
    return projects.find((project) => project.name === name)
  }

  /**
   * Adds resources to a project (`POST /projects/{id}/resources` with `resource_ids_to_add`). `project` may
   * also be a project name, looked up first (`ItemNotFoundError` when none has it). No request for an empty list.
   *
   * @example
   * await api.projects.addResources([resourceA, resourceB.id], project)
   */
  async addResources(
    resources: ResourceRefs,
    project: string | Project,
    options?: CallOptions,
  ): Promise<void> {
    const ids = resourceIds(resources)
    if (ids.length === 0) return
    const id = await this.#projectId(project, options?.signal)
    await this.requestJson('POST', `${this.entityPath(id)}/resources`, {
      ...this.describeItem(id, options),
      json: { resource_ids_to_add: ids, all_files_selected: false },
    })
  }

  /**
   * Sets the work status of a resource in a project (`POST /projects/{id}/resources/{rid}/status`).
   *
   * @example
   * await api.projects.setWorkStatus(resource, 'closed', project)
   */
  async setWorkStatus(
    resource: string | Resource,
    status: WorkStatus,
    project: string | Project,
    options?: CallOptions,
  ): Promise<void> {
    const rid = entityId(resource, 'resource')
    const id = this.getEntityId(project)
    await this.requestJson('POST', `${this.entityPath(id)}/resources/${rid}/status`, {
      ...this.describeItem(id, options),
      json: { status },
    })
  }

  /** The members of a project with their roles (`GET /projects/{id}/members`). */
  async getMembers(project: string | Project, options?: CallOptions): Promise<ProjectMember[]> {
    const id = this.getEntityId(project)
    const path = `${this.entityPath(id)}/members`
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return parseListAnswer(raw, projectMemberSchema, 'members', `GET /${path}`)
  }

  /**
   * Sets (or changes) a user's roles in a project (`POST /projects/{id}/members/{userId}` with `{roles}`).
   *
   * @example
   * await api.projects.setMember(member.user_id, ['PROJECT_REVIEWER'], project)
   */
  async setMember(
    user: MemberRef,
    roles: readonly string[],
    project: string | Project,
    options?: CallOptions,
  ): Promise<void> {
    const id = this.getEntityId(project)
    if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
      throw badArgument('setMember: roles must be an array of strings.', 'roles')
    }
    await this.requestJson('POST', this.#memberPath(id, user), {
      ...this.describeItem(id, options),
      json: { roles },
    })
  }

  /** Removes a user from a project (`DELETE /projects/{id}/members/{userId}`). */
  async removeMember(user: MemberRef, project: string | Project, options?: CallOptions): Promise<void> {
    const id = this.getEntityId(project)
    await this.requestJson('DELETE', this.#memberPath(id, user), this.describeItem(id, options))
  }

  /**
   * Per-resource, per-annotator statuses (`GET /projects/{id}/annotation-statuses`, filtered by `status`,
   * `user_id`, `resource_id`).
   */
  async getAnnotationStatuses(
    project: string | Project,
    filters: AnnotationStatusFilters = {},
    options?: CallOptions,
  ): Promise<AnnotationStatus[]> {
    const id = this.getEntityId(project)
    const path = withQuery(`${this.entityPath(id)}/annotation-statuses`, statusQuery(filters))
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return parseListAnswer(raw, annotationStatusSchema, 'statuses', `GET /${path}`)
  }

  /**
   * Resets one annotator's status on a resource
   * (`DELETE /projects/{id}/resources/{rid}/annotator/{email}/status-reset`).
   */
  async resetAnnotatorStatus(
    resource: string | Resource,
    email: string,
    project: string | Project,
    options?: CallOptions,
  ): Promise<void> {
    const rid = entityId(resource, 'resource')
    const who = annotatorEmail(email, 'resetAnnotatorStatus')
    const id = this.getEntityId(project)
    await this.requestJson(
      'DELETE',
      `${this.entityPath(id)}/resources/${rid}/annotator/${pathSegment(who)}/status-reset`,
      this.describeItem(id, options),
    )
  }

  /** The split assignments of a project (`GET /projects/{id}/splits`). */
  async getSplits(
    project: string | Project,
    filters: SplitFilters = {},
    options?: CallOptions,
  ): Promise<ProjectResourceSplit[]> {
    const id = this.getEntityId(project)
    const path = withQuery(`${this.entityPath(id)}/splits`, {
      split_name: filters.splitName,
      as_of_timestamp: filters.asOfTimestamp,
    })
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return parseListAnswer(raw, projectResourceSplitSchema, 'splits', `GET /${path}`)
  }

  /**
   * Puts resources into a split (`POST /projects/{id}/splits` with `{resource_ids, split_name}`); a resource
   * leaves the split it was in. No request for an empty list.
   *
   * @example
   * await api.projects.assignSplits(validation, 'val', project)
   */
  async assignSplits(
    resources: ResourceRefs,
    splitName: string,
    project: string | Project,
    options?: CallOptions,
  ): Promise<void> {
    if (typeof splitName !== 'string' || splitName.trim() === '') {
      throw badArgument('assignSplits: splitName must be a non-empty string such as "train".', 'splitName')
    }
    const ids = resourceIds(resources)
    const id = this.getEntityId(project)
    if (ids.length === 0) return
    await this.requestJson('POST', `${this.entityPath(id)}/splits`, {
      ...this.describeItem(id, options),
      json: { resource_ids: ids, split_name: splitName },
    })
  }

  /**
   * The split of one resource (`GET /projects/{id}/resources/{rid}/split`), or `null` when it has none
   * (the server answers 404 or an empty body).
   */
  async getResourceSplit(
    resource: string | Resource,
    project: string | Project,
    options?: CallOptions,
  ): Promise<ProjectResourceSplit | null> {
    const rid = entityId(resource, 'resource')
    const id = this.getEntityId(project)
    try {
      const raw = await this.requestJson('GET', `${this.entityPath(id)}/resources/${rid}/split`, options)
      return isObject(raw) && Object.keys(raw).length > 0 ? projectResourceSplitSchema.parse(raw) : null
    } catch (error) {
      if (error instanceof ItemNotFoundError) return null
      throw error
    }
  }

  /** The project's pinned metrics, read fresh (`GET /projects/{id}`); `[]` when none. */
  async getPinnedMetrics(project: string | Project, options?: CallOptions): Promise<string[]> {
    return (await this.getById(this.getEntityId(project), options)).pinned_metrics ?? []
  }

  /**
   * Replaces the pinned metrics (`PATCH /projects/{id}` with `{pinned_metrics}`); resolves to the project.
   *
   * @example
   * await api.projects.setPinnedMetrics(['val/dice', 'val/iou'], project)
   */
  setPinnedMetrics(
    metrics: readonly string[],
    project: string | Project,
    options?: CallOptions,
  ): Promise<Project> {
    if (!Array.isArray(metrics) || !metrics.every((m) => typeof m === 'string')) {
      throw badArgument('setPinnedMetrics: metrics must be an array of strings.', 'metrics')
    }
    return this.patch(project, { pinned_metrics: [...metrics] }, options)
  }

  /** Per-annotator progress (`GET /projects/{id}/annotators-statistic`, optionally one annotator: `email`). */
  async getAnnotatorsStats(
    project: string | Project,
    filters: { annotatorEmail?: string } = {},
    options?: CallOptions,
  ): Promise<AnnotatorStats[]> {
    const id = this.getEntityId(project)
    const email = filters.annotatorEmail && annotatorEmail(filters.annotatorEmail, 'getAnnotatorsStats')
    const path = withQuery(`${this.entityPath(id)}/annotators-statistic`, { email })
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return parseListAnswer(raw, annotatorStatsSchema, 'annotators', `GET /${path}`)
  }

  /** Aggregate annotation counts of a project (`GET /projects/{id}/annotations-statistic`), as the server sends them. */
  async getAnnotationsStats(
    project: string | Project,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    return this.#stats(project, 'annotations-statistic', options)
  }

  /** The resource × annotator completion matrix (`GET /projects/{id}/files-matrix-statistic`). */
  async getFilesMatrixStats(
    project: string | Project,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    return this.#stats(project, 'files-matrix-statistic', options)
  }

  /** One annotator's progress in a project (`GET /projects/{id}/users/{email}/status`). */
  async getAnnotatorStatus(
    email: string,
    project: string | Project,
    options?: CallOptions,
  ): Promise<AnnotatorStatus> {
    const who = annotatorEmail(email, 'getAnnotatorStatus')
    return this.#stats(project, `users/${pathSegment(who)}/status`, options) as Promise<AnnotatorStatus>
  }

  /** Review feedback of a project (`GET /projects/{id}/reviewmessages`). */
  async getReviewMessages(
    project: string | Project,
    filters: ReviewMessageFilters = {},
    options?: CallOptions,
  ): Promise<ReviewMessage[]> {
    const id = this.getEntityId(project)
    const path = withQuery(`${this.entityPath(id)}/reviewmessages`, {
      annotator: filters.annotatorEmail && annotatorEmail(filters.annotatorEmail, 'getReviewMessages'),
      resourceId: filters.resource === undefined ? undefined : entityId(filters.resource, 'resource'),
      statuses: filters.statuses,
    })
    const raw = await this.requestJson('GET', path, this.describeItem(id, options))
    return normalizeList(raw, 'reviewmessages', `GET /${path}`).map((m, i) =>
      objectAnswer(m, `GET /${path} [${i}]`),
    ) as ReviewMessage[]
  }

  /** The annotation worklists of a project (`GET /projects/{id}/worklists`); see `AnnotationWorklistsApi.getByProject`. */
  getWorklists(project: string | Project, options?: CallOptions): Promise<AnnotationWorklist[]> {
    this.#worklists ??= new AnnotationWorklistsApi(this.config, this.client)
    return this.#worklists.getByProject(project, options)
  }

  /**
   * The project's annotations as a file (`GET /projects/{id}/download-annotations?format=csv`), as a `Blob`.
   *
   * @example
   * const csv = await api.projects.downloadAnnotations(project, { annotators: ['ana@x.io'], fromDate: '2025-01-01' })
   * const text = await csv.text()
   */
  async downloadAnnotations(
    project: string | Project,
    options: DownloadAnnotationsOptions = {},
  ): Promise<Blob> {
    const id = this.getEntityId(project)
    const path = withQuery(`${this.entityPath(id)}/download-annotations`, downloadQuery(options))
    return toBlob(await this.requestBytes('GET', path, this.describeItem(id, options)))
  }

  #worklists: AnnotationWorklistsApi | undefined

  async #stats(
    project: string | Project,
    sub: string,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    const id = this.getEntityId(project)
    const path = `${this.entityPath(id)}/${sub}`
    return objectAnswer(await this.requestJson('GET', path, this.describeItem(id, options)), `GET /${path}`)
  }

  #memberPath(projectId: string, user: MemberRef): string {
    const userId = isObject(user) ? user.user_id : user
    return `${this.entityPath(projectId)}/members/${entityId(userId as string, 'user')}`
  }

  /** A project id; a string that is not a UUID is a project name, looked up (archived ones included). */
  async #projectId(project: string | Project, signal?: AbortSignal): Promise<string> {
    if (typeof project !== 'string' || isUuid(project)) return this.getEntityId(project)
    const found = await this.getByName(project, { signal })
    if (!found) {
      throw new ItemNotFoundError(
        `No project is named ${JSON.stringify(project)}; check the name or pass its id.`,
        {
          itemType: 'project',
          itemId: project,
        },
      )
    }
    return found.id
  }

  protected override listSearchParams(filters: ProjectFilters) {
    return { includeArchived: filters.includeArchived }
  }
}

/** The ids of one or several resources, each checked before anything is sent. */
function resourceIds(resources: ResourceRefs): string[] {
  const list = Array.isArray(resources) ? resources : [resources]
  return list.map((r) => entityId(r as string | Resource, 'resource'))
}
