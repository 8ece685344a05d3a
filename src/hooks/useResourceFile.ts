'use client'
import {
  type QueryClient,
  type QueryKey,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import type { TransferProgress } from '../api/BaseApi.js'
import type { DatamintError } from '../api/errors.js'
import type { ConvertedData } from '../api/format/ConvertedData.js'
import { useDatamintApi } from './DatamintProvider.js'
import { entityHooksFor } from './entityHooks.js'

export interface UseResourceFileOptions {
  /** Convert the bytes with `convertFormat` (default true); false gives the raw `Uint8Array`. */
  autoConvert?: boolean
  /** Default true; the download also waits while `resourceId` is undefined. */
  enabled?: boolean
  /** How long an unused file stays cached, in ms (default 60 000: files can be hundreds of MB). */
  gcTime?: number
}

/** React Query's result for the file (tracked properties intact), with the download's progress beside it. */
export type UseResourceFileResult<D> = UseQueryResult<D, DatamintError> & {
  /** Bytes so far; `fraction` is undefined while the total is unknown. */
  readonly progress: TransferProgress
}

const NOT_STARTED: TransferProgress = { fraction: 0, transferredBytes: 0, totalBytes: undefined }

/**
 * The download progress written under `key` (a plain cache entry, no query function: only the file's
 * download writes it), read without an observer so React Query never tries to fetch it.
 */
function useProgress(client: QueryClient, key: QueryKey): TransferProgress {
  const hash = JSON.stringify(key)
  const subscribe = useCallback(
    (changed: () => void) =>
      client.getQueryCache().subscribe(({ query }) => {
        if (query.queryHash === hash) changed()
      }),
    [client, hash],
  )
  const read = () => client.getQueryData<TransferProgress>(key) ?? NOT_STARTED
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * React Query's result with `progress` beside it. The result is React Query's tracking proxy (a component
 * re-renders only for the fields it reads), so it is wrapped, never copied or changed.
 */
function withProgress<D>(
  query: UseQueryResult<D, DatamintError>,
  progress: TransferProgress,
): UseResourceFileResult<D> {
  const own = { value: progress, enumerable: true, configurable: true, writable: false }
  return new Proxy(query, {
    get: (target, key) => (key === 'progress' ? progress : Reflect.get(target, key)),
    has: (target, key) => key === 'progress' || Reflect.has(target, key),
    ownKeys: (target) => [...Reflect.ownKeys(target), 'progress'],
    getOwnPropertyDescriptor: (target, key) =>
      key === 'progress' ? own : Reflect.getOwnPropertyDescriptor(target, key),
  }) as UseResourceFileResult<D>
}

/**
 * Downloads a resource's file with progress, converted by default (`ConvertedData`, e.g. `{ kind: 'dicom' }`).
 * Cached per resource id; the download is aborted when the last component using it unmounts.
 *
 * @example
 * const { data, progress, status } = useResourceFile(resourceId)
 * if (status === 'pending') return <progress value={progress.fraction} />
 */
export function useResourceFile(
  resourceId: string | undefined,
  options: UseResourceFileOptions & { autoConvert: false },
): UseResourceFileResult<Uint8Array>
export function useResourceFile(
  resourceId: string | undefined,
  options?: UseResourceFileOptions & { autoConvert?: true },
): UseResourceFileResult<ConvertedData>
export function useResourceFile(
  resourceId: string | undefined,
  options?: UseResourceFileOptions,
): UseResourceFileResult<ConvertedData | Uint8Array>
export function useResourceFile(
  resourceId: string | undefined,
  { autoConvert = true, enabled = true, gcTime = 60_000 }: UseResourceFileOptions = {},
): UseResourceFileResult<ConvertedData | Uint8Array> {
  const { resources } = useDatamintApi()
  const client = useQueryClient()
  // Below the resource's detail key, so deleting the resource drops its file too.
  const queryKey = [...entityHooksFor(resources).keys.detail(resourceId ?? ''), 'file', { autoConvert }]
  // Progress is kept next to the file, in its own entry: the bytes are written once, the progress many times.
  const progressKey = [...queryKey, 'progress']
  const query = useQuery<ConvertedData | Uint8Array, DatamintError>(
    {
      queryKey,
      queryFn: ({ signal }) => {
        const onProgress = (progress: TransferProgress) => client.setQueryData(progressKey, progress)
        onProgress(NOT_STARTED)
        return resources.downloadResourceFile(resourceId as string, { autoConvert, signal, onProgress })
      },
      enabled: resourceId !== undefined && enabled,
      // Typed arrays and parsed volumes are never deep-compared.
      structuralSharing: false,
      gcTime,
      // A resource's file does not change; one download per id while cached.
      staleTime: Infinity,
      retry: false,
    },
    client,
  )
  return withProgress(query, useProgress(client, progressKey))
}
