'use client'
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { FileSkippedError, type UploadResult } from '../api/upload/UploadResourcesError.js'
import type { UploadInput } from '../api/upload/uploadInput.js'
import type { UploadResourcesOptions, UploadResourcesProgress } from '../api/upload/uploadResources.js'
import { crossEntityEffects } from './core/crossEntityEffects.js'
import { useDatamintApi } from './DatamintProvider.js'
import { useResources } from './entityHooks.js'

/** One input of {@link useUploadResources} as the UI shows it. */
export interface UploadFileState {
  name: string
  /** 0..1 */
  fraction: number
  status: 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled'
  /** The resource it went into, once done. */
  id?: string
  error?: unknown
}

/** What {@link useUploadResources} mutates with: the files and `uploadResources` options. */
export interface UploadResourcesVariables extends Omit<UploadResourcesOptions, 'signal' | 'onProgress'> {
  files: readonly UploadInput[]
}

/** {@link useUploadResources}' result: the mutation plus per-file state, totals and `cancel()`. */
export type UseUploadResourcesResult = UseMutationResult<UploadResult[], Error, UploadResourcesVariables> & {
  /** One entry per input of the running (or last) upload, in input order. */
  files: UploadFileState[]
  /** Bytes sent / all bytes, 0..1; 1 once every input is settled (failed files included). */
  fraction: number
  /** Aborts the uploads in flight; finished ones stay, the rest are marked `cancelled`. */
  cancel(): void
}

function describeName(input: UploadInput): string {
  return (input as { name?: string }).name ?? 'file'
}

/**
 * Uploads many files with `api.resources.uploadResources` (series assembly, anonymisation, ... as its
 * options say; `onError` defaults to `'skip'` here so one bad file does not stop the others) and keeps a
 * per-file state for the UI. `cancel()` aborts what is in flight and keeps what finished. Resource lists,
 * and projects (their resource lists and counts), are refetched once when the upload ends — not per file.
 *
 * @example
 * const upload = useUploadResources()
 * <input type="file" multiple onChange={(e) => upload.mutate({ files: [...e.target.files!] })} />
 * {upload.files.map((f) => <progress key={f.name} value={f.fraction} />)}
 * <button onClick={upload.cancel}>Cancel</button>
 */
export function useUploadResources(): UseUploadResourcesResult {
  const api = useDatamintApi()
  const client = useQueryClient()
  const resources = useResources()
  const [files, setFiles] = useState<UploadFileState[]>([])
  const [fraction, setFraction] = useState(0)
  const controller = useRef<AbortController | undefined>(undefined)

  const mutation = useMutation<UploadResult[], Error, UploadResourcesVariables>({
    mutationFn: async ({ files: inputs, ...options }) => {
      const abort = new AbortController()
      controller.current = abort
      const state: UploadFileState[] = inputs.map((f) => ({
        name: describeName(f),
        fraction: 0,
        status: 'waiting',
      }))
      setFiles(state)
      setFraction(0)
      // After cancel(), what fails with the abort (or was never started) is cancelled, not failed.
      const cancelled = (error: unknown) =>
        abort.signal.aborted &&
        (error === abort.signal.reason ||
          (error as Error | undefined)?.name === 'AbortError' ||
          error instanceof FileSkippedError)
      const update = (p: UploadResourcesProgress) => {
        state[p.index] = {
          name: p.file,
          fraction: p.status === 'done' ? 1 : p.fraction,
          status: p.status === 'failed' && cancelled(p.error) ? 'cancelled' : p.status,
          id: p.id,
          error: p.error,
        }
        setFiles([...state])
        setFraction(p.totalBytes > 0 ? p.transferredBytes / p.totalBytes : 1)
      }
      try {
        const results = await api.resources.uploadResources(inputs, {
          onError: 'skip',
          ...options,
          signal: abort.signal,
          onProgress: update,
        })
        // Every input is settled: the whole is done, failed files included (their bytes are never sent).
        setFraction(1)
        // Final state from the results: inputs never reported (skipped reports, cancelled) included.
        setFiles(
          results.map((r, i) =>
            typeof r === 'string'
              ? { ...state[i], fraction: 1, status: 'done', id: r }
              : { ...state[i], status: cancelled(r) ? 'cancelled' : 'failed', error: r },
          ),
        )
        return results
      } catch (error) {
        if (abort.signal.aborted) {
          setFiles(
            state.map((f) =>
              f.status === 'done' || f.status === 'failed' ? f : { ...f, status: 'cancelled' },
            ),
          )
        }
        throw error
      } finally {
        if (controller.current === abort) controller.current = undefined
        const [, serverUrl] = resources.keys.all
        // Once, at the end: resource lists, and projects (resource lists, counts).
        void client.invalidateQueries({ queryKey: resources.keys.lists() })
        void client.invalidateQueries(crossEntityEffects.resources(serverUrl, []))
      }
    },
  })
  const cancel = useCallback(() => controller.current?.abort(), [])
  return { ...mutation, files, fraction, cancel }
}
