/** A query value: `undefined`/`null` are left out, an array repeats its key (`annotators[]=a&annotators[]=b`). */
export type QueryValue = string | number | boolean | readonly string[] | undefined | null

/**
 * `path?query` with repeated keys for arrays, which `RequestOptions.searchParams` cannot express (the SDK
 * sends `annotators[]` and `statuses` that way). A path without any value is returned as is.
 *
 * @example
 * withQuery('projects/1/download-annotations', { format: 'csv', 'annotators[]': ['a@x.io', 'b@x.io'] })
 * // 'projects/1/download-annotations?format=csv&annotators%5B%5D=a%40x.io&annotators%5B%5D=b%40x.io'
 */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value == null) continue
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item))
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}
