import { ValidationError } from './errors.js'
import { isObject } from './schema.js'

/** A list response reduced to its items, plus the server's total when it sent one. */
export interface ListPage {
  items: unknown[]
  /** `totalCount` as a number (the server sometimes sends `"36"`); undefined when absent or nested. */
  totalCount: number | undefined
}

/**
 * Brings the three list shapes the Datamint server uses to one: a bare array; `{data: [...], totalCount}` or
 * `{items: [...]}`; and the nested `{data: [{<key>: [...]}], totalCount}` (e.g. `key = 'resources'`).
 * An empty body counts as an empty list. Anything else is a {@link ValidationError}.
 *
 * @example
 * normalizeListPage({ data: [{ resources: [r1, r2] }], totalCount: 1 }, 'resources').items // [r1, r2]
 */
export function normalizeListPage(raw: unknown, key: string, where = 'list response'): ListPage {
  if (Array.isArray(raw)) return { items: raw, totalCount: undefined }
  if (raw === undefined || raw === null || raw === '') return { items: [], totalCount: undefined }
  if (isObject(raw)) {
    const { data, items } = raw
    if (Array.isArray(data)) {
      const first = data[0]
      if ('totalCount' in raw && data.length === 1 && isObject(first) && Array.isArray(first[key])) {
        return { items: first[key] as unknown[], totalCount: undefined }
      }
      return { items: data, totalCount: toCount(raw.totalCount) }
    }
    if (Array.isArray(items)) return { items, totalCount: toCount(raw.totalCount) }
  }
  const got = isObject(raw) ? `an object with keys ${Object.keys(raw).slice(0, 8).join(', ')}` : typeof raw
  throw new ValidationError(
    `${where}: expected a list (an array, {data: [...]} or {items: [...]}), got ${got}. Is the server URL right?`,
  )
}

/** The items of a list response in any of the server's shapes; see {@link normalizeListPage}. */
export function normalizeList(raw: unknown, key: string, where?: string): unknown[] {
  return normalizeListPage(raw, key, where).items
}

function toCount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}
