/// <reference types="vite/client" />
import type { Loader } from '@storybook/react-vite'
import type { RequestHandler } from 'msw'
import { getWorker, mswLoader } from 'msw-storybook-addon'
import {
  createDatamintServer,
  type DatamintServer,
  type DatamintServerOptions,
  fetchSeedFiles,
  type SeedFile,
} from '../../src/testing/index.js'
import type { DatamintParameters } from './parameters.js'

// Every sample file becomes a resource. Vite turns each into a URL (hashed in a static build, so the
// original name is passed along).
const fixtureUrls = import.meta.glob<string>(
  ['../../test/fixtures/{dicom,generated,image,nifti,video}/*', '!**/*.{md,pgm}'],
  {
    query: '?url',
    import: 'default',
    eager: true,
  },
)

let seedFiles: Promise<SeedFile[]> | undefined

const seedUrls = Object.entries(fixtureUrls).map(([path, url]) => ({
  filename: path.slice(path.lastIndexOf('/') + 1),
  url,
}))

/**
 * The fixtures' bytes, fetched once per page. A busy dev server (e.g. while Vite optimises dependencies) can
 * fail a request: try once more, and forget a failure so the next story fetches again.
 */
function storybookSeedFiles(): Promise<SeedFile[]> {
  seedFiles ??= fetchSeedFiles(seedUrls)
    .catch(() => fetchSeedFiles(seedUrls))
    .catch((error: unknown) => {
      seedFiles = undefined
      throw error
    })
  return seedFiles
}

/** What the loader hands to the decorator and to stories (`context.loaded.datamintServer`). */
export interface DatamintLoaded {
  /** The in-memory server of this story; undefined when the toolbar points at a real server. */
  datamintServer: DatamintServer | undefined
}

function overrideHandlers(msw: unknown): RequestHandler[] {
  if (!msw || typeof msw !== 'object' || !('handlers' in msw)) return []
  const handlers = (msw as { handlers: RequestHandler[] | Record<string, RequestHandler | RequestHandler[]> })
    .handlers
  return Object.values(handlers).flat()
}

/**
 * Gives every story a freshly seeded in-memory Datamint server (so a delete in one story never shows in
 * another), configured by `parameters.datamint.server`. Handlers from `parameters.msw` still take
 * precedence. In "real server" mode no handler is installed and every request goes to the network.
 */
export const datamintLoader: Loader = async (context) => {
  // Waits for the service worker and clears the previous story's handlers.
  await mswLoader({ parameters: {} })
  const worker = getWorker()
  const overrides = overrideHandlers(context.parameters.msw)
  if (context.globals.datamintServer === 'real') {
    // Only a story's own handlers (e.g. a stand-in for a real server in a test); everything else goes out.
    if (overrides.length > 0) worker.use(...overrides)
    return { datamintServer: undefined } satisfies DatamintLoaded
  }
  const parameters = (context.parameters.datamint ?? {}) as DatamintParameters
  const options: DatamintServerOptions = { ...parameters.server, seedFiles: await storybookSeedFiles() }
  const server = createDatamintServer(options)
  worker.resetHandlers(...server.handlers)
  if (overrides.length > 0) worker.use(...overrides)
  return { datamintServer: server } satisfies DatamintLoaded
}
