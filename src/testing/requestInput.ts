import { HttpError } from './httpErrors.js'
import { isUuid } from './SeededRandom.js'

/** Largest page the server answers; larger `limit`s are cut to it. */
export const MAX_PAGE_SIZE = 5000

/** A UUID path parameter in lower case, or 422 as the server's UUID validation answers. */
export function uuidParam(value: string | undefined, name = 'id'): string {
  if (!value || !isUuid(value)) {
    throw new HttpError(422, `Validation failed (uuid is expected): ${name} "${value ?? ''}"`)
  }
  return value.toLowerCase()
}

function nonNegativeInt(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  const n = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new HttpError(422, `${name} must be a non-negative integer`)
  return n
}

/** `offset`/`limit` from a query string or a JSON body (the SDK sends them as strings in bodies). */
export function paging(source: URLSearchParams | Record<string, unknown>): { offset: number; limit: number } {
  const get = (key: string) => (source instanceof URLSearchParams ? source.get(key) : source[key])
  const offset = nonNegativeInt(get('offset'), 'offset') ?? 0
  const limit = Math.min(nonNegativeInt(get('limit'), 'limit') ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)
  return { offset, limit }
}

export function page<T>(items: T[], { offset, limit }: { offset: number; limit: number }): T[] {
  return items.slice(offset, offset + limit)
}

/** The JSON body of a request, or 422 when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(422, 'Request body is not valid JSON')
  }
}

/** The JSON body as an object, or 422. */
export async function jsonObject(request: Request): Promise<Record<string, unknown>> {
  const body = await jsonBody(request)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'Request body must be a JSON object')
  }
  return body as Record<string, unknown>
}

/** A required non-empty string field, or 422 naming it. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HttpError(422, `${field} must be a non-empty string`)
  }
  return value
}

/** An optional string field (null allowed), or 422 when it has another type. */
export function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field]
  if (value === undefined || value === null || typeof value === 'string') return value
  throw new HttpError(422, `${field} must be a string`)
}

/** A list of UUIDs (lower-cased), or 422. */
export function uuidList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new HttpError(422, `${field} must be an array of ids`)
  return value.map((id) => {
    if (typeof id !== 'string' || !isUuid(id))
      throw new HttpError(422, `${field}: "${String(id)}" is not a UUID`)
    return id.toLowerCase()
  })
}

/** A date/time query or body value, or 422. */
export function dateValue(raw: unknown, field: string): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN
  if (Number.isNaN(time)) throw new HttpError(422, `${field} must be an ISO date, got "${String(raw)}"`)
  return time
}
