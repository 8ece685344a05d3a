/**
 * A canonical copy of a filter object for use in a query key: keys sorted at every depth and
 * `undefined` values dropped, so `{ b: 1, a: undefined }` and `{ b: 1 }` name the same cache entry.
 * Arrays keep their order (the server may treat it as meaningful); dates and other values are kept as is.
 *
 * @example
 * normalizeFilters({ status: 'inbox', modality: undefined, tags: ['a'] }) // { status: 'inbox', tags: ['a'] }
 */
export function normalizeFilters<F>(filters: F | undefined): F {
  return normalize(filters ?? {}) as F
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize)
  // Only plain objects are canonicalised; dates, class instances and primitives stay as they are.
  const proto = typeof value === 'object' && value ? Object.getPrototypeOf(value) : 0
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value as object).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = normalize(v)
  }
  return out
}
