'use client'
import { type QueryStatus, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import type { TransferProgress } from '../api/BaseApi.js'
import type { ConvertedData } from '../api/format/ConvertedData.js'
import { createQueryKeys } from './createQueryKeys.js'
import { progressStoreFor } from './transferProgress.js'
import { useDatamintApi } from './useDatamintApi.js'

export interface UseResourceFileOptions {
  /** Convert the bytes with `convertFormat` (default true); false gives the raw `Uint8Array`. */
  autoConvert?: boolean
  /** Default true; the download also waits while `resourceId` is undefined. */
  enabled?: boolean
  /** How long an unused file stays cached, in ms (default 60 000: files can be hundreds of MB). */
  gcTime?: number
}

export interface UseResourceFileResult<D> {
  data: D | undefined
  /** Bytes so far; `fraction` is undefined while the total is unknown. */
  progress: TransferProgress
  status: QueryStatus
  fetchStatus: 'fetching' | 'paused' | 'idle'
  error: Error | null
  isPending: boolean
  isSuccess: boolean
  isError: boolean
  isFetching: boolean
  refetch: () => Promise<unknown>
}

const NOT_STARTED: TransferProgress = { fraction: 0, transferredBytes: 0, totalBytes: undefined }

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
  const api = useDatamintApi()
  const store = progressStoreFor(useQueryClient())
  // Below the resource's detail key, so deleting the resource drops its file too.
  const queryKey = [...createQueryKeys(api.resources).detail(resourceId ?? ''), 'file', { autoConvert }]
  const progressKey = JSON.stringify(queryKey)
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => {
      store.set(progressKey, NOT_STARTED)
      return api.resources.downloadResourceFile(resourceId as string, {
        autoConvert,
        signal,
        onProgress: (p) => store.set(progressKey, p),
      })
    },
    enabled: resourceId !== undefined && enabled,
    // Typed arrays and parsed volumes are never deep-compared.
    structuralSharing: false,
    gcTime,
    // A resource's file does not change; one download per id while cached.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
  const progress = useSyncExternalStore(
    store.subscribe,
    useCallback(() => store.get(progressKey) ?? NOT_STARTED, [store, progressKey]),
    () => NOT_STARTED,
  )
  return {
    data: query.data,
    progress,
    status: query.status,
    fetchStatus: query.fetchStatus,
    error: query.error,
    isPending: query.isPending,
    isSuccess: query.isSuccess,
    isError: query.isError,
    isFetching: query.isFetching,
    refetch: query.refetch,
  }
}
