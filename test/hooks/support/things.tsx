import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { configure } from '@testing-library/react'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import { ApiConfig } from '../../../src/api/ApiConfig.js'
import { CRUDEntityApi } from '../../../src/api/crud/CRUDEntityApi.js'
import { CreatableEntityApi } from '../../../src/api/crud/CreatableEntityApi.js'
import type { LoopbackServer } from './loopbackServer.js'

export interface Thing {
  id: string
  name: string
  status: string
  version?: number
}
export interface ThingFilters {
  status?: string
}

// The machine is shared and often loaded: give async expectations room (this is not a timing assertion).
configure({ asyncUtilTimeout: 10_000 })
vi.setConfig({ testTimeout: 30_000 })

/** Ids are UUIDs, as the API layer checks them before sending. */
export const thingId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
export const makeThings = (n: number, status = 'inbox'): Thing[] =>
  Array.from({ length: n }, (_, i) => ({ id: thingId(i), name: `thing ${i}`, status }))

const asThing = (raw: unknown) => raw as Thing

/** A full-CRUD API over the loopback server (`/things`). */
export function thingsApi(server: LoopbackServer, maxRetries = 0, endpoint = 'things') {
  return new CRUDEntityApi<Thing, ThingFilters>(
    new ApiConfig({ serverUrl: server.url, maxRetries }),
    asThing,
    endpoint,
  )
}

/** A create-only API, for capability typing and create tests. */
export function createOnlyApi(server: LoopbackServer, endpoint: string) {
  return new CreatableEntityApi<Thing, ThingFilters>(
    new ApiConfig({ serverUrl: server.url }),
    asThing,
    endpoint,
  )
}

export const wrapperFor =
  (client: QueryClient) =>
  ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  )

export const newClient = () => new QueryClient()
