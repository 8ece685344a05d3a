import { badResponse } from './errors.js'
import { isObject, toNumber } from './schema.js'

/** A list response reduced to its items, plus the server's total when it sent one. */
export interface ListPage {
  items: unknown[]
  /** `totalCount` as a number (the server sometimes sends `"36"`); undefined when absent or nested. */
  totalCount: number | undefined
}

/**
 * Brings the three list shapes the Datamint server uses to one: a bare array; `{data: [...], totalCount}` or
 * `{items: [...]}`; and the nested `{data: [{<key>: [...]}], totalCount}` (e.g. `key = 'resources'`).
 * An empty body counts as an empty list. Anything else is a `ValidationError` (`source: 'response'`).
 *
 * @example
 * normalizeListPage({ data: [{ resources: [r1, r2] }], totalCount: 1 }, 'resources').items // [r1, r2]
 */
export function normalizeListPage(raw: unknown, key: string, where = 'list response'): ListPage {
  const body = raw === undefined || raw === null || raw === '' ? [] : raw
  const list = isObject(body) ? (Array.isArray(body.data) ? body.data : body.items) : body
  if (!Array.isArray(list)) {
    const got = isObject(body)
      ? `an object with keys ${Object.keys(body).slice(0, 8).join(', ')}`
      : typeof body
    throw badResponse(`${where}: expected a list, got ${got}. Is the server URL right?`)
  }
  if (!isObject(body)) return { items: list, totalCount: undefined }
  // The nested shape: its totalCount counts the one wrapper, not the items.
  const first = list === body.data && list.length === 1 && 'totalCount' in body ? list[0] : undefined
  if (isObject(first) && Array.isArray(first[key])) return { items: first[key], totalCount: undefined }
  const count = toNumber(body.totalCount)
  return { items: list, totalCount: Number.isInteger(count) && (count as number) >= 0 ? count : undefined }
}

/** The items of a list response in any of the server's shapes; see {@link normalizeListPage}. */
export function normalizeList(raw: unknown, key: string, where?: string): unknown[] {
  return normalizeListPage(raw, key, where).items
}
