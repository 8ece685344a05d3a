'use client'
import { type QueryStatus, useQuery } from '@tanstack/react-query'
import type { TransferProgress } from '../api/BaseApi.js'
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
  const { resources } = useDatamintApi()
  // Below the resource's detail key, so deleting the resource drops its file too.
  const queryKey = [...entityHooksFor(resources).keys.detail(resourceId ?? ''), 'file', { autoConvert }]
  // Progress is kept next to the file, in its own entry: the bytes are written once, the progress many times.
  const progressKey = [...queryKey, 'progress']
  const query = useQuery({
    queryKey,
    queryFn: ({ signal, client }) => {
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
  })
  const { data: progress } = useQuery({ queryKey: progressKey, enabled: false, initialData: NOT_STARTED })
  return { ...query, progress }
}
