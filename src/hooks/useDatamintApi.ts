'use client'
import { useContext } from 'react'
import type { DatamintApi } from '../api/endpoints/DatamintApi.js'
import { DatamintError } from '../api/errors.js'
import { DatamintApiContext } from './DatamintProvider.js'

/**
 * The `DatamintApi` of the nearest `DatamintProvider`.
 *
 * @example
 * const api = useDatamintApi()
 * const onDrop = (file: File) => api.resources.uploadResource(file)
 */
export function useDatamintApi(): DatamintApi {
  const api = useContext(DatamintApiContext)
  if (!api) throw new DatamintError('useDatamintApi needs a <DatamintProvider> above it.')
  return api
}
