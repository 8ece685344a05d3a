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

const normalize = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(normalize)
    : // Only plain objects are canonicalised; dates, class instances and primitives stay as they are.
      (value as object | null)?.constructor === Object
      ? Object.fromEntries(
          Object.keys(value as object)
            .sort()
            .flatMap((key) => {
              const v = (value as Record<string, unknown>)[key]
              return v === undefined ? [] : [[key, normalize(v)]]
            }),
        )
      : value
