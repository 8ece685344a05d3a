import type { ApiConfigInit } from '../../src/api/ApiConfig.js'
import type { DatamintServerOptions } from '../../src/testing/index.js'

/**
 * `parameters.datamint` of a story or meta.
 *
 * @example
 * parameters: { datamint: { devtools: true, server: { latency: [100, 300] } } }
 */
export interface DatamintParameters {
  /** Options of this story's in-memory server (latency, bandwidth, faults, ...); the seed files are added. */
  server?: Omit<DatamintServerOptions, 'seedFiles'>
  /** ApiConfig settings other than the server and key, e.g. `{ maxRetries: 0 }` to show a failure at once. */
  config?: Omit<ApiConfigInit, 'serverUrl' | 'apiKey'>
  /** Show React Query Devtools (the hook stories turn this on). */
  devtools?: boolean
}
