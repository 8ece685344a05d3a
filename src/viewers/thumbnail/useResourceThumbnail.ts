'use client'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { DatamintError } from '../../api/errors.js'
import { useDatamintApi } from '../../hooks/DatamintProvider.js'
import { entityHooksFor } from '../../hooks/entityHooks.js'
import { renderThumbnail, type ThumbnailImage } from './renderThumbnail.js'

export interface UseResourceThumbnailOptions {
  /** The thumbnail fits a square of this many pixels (default 64). */
  size?: number
  /** Default true. */
  enabled?: boolean
}

/**
 * A resource's thumbnail ({@link renderThumbnail}: middle frame or slice, scaled to `size`): downloaded and
 * rendered once per resource and size, then cached (`null` for files with no picture, e.g. videos).
 * Compressed frames and large `.nii.gz` files are decoded in the worker pool, so a table of thumbnails
 * keeps the page responsive.
 *
 * @example
 * const { data } = useResourceThumbnail(resource.id, { size: 48 })
 * // data: { width, height, rgba } | null
 */
export function useResourceThumbnail(
  resourceId: string | undefined,
  { size = 64, enabled = true }: UseResourceThumbnailOptions = {},
): UseQueryResult<ThumbnailImage | null, DatamintError> {
  const { resources } = useDatamintApi()
  return useQuery({
    // Below the resource's detail key, so deleting the resource drops its thumbnail too.
    queryKey: [...entityHooksFor(resources).keys.detail(resourceId ?? ''), 'thumbnail', size],
    queryFn: async ({ signal }) => {
      const data = await resources.downloadResourceFile(resourceId as string, { signal })
      return (await renderThumbnail(data, size, { signal })) ?? null
    },
    enabled: resourceId !== undefined && enabled,
    // A file does not change: one thumbnail per resource while it is cached; typed arrays are not compared.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    structuralSharing: false,
    retry: false,
  })
}
