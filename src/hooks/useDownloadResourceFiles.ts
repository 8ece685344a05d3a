'use client'
import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import type { Resource } from '../api/models/Resource.js'
import type { BulkDownloadProgress } from '../api/upload/downloadInCompletionOrder.js'
import { type ZipResult, zipDownloads } from '../api/upload/zipDownloads.js'
import { useDatamintApi } from './DatamintProvider.js'

/** What {@link useDownloadResourceFiles} mutates with. */
export interface DownloadResourceFilesVariables {
  resources: ReadonlyArray<string | Resource>
  /** Downloads in flight at once. Default 4. */
  concurrency?: number
}

/** {@link useDownloadResourceFiles}' result: the mutation (resolving to the ZIP), progress and `cancel()`. */
export type UseDownloadResourceFilesResult = UseMutationResult<
  ZipResult,
  Error,
  DownloadResourceFilesVariables
> & {
  /** Progress of the running (or last) download; undefined before the first. */
  progress: BulkDownloadProgress | undefined
  /** Aborts the download (the mutation rejects with the abort reason). */
  cancel(): void
}

/**
 * Downloads the files of many resources (`api.resources.downloadResourceFiles`, raw bytes) into one ZIP
 * (`zipDownloads`) with overall progress — "download selection". Failed files are left out and listed in
 * the result's `failures`. Nothing is cached: the bytes are the result.
 *
 * @example
 * const download = useDownloadResourceFiles()
 * download.mutate({ resources: selected }, { onSuccess: ({ blob }) => save(blob, 'selection.zip') })
 * <progress value={download.progress?.fraction ?? 0} />
 */
export function useDownloadResourceFiles(): UseDownloadResourceFilesResult {
  const api = useDatamintApi()
  const [progress, setProgress] = useState<BulkDownloadProgress | undefined>(undefined)
  const controller = useRef<AbortController | undefined>(undefined)
  const mutation = useMutation<ZipResult, Error, DownloadResourceFilesVariables>({
    mutationFn: async ({ resources, concurrency }) => {
      const abort = new AbortController()
      controller.current = abort
      setProgress({ done: 0, failed: 0, total: resources.length, transferredBytes: 0, fraction: 0 })
      try {
        return await zipDownloads(
          api.resources.downloadResourceFiles(resources, {
            autoConvert: false,
            concurrency,
            signal: abort.signal,
            onProgress: setProgress,
          }),
        )
      } finally {
        if (controller.current === abort) controller.current = undefined
      }
    },
  })
  const cancel = useCallback(() => controller.current?.abort(), [])
  return { ...mutation, progress, cancel }
}
