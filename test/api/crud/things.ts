import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { CRUDEntityApi } from '../../../src/api/crud/CRUDEntityApi.js'
import { withCreate } from '../../../src/api/crud/CreatableEntityApi.js'
import { EntityBaseApi } from '../../../src/api/crud/EntityBaseApi.js'
import { ValidationError } from '../../../src/api/errors.js'
import { createHttpClient } from '../../../src/api/httpClient.js'
import { assertEmail } from '../../../src/api/ids.js'

export interface Thing {
  id: string
  name: string
  [extra: string]: unknown
}
export interface ThingFilters {
  status?: string
  tags?: string[]
  published?: boolean
  size?: number
}

/** A tiny parser: `id` and `name` must be strings; other fields are kept. */
export function parseThing(raw: unknown, path = 'thing'): Thing {
  const o = raw as Record<string, unknown>
  if (typeof o !== 'object' || o === null)
    throw new ValidationError(`${path}: expected an object`, { field: path })
  if (typeof o.id !== 'string')
    throw new ValidationError(`${path}.id: expected a string`, { field: `${path}.id` })
  if (typeof o.name !== 'string')
    throw new ValidationError(`${path}.name: expected a string`, { field: `${path}.name` })
  return o as Thing
}

/** A valid UUID whose last group is `n`. */
export const uuid = (n: number) => `1b9f74fe-278e-48a9-82f4-${n.toString(16).padStart(12, '0')}`

export function configFor(url: string, maxRetries = 0) {
  const config = new ApiConfig({ serverUrl: url, apiKey: 'entity-test-key-0001', timeout: 2, maxRetries })
  return { config, client: createHttpClient(config, { retryDelay: () => 1 }) }
}

/** Full CRUD on `/things`, with a settable page size. */
export class ThingsApi extends CRUDEntityApi<Thing, ThingFilters, { name: string }> {
  pageSizeForTest: number | undefined
  protected override get pageSize(): number {
    return this.pageSizeForTest ?? super.pageSize
  }
}

export function thingsApi(url: string, options: { pageSize?: number; maxRetries?: number } = {}) {
  const { config, client } = configFor(url, options.maxRetries)
  const api = new ThingsApi(config, parseThing, 'things', client)
  api.pageSizeForTest = options.pageSize
  return api
}

export interface Member {
  email: string
  name: string
}

/** Users-style API: addressed by e-mail, create only. */
export class MembersApi extends withCreate(EntityBaseApi<Member>) {
  protected override get idField(): string {
    return 'email'
  }
  protected override validateId(id: unknown): string {
    return assertEmail(id, this.entityName)
  }
}
