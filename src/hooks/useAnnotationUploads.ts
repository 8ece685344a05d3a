'use client'
import { matchQuery, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query'
import type {
  AnnotationSourceOptions,
  GeometryAnnotationOptions,
  UploadSegmentationsOptions,
  UploadVolumeSegmentationOptions,
} from '../api/endpoints/AnnotationsApi.js'
import type { Resource } from '../api/models/Resource.js'
import type { LabelVolume } from '../api/upload/niftiLabelVolume.js'
import type { SegmentationMask } from '../api/upload/segmentationMask.js'
import { crossEntityEffects } from './core/crossEntityEffects.js'
import { useDatamintApi } from './DatamintProvider.js'
import { useAnnotations, useProjects } from './entityHooks.js'

/** What {@link useUploadSegmentations} mutates with. */
export interface UploadSegmentationsVariables extends Omit<UploadSegmentationsOptions, 'signal'> {
  resource: string | Resource
  mask: SegmentationMask
}

/** One typed annotation for {@link useCreateAnnotation}, by kind (the AnnotationsApi creator it calls). */
export type NewTypedAnnotation = { resource: string | Resource } & (
  | { kind: 'classification'; identifier: string; value: string; options?: AnnotationSourceOptions }
  | {
      kind: 'numeric'
      identifier: string
      value: number
      options?: AnnotationSourceOptions & { units?: string }
    }
  | {
      kind: 'line' | 'box'
      identifier: string
      point1: readonly number[]
      point2: readonly number[]
      options?: GeometryAnnotationOptions
    }
  | {
      kind: 'volume-segmentation'
      volume: Uint8Array | Blob | LabelVolume
      options?: UploadVolumeSegmentationOptions
    }
)

/** Refreshes what new annotations of `resource` change: its annotation lists and the projects' counts. */
function useRefreshAfter() {
  const client = useQueryClient()
  const annotations = useAnnotations()
  const projects = useProjects()
  const api = useDatamintApi()
  return (resource: string | Resource) => {
    const [, serverUrl] = annotations.keys.all
    const resourceId = api.resources.getEntityId(resource)
    // One call: overlapping invalidations would cancel each other's refetches.
    const filters = [
      crossEntityEffects.annotations(serverUrl, [{ resource_id: resourceId }]),
      { queryKey: projects.keys.all },
    ]
    return client.invalidateQueries({ predicate: (query) => filters.some((f) => matchQuery(f, query)) })
  }
}

/**
 * Uploads a segmentation mask on a resource (`api.annotations.uploadSegmentations`: one annotation per
 * label and frame, each with its PNG) and refreshes that resource's annotation lists (and project counts)
 * once it is done. Resolves to the new ids.
 *
 * @example
 * const upload = useUploadSegmentations()
 * upload.mutate({ resource: id, mask: { width, height, data: labels }, name: { 1: 'liver' }, frameIndex: 12 })
 */
export function useUploadSegmentations(): UseMutationResult<string[], Error, UploadSegmentationsVariables> {
  const api = useDatamintApi()
  const refresh = useRefreshAfter()
  return useMutation<string[], Error, UploadSegmentationsVariables>({
    mutationFn: ({ resource, mask, ...options }) =>
      api.annotations.uploadSegmentations(resource, mask, options),
    onSettled: (_data, _error, { resource }) => refresh(resource),
  })
}

/**
 * Creates a typed annotation — a classification, a number, a line, a box or a volume segmentation — with
 * the matching `api.annotations` creator, then refreshes that resource's annotation lists. Resolves to the
 * new ids.
 *
 * @example
 * const create = useCreateAnnotation()
 * create.mutate({ resource: id, kind: 'box', identifier: 'nodule', point1: [40, 40], point2: [90, 120], options: { frameIndex: 3 } })
 */
export function useCreateAnnotation(): UseMutationResult<string[], Error, NewTypedAnnotation> {
  const api = useDatamintApi()
  const refresh = useRefreshAfter()
  return useMutation<string[], Error, NewTypedAnnotation>({
    mutationFn: async (v) => {
      const a = api.annotations
      switch (v.kind) {
        case 'classification':
          return [await a.createImageClassification(v.resource, v.identifier, v.value, v.options)]
        case 'numeric':
          return [await a.createNumericAnnotation(v.resource, v.identifier, v.value, v.options)]
        case 'line':
          return [await a.addLineAnnotation(v.point1, v.point2, v.resource, v.identifier, v.options)]
        case 'box':
          return [await a.addBoxAnnotation(v.point1, v.point2, v.resource, v.identifier, v.options)]
        case 'volume-segmentation':
          return a.uploadVolumeSegmentation(v.resource, v.volume, v.options)
        default:
          throw new Error(`useCreateAnnotation: unknown kind ${(v as { kind?: unknown }).kind}`)
      }
    },
    onSettled: (_data, _error, { resource }) => refresh(resource),
  })
}
