import type { TransferProgress } from '../api/BaseApi.js'

/**
 * Download progress per query, kept outside the query data so the bytes are written once while the
 * progress changes many times. One store per QueryClient; framework-free (React reads it with
 * `useSyncExternalStore`).
 */
export interface ProgressStore {
  get(key: string): TransferProgress | undefined
  set(key: string, progress: TransferProgress): void
  subscribe(listener: () => void): () => void
}

const stores = new WeakMap<object, ProgressStore>()

export function progressStoreFor(client: object): ProgressStore {
  let store = stores.get(client)
  if (!store) {
    store = createProgressStore()
    stores.set(client, store)
  }
  return store
}

function createProgressStore(): ProgressStore {
  const values = new Map<string, TransferProgress>()
  const listeners = new Set<() => void>()
  return {
    get: (key) => values.get(key),
    set(key, progress) {
      values.set(key, progress)
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
