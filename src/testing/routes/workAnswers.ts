import type { DatamintDb } from '../DatamintDb.js'
import type { AnnotationRecord } from '../entities.js'
import { HttpError } from '../httpErrors.js'
import type { MemberRecord, StatusRecord } from '../managementRecords.js'
import { dateValue } from '../requestInput.js'
import type { RouteContext } from '../router.js'

/** A member as `GET /projects/{id}/members` sends it: the record plus the user's names and e-mail. */
export function memberToWire(db: DatamintDb, member: MemberRecord) {
  const user = [...db.users.values()].find((u) => u.id === member.user_id)
  return {
    ...structuredClone(member),
    email: user?.email ?? null,
    firstname: user?.firstname ?? null,
    lastname: user?.lastname ?? null,
  }
}

export function worklistToWire<W extends object>(worklist: W): W {
  return structuredClone(worklist)
}

/** Status rows filtered by `status`, `user_id` and `resource_id` query values, as the server does. */
export function filterStatuses(rows: StatusRecord[], q: URLSearchParams): StatusRecord[] {
  const status = q.get('status')
  const user = q.get('user_id')?.toLowerCase()
  const resource = q.get('resource_id')?.toLowerCase()
  return rows
    .filter(
      (s) =>
        (!status || s.status === status) &&
        (!user || s.user_id === user) &&
        (!resource || s.resource_id === resource),
    )
    .map((s) => structuredClone(s))
}

/** Per-annotator counts over some resources and status rows. */
export function annotatorStats(
  db: DatamintDb,
  emails: string[],
  resourceIds: string[],
  rows: StatusRecord[],
) {
  const inScope = new Set(resourceIds)
  return emails.map((email) => {
    const user = db.users.get(email.toLowerCase())
    const mine = rows.filter((s) => s.annotator_email === email.toLowerCase() && inScope.has(s.resource_id))
    const count = (status: string) => mine.filter((s) => s.status === status).length
    return {
      email,
      firstname: user?.firstname ?? null,
      lastname: user?.lastname ?? null,
      total_resources: resourceIds.length,
      opened: count('opened'),
      annotated: count('annotated'),
      closed: count('closed'),
      annotations_count: db
        .liveAnnotations()
        .filter((a) => inScope.has(a.resource_id) && a.created_by.toLowerCase() === email.toLowerCase())
        .length,
    }
  })
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The annotation export as CSV, filtered by the query (`format`, `from`, `to`, `annotators[]`, `annotations[]`).
 * Only `csv` is produced here; other formats are refused with 501 (the real server writes Excel files).
 */
export function annotationsCsv(context: RouteContext, inScope: (a: AnnotationRecord) => boolean): Uint8Array {
  const q = context.url.searchParams
  const format = q.get('format') ?? 'csv'
  if (format !== 'csv') {
    throw new HttpError(501, `The in-memory server exports csv only, not "${format}"`)
  }
  const from = dateValue(q.get('from'), 'from')
  const to = dateValue(q.get('to'), 'to')
  const annotators = q.getAll('annotators[]').map((e) => e.toLowerCase())
  const identifiers = q.getAll('annotations[]')
  const rows = context.db.liveAnnotations().filter((a) => {
    const time = Date.parse(a.created_at)
    return (
      inScope(a) &&
      (from === undefined || time >= from) &&
      (to === undefined || time < to + 86_400_000) &&
      (annotators.length === 0 || annotators.includes(a.created_by.toLowerCase())) &&
      (identifiers.length === 0 || identifiers.includes(a.identifier))
    )
  })
  const header = [
    'resource_id',
    'filename',
    'annotator',
    'identifier',
    'annotation_type',
    'value',
    'created_at',
  ]
  const lines = rows.map((a) =>
    [
      a.resource_id,
      a.resource_filename,
      a.created_by,
      a.identifier,
      a.annotation_type,
      a.text_value ?? a.numeric_value ?? '',
      a.created_at,
    ]
      .map(csvField)
      .join(','),
  )
  return new TextEncoder().encode(`${[header.join(','), ...lines].join('\n')}\n`)
}
