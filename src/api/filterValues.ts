import { badArgument } from './errors.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/

/**
 * A date filter as the server expects it: a `Date` becomes its UTC day (`YYYY-MM-DD`, like Python's
 * `date.isoformat()`); a string must start with an ISO date and is sent as is.
 * Anything else throws a {@link ValidationError} before a request is sent; `undefined` stays undefined.
 */
export function isoDate(value: string | Date | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw badArgument(`${name}: the Date is invalid.`, name)
    }
    return value.toISOString().slice(0, 10)
  }
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10)))) {
    return value
  }
  throw badArgument(
    `${name}: expected a Date or an ISO date such as "2025-01-31", got ${JSON.stringify(value)}.`,
    name,
  )
}

/** The server's list filter: a JSON text `{"items": [...], "filterType": "union" | "intersection"}`. */
export function itemsFilter(items: readonly string[], filterType: 'union' | 'intersection'): string {
  return JSON.stringify({ items, filterType })
}

/** One value or many, as an array. */
export function asArray<V>(value: V | readonly V[]): V[] {
  return Array.isArray(value) ? [...value] : [value as V]
}
