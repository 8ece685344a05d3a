'use client'
import { useQueries } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useDatamintApi } from '../../hooks/DatamintProvider.js'
import { entityHooksFor, useAnnotations } from '../../hooks/entityHooks.js'
import { annotationKind, type ViewerAnnotation } from './viewerAnnotations.js'

/**
 * A resource's annotations through the hooks (`useAnnotations().useList({ resource })`), with the files of its
 * segmentations downloaded (`api.annotations.downloadFile`, cached below each annotation's key) and attached
 * as `fileBytes`. Annotations show as soon as the list is in; masks join as their files arrive.
 */
export function useResourceAnnotations(
  resourceId: string,
  enabled: boolean,
): readonly ViewerAnnotation[] | undefined {
  const api = useDatamintApi()
  const list = useAnnotations().useList({ resource: resourceId }, { enabled })
  const keys = entityHooksFor(api.annotations).keys
  const segmentations = (list.data ?? []).filter((a) => annotationKind(a) === 'mask')
  const files = useQueries({
    queries: segmentations.map((a) => ({
      queryKey: [...keys.detail(a.id), 'file'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.annotations.downloadFile(a, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
      structuralSharing: false,
      retry: false,
    })),
  })
  const fileKey = files.map((f) => f.dataUpdatedAt).join()
  // biome-ignore lint/correctness/useExhaustiveDependencies: fileKey stands for the files' data
  return useMemo(() => {
    if (!list.data) return undefined
    const bytes = new Map(segmentations.map((a, i) => [a.id, files[i]?.data]))
    return list.data.map((a) => {
      const file = bytes.get(a.id)
      return file instanceof Uint8Array ? { ...a, fileBytes: file } : a
    })
  }, [list.data, fileKey])
}
