import type { KyInstance } from 'ky'
import type { ApiConfig } from '../ApiConfig.js'
import { BaseApi, type RequestOptions, type SearchParams } from '../BaseApi.js'
import { bulk } from '../BulkOperationError.js'
import { MAX_IN_FLIGHT } from '../concurrency.js'
import { badArgument, EntityAlreadyExistsError, ServerError, ValidationError } from '../errors.js'
import { assertUuid, pathSegment } from '../ids.js'
import { DEFAULT_PAGE_SIZE } from '../pagination.js'
import { isObject } from '../schema.js'
import type {
  CallOptions,
  CreateOptions,
  EntityDefinition,
  EntityTypes,
  ListFilters,
  ListOptions,
  NoFilters,
  Page,
  PageFilters,
} from './types.js'

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
    const parse = typeof entity === 'function' ? entity : entity.parse.bind(entity)
    this.#parse = parse
    this.#parseList =
      (typeof entity === 'object' && entity.parseList?.bind(entity)) ||
      ((raw, path = '') => raw.map((item, i) => parse(item, `${path}[${i}]`)))
  }

  /**
   * The id of an entity or an id string, checked (UUID; users: e-mail). Throws `ValidationError` naming
   * the bad id; nothing is sent.
   */
  getEntityId(entity: T | string): string {
    const id = isObject(entity) ? entity[this.idField] : entity
    return this.validateId(id)
  }

  /**
   * The id an entity carries in its id field (`id`; users: `email`), unchecked; `undefined` when it has
   * none. For cached entities, already validated: cheaper than {@link getEntityId} on a 10,000-row list.
   */
  readId(entity: unknown): string | undefined {
    const id = isObject(entity) ? entity[this.idField] : undefined
    return typeof id === 'string' ? id : undefined
  }

  /** Every entity (all pages), or the first `limit`. */
  getAll(limit?: number, options?: CallOptions): Promise<T[]> {
    return this.getList({ limit } as ListFilters<F>, options)
  }

  /** One entity; `ItemNotFoundError` (with `itemType`/`itemId`) when it does not exist. */
  async getById(id: string, options?: CallOptions): Promise<T> {
    const checked = this.getEntityId(id)
    const raw = await this.requestJson('GET', this.entityPath(checked), this.describeItem(checked, options))
    return this.parse(raw, this.entityName)
  }

  /** A filtered list; `limit` is honoured exactly, `offset` skips items. */
  async getList(filters?: ListFilters<F>, options?: ListOptions): Promise<T[]> {
    const { limit, offset, ...rest } = (filters ?? {}) as ListFilters<F>
    const onTotalCount = options?.onTotalCount
    const raw = await this.paginate(this.endpointBase, {
      searchParams: this.listSearchParams(rest as unknown as F),
      limit,
      offset,
      pageSize: this.pageSize,
      signal: options?.signal,
      onPage: onTotalCount && ((page) => onTotalCount(page.totalCount)),
    })
    return this.parseList(raw)
  }

  /**
   * One page of a filtered list, with the server's `totalCount` when its list shape gives one (for
   * "1–50 of 1,234" and page controls). Uses `getList`, so an endpoint's own filters and search apply.
   *
   * @example
   * const { items, totalCount } = await api.projects.getPage({ offset: 100, limit: 50, includeArchived: true })
   */
  async getPage(filters: PageFilters<F>, options?: CallOptions): Promise<Page<T>> {
    let totalCount: number | undefined
    const items = await this.getList(filters, {
      ...options,
      onTotalCount: (count) => {
        totalCount ??= count
      },
    })
    return totalCount === undefined ? { items } : { items, totalCount }
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

  /**
   * Describes entity `id` to a request: the caller's options (signal, keepalive; only the fields a request
   * knows are sent) with `onProgress` for downloads, and the item, so a 404 names the entity.
   */
  protected describeItem(
    id: string,
    options?: CallOptions & { onProgress?: RequestOptions['onDownloadProgress'] },
  ): RequestOptions {
    return { ...options, onDownloadProgress: options?.onProgress, item: { type: this.entityName, id } }
  }

  /** For writes whose answer is only an id: that id with `returnEntity: false`, else the entity read back. */
  protected async resolveCreated(id: Promise<string>, options: CreateOptions): Promise<T | string> {
    return options.returnEntity === false ? id : this.getById(await id, { signal: options.signal })
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
   * array) to the entity or its id. A 409 with `existsOk` resolves to the existing entity the body names.
   */
  protected async createEntity(
    path: string,
    request: Pick<RequestOptions, 'json' | 'body' | 'headers' | 'onUploadProgress' | 'timeout'>,
    options: CreateOptions = {},
  ): Promise<T | string> {
    const { returnEntity = true, existsOk = false, signal } = options
    let answer: unknown
    try {
      answer = await this.requestJson('POST', path, { ...request, signal })
    } catch (error) {
      const body = existsOk && error instanceof EntityAlreadyExistsError ? error.body : undefined
      // The existing entity may be the body itself or sit under one of these keys.
      for (const candidate of isObject(body) ? [body.entity, body.existing, body.data, body] : []) {
        const found = isObject(candidate) && this.#resolve(candidate, returnEntity, signal)
        if (found) return found
      }
      throw error
    }
    const where = `POST /${path}`
    if (Array.isArray(answer)) {
      if (answer.length !== 1) {
        throw new ValidationError(
          `${where}: expected one created ${this.entityName}, got ${answer.length}.`,
          {
            source: 'response',
          },
        )
      }
      answer = answer[0]
    }
    this.throwIfRefused(answer, 'POST', path)
    const created = this.#resolve(answer, returnEntity, signal)
    if (created) return created
    throw new ValidationError(`${where}: the answer has no ${this.entityName} id.`, {
      body: answer,
      source: 'response',
    })
  }

  /** PATCHes only the defined fields of `data` and returns the updated entity (read back when needed). */
  protected async patchEntity(entity: T | string, data: object, options?: CallOptions): Promise<T> {
    const id = this.getEntityId(entity)
    const body = Object.fromEntries(Object.entries(data ?? {}).filter(([, v]) => v !== undefined))
    if (Object.keys(body).length === 0) {
      throw badArgument(`patch ${this.entityName} ${JSON.stringify(id)}: data has no fields to change.`)
    }
    const path = this.entityPath(id)
    const answer = await this.requestJson('PATCH', path, { ...this.describeItem(id, options), json: body })
    this.throwIfRefused(answer, 'PATCH', path)
    return this.#entity(answer, id, options?.signal)
  }

  /** DELETE `endpointBase/{id}`. */
  protected async deleteEntity(entity: T | string, options?: CallOptions): Promise<void> {
    const id = this.getEntityId(entity)
    await this.requestJson('DELETE', this.entityPath(id), this.describeItem(id, options))
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
    const operation = `bulkDelete of ${ids.length} ${this.endpointBase}`
    return bulk(operation, ids, 1, MAX_IN_FLIGHT, ([id]) => this.deleteEntity(id, options), options?.signal)
  }

  /** Throws a `ServerError` for a 200 answer that carries an `error` and no id (the server refused the write). */
  protected throwIfRefused(answer: unknown, method: string, path: string): void {
    if (isObject(answer) && answer.error != null && answer[this.idField] === undefined) {
      const why = typeof answer.error === 'string' ? answer.error : JSON.stringify(answer.error)
      throw new ServerError(`${method} /${path}: the server refused it: ${why}`, {
        status: 200,
        method,
        url: path,
        body: answer,
      })
    }
  }

  /** The entity or id an answer names (a string id, `{id}` or an entity); undefined when it names none. */
  #resolve(answer: unknown, returnEntity: boolean, signal?: AbortSignal): Promise<T | string> | undefined {
    let id = isObject(answer) ? (answer[this.idField] ?? answer.id) : answer
    if (typeof id === 'string') id = id.trim()
    if (typeof id !== 'string' || id === '') return undefined
    return returnEntity ? this.#entity(answer, id, signal) : Promise.resolve(id)
  }

  /** The entity in an answer; fetched by id when the answer is `{}`, just an id, or not a whole entity. */
  async #entity(answer: unknown, id: string, signal: AbortSignal | undefined): Promise<T> {
    if (isObject(answer) && Object.keys(answer).some((k) => k !== 'id' && k !== this.idField)) {
      try {
        return this.parse(answer, this.entityName)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
      }
    }
    return this.getById(id, { signal })
  }
}

function singular(endpointBase: string): string {
  const last = endpointBase.split('/').pop() ?? endpointBase
  return last.endsWith('s') ? last.slice(0, -1) : last
}
