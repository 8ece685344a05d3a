import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { BaseApi, type RequestOptions, type SearchParams } from '../BaseApi.js'
import { type BulkFailure, BulkOperationError } from '../BulkOperationError.js'
import { MAX_IN_FLIGHT, mapSettled } from '../concurrency.js'
import { DatamintError, EntityAlreadyExistsError, ValidationError } from '../errors.js'
import { assertUuid, pathSegment } from '../ids.js'
import { DEFAULT_PAGE_SIZE } from '../pagination.js'
import { isObject } from '../schema.js'
import type {
  CallOptions,
  CreateOptions,
  EntityDefinition,
  EntityTypes,
  ListFilters,
  NoFilters,
} from './types.js'

type Obj = Record<string, unknown>

/**
 * Read access to one kind of entity (`GET /{endpointBase}`, `GET /{endpointBase}/{id}`), with ids checked
 * before anything is sent and responses validated by the entity's schema. Write operations come from the
 * capability classes (`CreatableEntityApi`, …) or mixins (`withCreate`, …), so an API object has exactly
 * the methods its server endpoint supports.
 *
 * @typeParam T entity type; F list filters (besides limit/offset); C what `create` takes.
 * @example
 * const things = new EntityBaseApi<Thing>(config, thingSchema, 'things')
 * const first100 = await things.getAll(100)
 */
export class EntityBaseApi<T, F extends object = NoFilters, C = Partial<T>> extends BaseApi {
  /** Phantom member: lets `EntityOf<Api>`, `FiltersOf<Api>` read the types. Never set. */
  declare readonly '~types'?: EntityTypes<T, F, C>
  /** Path of the collection, e.g. `'projects'`. */
  readonly endpointBase: string
  /** Singular name used in messages, e.g. `'project'`. */
  readonly entityName: string
  readonly #parse: (raw: unknown, path?: string) => T
  readonly #parseList: (raw: readonly unknown[], path?: string) => T[]

  constructor(config: ApiConfig, entity: EntityDefinition<T>, endpointBase: string, client?: KyInstance) {
    super(config, client)
    this.endpointBase = endpointBase.replace(/^\/+|\/+$/g, '')
    this.entityName = singular(this.endpointBase)
    if (typeof entity === 'function') {
      this.#parse = entity
      this.#parseList = (raw, path = '') => raw.map((item, i) => entity(item, `${path}[${i}]`))
    } else {
      this.#parse = (raw, path) => entity.parse(raw, path)
      this.#parseList =
        entity.parseList?.bind(entity) ??
        ((raw, path = '') => raw.map((item, i) => entity.parse(item, `${path}[${i}]`)))
    }
  }

  /**
   * The id of an entity or an id string, checked (UUID; users: e-mail). Throws `ValidationError` naming
   * the bad id; nothing is sent.
   */
  getEntityId(entity: T | string): string {
    const id = isObject(entity) ? entity[this.idField] : entity
    return this.validateId(id)
  }

  /** Every entity (all pages), or the first `limit`. */
  getAll(limit?: number, options?: CallOptions): Promise<T[]> {
    return this.getList({ limit } as ListFilters<F>, options)
  }

  /** One entity; `ItemNotFoundError` (with `itemType`/`itemId`) when it does not exist. */
  async getById(id: string, options?: CallOptions): Promise<T> {
    const checked = this.getEntityId(id)
    const raw = await this.requestJson('GET', this.entityPath(checked), this.about(checked, options))
    return this.parse(raw, this.entityName)
  }

  /** A filtered list; `limit` is honoured exactly, `offset` skips items. */
  async getList(filters?: ListFilters<F>, options?: CallOptions): Promise<T[]> {
    const { limit, offset, ...rest } = (filters ?? {}) as ListFilters<F>
    const raw = await this.paginate(this.endpointBase, {
      searchParams: this.listSearchParams(rest as unknown as F),
      limit,
      offset,
      pageSize: this.pageSize,
      signal: options?.signal,
    })
    return this.parseList(raw)
  }

  // ---- for subclasses --------------------------------------------------------------------------------

  /** Field that holds the id on an entity; users override with `'email'`. */
  protected get idField(): string {
    return 'id'
  }

  /** Items per list request; endpoints that cap lower override it. */
  protected get pageSize(): number {
    return DEFAULT_PAGE_SIZE
  }

  /** Checks an id before it is sent; users override to accept e-mails. */
  protected validateId(id: unknown): string {
    return assertUuid(id, this.entityName)
  }

  /** Query parameters for `getList`'s filters. Default: scalars as is, other values as JSON text. */
  protected listSearchParams(filters: F): SearchParams {
    const out: SearchParams = {}
    for (const [key, value] of Object.entries(filters)) {
      if (value === undefined || value === null) continue
      out[key] = typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean)
    }
    return out
  }

  /** `endpointBase/{id}` with the id escaped. */
  protected entityPath(id: string): string {
    return `${this.endpointBase}/${pathSegment(id)}`
  }

  protected itemRef(id: string): { type: string; id: string } {
    return { type: this.entityName, id }
  }

  /** Request options about entity `id`: the caller's signal, keepalive and progress; a 404 names the entity. */
  protected about(
    id: string,
    options?: CallOptions & { onProgress?: RequestOptions['onDownloadProgress'] },
  ): RequestOptions {
    return {
      signal: options?.signal,
      keepalive: options?.keepalive,
      onDownloadProgress: options?.onProgress,
      item: this.itemRef(id),
    }
  }

  /** Validates one raw entity. */
  protected parse(raw: unknown, path?: string): T {
    return this.#parse(raw, path)
  }

  /** Validates a list of raw entities. */
  protected parseList(raw: readonly unknown[]): T[] {
    return this.#parseList(raw, this.endpointBase)
  }

  /**
   * POSTs to `path` and resolves what the server answered (a string id, `{id}`, an entity, or a one-item
   * array) to the entity or its id. A 409 with `existsOk` resolves to the existing entity.
   */
  protected async createEntity(
    path: string,
    request: Pick<RequestOptions, 'json' | 'body' | 'headers' | 'onUploadProgress'>,
    options: CreateOptions = {},
  ): Promise<T | string> {
    const { returnEntity = true, existsOk = false, signal } = options
    let answer: unknown
    try {
      answer = await this.requestJson('POST', path, { ...request, signal })
    } catch (error) {
      if (!(existsOk && error instanceof EntityAlreadyExistsError)) throw error
      return this.resolveExisting(error, returnEntity, signal)
    }
    return this.resolveAnswer(answer, returnEntity, 'POST', path, signal)
  }

  /** PATCHes only the defined fields of `data` and returns the updated entity (read back when needed). */
  protected async patchEntity(entity: T | string, data: Partial<T>, options?: CallOptions): Promise<T> {
    const id = this.getEntityId(entity)
    const body: Obj = {}
    for (const [key, value] of Object.entries(data ?? {})) if (value !== undefined) body[key] = value
    if (Object.keys(body).length === 0) {
      throw new ValidationError(
        `patch ${this.entityName} ${JSON.stringify(id)}: data has no fields to change.`,
      )
    }
    const answer = await this.requestJson('PATCH', this.entityPath(id), {
      ...this.about(id, options),
      json: body,
    })
    return this.entityFromAnswer(answer, id, options?.signal)
  }

  /** DELETE `endpointBase/{id}`. */
  protected async deleteEntity(entity: T | string, options?: CallOptions): Promise<void> {
    const id = this.getEntityId(entity)
    await this.requestJson('DELETE', this.entityPath(id), this.about(id, options))
  }

  /**
   * Deletes each entity with at most 20 requests in flight. Every id is attempted; failures are reported
   * together in one `BulkOperationError`. All ids are checked before the first request.
   */
  protected async bulkDeleteEntities(
    entities: ReadonlyArray<T | string>,
    options?: CallOptions,
  ): Promise<void> {
    const ids = entities.map((e) => this.getEntityId(e))
    const results = await mapSettled(
      ids,
      MAX_IN_FLIGHT,
      (id) => this.deleteEntity(id, options),
      options?.signal,
    )
    const failures: BulkFailure[] = []
    const succeeded: string[] = []
    results.forEach((r, i) => {
      if (r.status === 'rejected') failures.push({ id: ids[i], error: r.reason })
      else succeeded.push(ids[i])
    })
    if (failures.length > 0) {
      throw new BulkOperationError(`bulkDelete of ${ids.length} ${this.endpointBase}`, failures, succeeded)
    }
  }

  // ---- answer handling ------------------------------------------------------------------------------

  private async resolveAnswer(
    answer: unknown,
    returnEntity: boolean,
    method: string,
    path: string,
    signal: AbortSignal | undefined,
  ): Promise<T | string> {
    const where = `${method} /${path}`
    let value = answer
    if (Array.isArray(value)) {
      if (value.length !== 1) {
        throw new ValidationError(
          `${where}: expected one created ${this.entityName}, the server answered ${value.length}.`,
        )
      }
      value = value[0]
    }
    if (typeof value === 'string' && value.trim() !== '') {
      const id = value.trim()
      return returnEntity ? this.getById(id, { signal }) : id
    }
    if (isObject(value)) {
      if (typeof value.error === 'string' && value[this.idField] === undefined) {
        throw new DatamintError(`${where} failed: ${value.error}`, { method, url: path, body: value })
      }
      const id = value[this.idField] ?? value.id
      if (typeof id === 'string' && id !== '') {
        return returnEntity ? this.entityFromAnswer(value, id, signal) : id
      }
    }
    throw new ValidationError(`${where}: the server's answer has no ${this.entityName} id.`, { body: answer })
  }

  /** The entity in an answer; fetched by id when the answer is `{}`, just an id, or not a whole entity. */
  private async entityFromAnswer(answer: unknown, id: string, signal: AbortSignal | undefined): Promise<T> {
    if (isObject(answer) && Object.keys(answer).some((k) => k !== 'id' && k !== this.idField)) {
      try {
        return this.parse(answer, this.entityName)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
      }
    }
    return this.getById(id, { signal })
  }

  /** 409 with existsOk: the existing entity from the body when it is one, else fetched by the id the body names. */
  private async resolveExisting(
    error: EntityAlreadyExistsError,
    returnEntity: boolean,
    signal: AbortSignal | undefined,
  ): Promise<T | string> {
    const candidates = isObject(error.body)
      ? [error.body.entity, error.body.existing, error.body.data, error.body]
      : []
    for (const candidate of candidates) {
      const id = isObject(candidate) ? (candidate[this.idField] ?? candidate.id) : undefined
      if (typeof id !== 'string' || id === '') continue
      return returnEntity ? this.entityFromAnswer(candidate, id, signal) : id
    }
    throw error
  }
}

function singular(endpointBase: string): string {
  const last = endpointBase.split('/').pop() ?? endpointBase
  return last.endsWith('s') ? last.slice(0, -1) : last
}
