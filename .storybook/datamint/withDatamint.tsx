import type { Decorator } from '@storybook/react-vite'
import { QueryClient } from '@tanstack/react-query'
import { ReactQueryDevtools } from '@tanstack/react-query-devtools'
import { type ReactNode, useMemo, useState } from 'react'
import { DatamintProvider } from '../../src/hooks/index.js'
import type { DatamintLoaded } from './mockServer.js'
import type { DatamintParameters } from './parameters.js'
import { RealServerForm } from './RealServerForm.js'
import {
  forgetRealServerCredentials,
  type RealServerCredentials,
  readRealServerCredentials,
} from './realServerCredentials.js'

/** Toolbar menu: which Datamint server the stories talk to. Only the mode is a global (and so in the URL). */
export const datamintGlobalTypes = {
  datamintServer: {
    description: 'Datamint server the stories talk to',
    toolbar: {
      title: 'Server',
      icon: 'database',
      items: [
        { value: 'mock', title: 'In-browser server (seeded with the fixtures)' },
        { value: 'real', title: 'Real Datamint server (asks for URL and API key)' },
      ],
      dynamicTitle: true,
    },
  },
}

/**
 * Wraps every story in a `DatamintProvider`: on this story's in-memory server by default, or on the real
 * server typed into the form when the toolbar says so. Each story gets its own QueryClient, so a cache
 * never leaks between stories.
 */
export const withDatamint: Decorator = (Story, context) => {
  const { datamintServer } = context.loaded as Partial<DatamintLoaded>
  const parameters = (context.parameters.datamint ?? {}) as DatamintParameters
  const real = context.globals.datamintServer === 'real'
  return (
    <DatamintStoryRoot
      key={`${context.id}:${real ? 'real' : 'mock'}`}
      mock={
        real
          ? undefined
          : datamintServer && { serverUrl: datamintServer.baseUrl, apiKey: datamintServer.apiKey ?? '' }
      }
      // On docs pages several stories share the page: one Devtools button per story would only clutter it.
      parameters={context.viewMode === 'docs' ? { ...parameters, devtools: false } : parameters}
    >
      <Story />
    </DatamintStoryRoot>
  )
}

function DatamintStoryRoot({
  mock,
  parameters,
  children,
}: {
  mock: RealServerCredentials | undefined
  parameters: DatamintParameters
  children: ReactNode
}) {
  const [queryClient] = useState(() => new QueryClient())
  const [credentials, setCredentials] = useState(() => mock ?? readRealServerCredentials())
  // One config object per connection, so the provider keeps its API client across renders.
  const config = useMemo(
    () => credentials && { ...parameters.config, ...credentials },
    [credentials, parameters.config],
  )
  if (!credentials || !config) return <RealServerForm onConnect={setCredentials} />
  return (
    <DatamintProvider config={config} queryClient={queryClient}>
      {!mock && (
        <p style={connectedStyle}>
          Real server: {credentials.serverUrl}{' '}
          <button
            type="button"
            onClick={() => {
              forgetRealServerCredentials()
              setCredentials(undefined)
            }}
          >
            Forget key
          </button>
        </p>
      )}
      {children}
      {parameters.devtools && <ReactQueryDevtools initialIsOpen={false} buttonPosition="bottom-right" />}
    </DatamintProvider>
  )
}

const connectedStyle = { fontFamily: 'system-ui, sans-serif', fontSize: 12, margin: '0 0 8px' } as const
