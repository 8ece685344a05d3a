import type { TransferProgress } from '../api/BaseApi.js'
import { weakMemo } from './weakMemo.js'

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

/** The store of one QueryClient (created on first use). */
export const progressStoreFor: (client: object) => ProgressStore = weakMemo(() => createProgressStore())

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
