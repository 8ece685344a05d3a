// Global setup of the browser project: two loopback node:http servers, each its own origin, neither the page's.
// `api` answers like a Datamint server (CORS open, so a browser would carry the key along a redirect); `other`
// records every request it gets, readable (without a key) at `${api}/other-saw`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    servers: { api: string; other: string }
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'apikey, authorization, accept, content-type',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS)
      res.end()
    }
    handler(req, res)
  })
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      }),
    ),
  )
}

export default async function setup(project: TestProject) {
  let seen: Array<{ method?: string; url?: string; apikey?: string | string[] }> = []
  const other = await listen((req, res) => {
    seen.push({ method: req.method, url: req.url, apikey: req.headers.apikey })
    if (req.method === 'OPTIONS') return
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' })
    res.end('{"stolen":true}')
  })
  const api = await listen((req, res) => {
    if (req.method === 'OPTIONS') return
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const port = new URL(api.url).port
    const go = (status: number, location: string) => {
      res.writeHead(status, { ...CORS, location })
      res.end()
    }
    if (path === '/other-saw') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' })
      res.end(JSON.stringify(seen))
      seen = []
    } else if (path === '/to-other-port') go(302, `${other.url}/projects`)
    else if (path === '/file-to-other-port') go(307, `${other.url}/resources/r/file`)
    else if (path === '/to-localhost') go(301, `http://localhost:${port}/landing`)
    else if (path === '/to-same-origin') go(302, '/landing')
    else {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' })
      res.end(JSON.stringify({ at: path, apikey: req.headers.apikey ?? null }))
    }
  })
  project.provide('servers', { api: api.url, other: other.url })
  return async () => {
    await Promise.all([api.close(), other.close()])
  }
}
