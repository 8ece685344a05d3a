import { badArgument } from './errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@]+$/

/** True for a UUID in any letter case, e.g. `1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50`. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/**
 * Returns `id` when it is a UUID; otherwise throws a {@link ValidationError} naming it, before anything is sent.
 *
 * @example
 * assertUuid('not-an-id', 'project') // ValidationError: Invalid project id "not-an-id": ...
 */
export function assertUuid(id: unknown, itemType: string): string {
  if (isUuid(id)) return id
  throw badArgument(
    `Invalid ${itemType} id ${describeId(id)}: expected a UUID such as "1b9f74fe-278e-48a9-82f4-5c3a6fcf2c50".`,
    'id',
  )
}

/** Returns `id` when it is a non-empty e-mail address (users are addressed by e-mail); otherwise throws. */
export function assertEmail(id: unknown, itemType: string): string {
  if (typeof id === 'string' && EMAIL.test(id)) return id
  throw badArgument(`Invalid ${itemType} id ${describeId(id)}: expected a non-empty e-mail address.`, 'email')
}

/** One path segment; `@` stays readable (it is legal in a path, and users' ids are e-mails). */
export function pathSegment(id: string): string {
  return encodeURIComponent(id).replace(/%40/g, '@')
}

function describeId(id: unknown): string {
  if (typeof id === 'string') return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id)
  return id === null ? 'null' : typeof id
}
