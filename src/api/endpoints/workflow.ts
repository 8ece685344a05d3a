import type { TransferProgress } from '../BaseApi.js'
import type { CallOptions } from '../crud/types.js'
import { ValidationError } from '../errors.js'
import { isoDate } from '../filterValues.js'
import { assertEmail, assertUuid } from '../ids.js'
import type { AnnotationStatusValue } from '../models/AnnotationStatus.js'
import { normalizeList } from '../normalizeList.js'
import { isObject, type ObjectSchema } from '../schema.js'
import type { QueryValue } from './withQuery.js'

/*
 * What ProjectsApi and AnnotationWorklistsApi share: both have annotation statuses, annotator statistics and an
 * annotation export, with the same query parameters and answers (the server serves them for both).
 */

/** Filters of `getAnnotationStatuses` (projects and worklists). */
export interface AnnotationStatusFilters {
  status?: AnnotationStatusValue
  /** The annotator's UUID (sent as `user_id`). */
  userId?: string
  /** A resource or its id (sent as `resource_id`). */
  resource?: string | { id: string }
}

/** Options of `downloadAnnotations` (projects and worklists). */
export interface DownloadAnnotationsOptions extends CallOptions {
  /** `csv` (default); `xlsx` for projects, `excel` for worklists, as the server names them. */
  format?: 'csv' | 'xlsx' | 'excel' | (string & {})
  /** Only these annotators' annotations (e-mails; sent as repeated `annotators[]`). */
  annotators?: readonly string[]
  /** Only these annotation identifiers (sent as repeated `annotations[]`). */
  annotations?: readonly string[]
  /** Made on or after this day (sent as `from`). */
  fromDate?: string | Date
  /** Made before this day (sent as `to`). */
  toDate?: string | Date
  /** Called as bytes arrive; `fraction` is undefined when the server sends no length. */
  onProgress?: (progress: TransferProgress) => void
}

/** The id of a resource, an entity with `id`, or an id string; a malformed one is refused before sending. */
export function entityId(entity: string | { id: string }, itemType: string): string {
  return assertUuid(isObject(entity) ? entity.id : entity, itemType)
}

/** An annotator's e-mail, checked before sending (it goes into a path). */
export function annotatorEmail(email: string, method: string): string {
  if (typeof email !== 'string' || email.trim() === '') {
    throw new ValidationError(`${method}: annotatorEmail is required. No request was sent.`, {
      field: 'annotatorEmail',
    })
  }
  return assertEmail(email.trim(), 'annotator')
}

/** The query of `getAnnotationStatuses`. */
export function statusQuery(filters: AnnotationStatusFilters): Record<string, QueryValue> {
  return {
    status: filters.status,
    user_id: filters.userId === undefined ? undefined : assertUuid(filters.userId, 'user'),
    resource_id: filters.resource === undefined ? undefined : entityId(filters.resource, 'resource'),
  }
}

/** The query of `downloadAnnotations`. */
export function downloadQuery(options: DownloadAnnotationsOptions): Record<string, QueryValue> {
  return {
    format: options.format ?? 'csv',
    from: isoDate(options.fromDate, 'fromDate'),
    to: isoDate(options.toDate, 'toDate'),
    'annotators[]': options.annotators,
    'annotations[]': options.annotations,
  }
}

/** A list answer validated item by item (`where` names the request in errors). */
export function parseListAnswer<T>(raw: unknown, schema: ObjectSchema<T>, key: string, where: string): T[] {
  return schema.parseList(normalizeList(raw, key, where), key)
}

/** An object answer (statistics): anything else is a `ValidationError` naming the request. */
export function objectAnswer(raw: unknown, where: string): Record<string, unknown> {
  if (isObject(raw)) return raw
  throw new ValidationError(
    `${where}: expected an object, got ${Array.isArray(raw) ? 'an array' : typeof raw}.`,
  )
}

/** Downloaded bytes as a Blob typed by the response. */
export function toBlob({ bytes, mimetype }: { bytes: Uint8Array; mimetype: string | undefined }): Blob {
  return new Blob([bytes as BlobPart], { type: mimetype ?? 'application/octet-stream' })
}
