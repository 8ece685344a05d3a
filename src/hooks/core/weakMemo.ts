/**
 * `make(key)` once per key object, kept while the key lives (one tracker per QueryClient, one set of
 * hooks per API object).
 *
 * @example
 * const storeFor = weakMemo((client: QueryClient) => new Map<string, number>())
 */
export function weakMemo<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>()
  return (key) => {
    if (!values.has(key)) values.set(key, make(key))
    return values.get(key) as V
  }
}
