'use client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'
import type { ApiConfig, ApiConfigInit } from '../api/ApiConfig.js'
import { DatamintApi } from '../api/endpoints/DatamintApi.js'
import { DatamintError } from '../api/errors.js'

const DatamintApiContext = createContext<DatamintApi | null>(null)

export type DatamintProviderProps = (
  | {
      /** Connection settings; a new `DatamintApi` is made when they change. */ config:
        | ApiConfig
        | ApiConfigInit
      api?: never
    }
  | { /** A ready `DatamintApi` (e.g. shared with non-React code). */ api: DatamintApi; config?: never }
) & {
  /**
   * The QueryClient to use. Default: the one of an enclosing `QueryClientProvider`, else one the provider
   * makes once (stable across re-renders and StrictMode).
   */
  queryClient?: QueryClient
  children?: ReactNode
}

/**
 * Makes a `DatamintApi` and a QueryClient available to the hooks below it.
 *
 * @example
 * <DatamintProvider config={{ serverUrl: 'https://api.datamint.io', apiKey }}>
 *   <App />
 * </DatamintProvider>
 */
export function DatamintProvider({ config, api, queryClient, children }: DatamintProviderProps) {
  // An inline config literal is a new object each render: key the API on its content (the key apart, as
  // an ApiConfig's JSON masks it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for `config`.
  const value = useMemo(
    () => api ?? new DatamintApi(config as ApiConfigInit),
    [api, JSON.stringify([config, config?.apiKey])],
  )
  const inherited = useContext(QueryClientContext)
  // Made once (stable across re-renders and StrictMode), used when no client is given or inherited.
  // The HTTP client already retries.
  const [own] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return (
    <DatamintApiContext.Provider value={value}>
      <QueryClientProvider client={queryClient ?? inherited ?? own}>{children}</QueryClientProvider>
    </DatamintApiContext.Provider>
  )
}

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
