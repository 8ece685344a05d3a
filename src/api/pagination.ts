import { ValidationError } from './errors.js'
import type { ListPage } from './normalizeList.js'

/** Default page size of list endpoints (the server's and the Python SDK's). */
export const DEFAULT_PAGE_SIZE = 5000

/** Which part of a list to fetch. */
export interface PageWindow {
  /** Return at most this many items (exactly this many when the server has enough). */
  limit?: number
  /** Skip this many items first. Default 0. */
  offset?: number
  /** Items per request. Default `DEFAULT_PAGE_SIZE` (5000). */
  pageSize?: number
  /** Called with each page as it arrives (e.g. to read the server's `totalCount`). */
  onPage?: (page: ListPage) => void
}

/**
 * Fetches pages with `fetchPage(offset, limit)` until the caller's `limit` is reached or a page is empty,
 * shorter than requested, or reaches the server's `totalCount`. Each request asks for
 * `min(pageSize, remaining)`, and never more than `limit` items are returned.
 *
 * @example
 * const items = await collectPages((offset, limit) => getPage(offset, limit), { limit: 12000 })
 * // requests (0, 5000), (5000, 5000), (10000, 2000)
 */
export async function collectPages(
  fetchPage: (offset: number, limit: number) => Promise<ListPage>,
  window: PageWindow = {},
): Promise<unknown[]> {
  const limit = window.limit ?? Number.POSITIVE_INFINITY
  const pageSize = window.pageSize ?? DEFAULT_PAGE_SIZE
  let offset = window.offset ?? 0
  checkCount('limit', limit, true)
  checkCount('offset', offset, false)
  checkCount('pageSize', pageSize, false, 1)

  const out: unknown[] = []
  while (out.length < limit) {
    const want = Math.min(pageSize, limit - out.length)
    const page = await fetchPage(offset, want)
    window.onPage?.(page)
    const items = page.items.length > want ? page.items.slice(0, want) : page.items
    for (const item of items) out.push(item)
    offset += items.length
    if (items.length < want) break
    if (page.totalCount !== undefined && offset >= page.totalCount) break
  }
  return out
}

function checkCount(name: string, value: number, infiniteOk: boolean, min = 0): void {
  if (infiniteOk && value === Number.POSITIVE_INFINITY) return
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(`${name} must be a whole number ≥ ${min}, got ${value}.`, { field: name })
  }
}
