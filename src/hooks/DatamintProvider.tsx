'use client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react'
import { ApiConfig, type ApiConfigInit } from '../api/ApiConfig.js'
import { DatamintApi } from '../api/endpoints/DatamintApi.js'

/** The client the provider makes when it is given none and finds none above it. */
export function createDatamintQueryClient(): QueryClient {
  // The HTTP client already retries; a short freshness window lets lists seed details without refetches.
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } })
}

export const DatamintApiContext = createContext<DatamintApi | null>(null)

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
  // A config literal written inline is a new object each render: key the API on its fields instead.
  const apiConfig = config instanceof ApiConfig ? config : undefined
  const init = apiConfig ? undefined : config
  const fields = [init?.serverUrl, init?.apiKey, init?.timeout, init?.maxRetries] as const
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fields` is new each render; its values are the deps.
  const client = useMemo(() => {
    const [serverUrl, apiKey, timeout, maxRetries] = fields
    return api ?? new DatamintApi(apiConfig ?? ({ serverUrl, apiKey, timeout, maxRetries } as ApiConfigInit))
  }, [api, apiConfig, ...fields])
  const inherited = useContext(QueryClientContext)
  const [own, setOwn] = useState<QueryClient | undefined>(() =>
    queryClient || inherited ? undefined : createDatamintQueryClient(),
  )
  const effective = queryClient ?? inherited ?? own
  if (!effective) {
    // The client we were given went away: make our own now (once) and render with it next time.
    setOwn(createDatamintQueryClient())
    return null
  }
  return (
    <DatamintApiContext.Provider value={client}>
      <QueryClientProvider client={effective}>{children}</QueryClientProvider>
    </DatamintApiContext.Provider>
  )
}
