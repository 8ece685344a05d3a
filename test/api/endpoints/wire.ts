import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DatamintApi } from '../../../src/api/endpoints/DatamintApi.js'

/** One request exactly as it arrived on the loopback socket. */
export interface WireRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  bytes: Buffer
  text(): string
  json(): unknown
  /** The body parsed as multipart/form-data (by undici, from the raw bytes). */
  form(): Promise<FormData>
}

/** What a route answers. `json` wins over `body`; `chunks` splits the body into that many writes. */
export interface Reply {
  status?: number
  json?: unknown
  body?: Uint8Array | string
  headers?: Record<string, string>
  chunks?: number
}

export type Route = (req: WireRequest) => Reply | Promise<Reply>

export const KEY = 'test-key-9f8e7d'

/** A scripted server on 127.0.0.1 (port 0) and a `DatamintApi` pointed at it. */
export interface Wire {
  api: DatamintApi
  requests: WireRequest[]
  route(route: Route): void
  close(): Promise<void>
}

export async function startWire(initial: Route = () => ({ json: {} })): Promise<Wire> {
  let route = initial
  const requests: WireRequest[] = []
  const server = createServer(async (req, res) => {
    const parts: Buffer[] = []
    for await (const part of req) parts.push(part as Buffer)
    const bytes = Buffer.concat(parts)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const seen: WireRequest = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      bytes,
      text: () => bytes.toString('utf8'),
      json: () => JSON.parse(bytes.toString('utf8')),
      form: () =>
        new Response(bytes, { headers: { 'content-type': String(req.headers['content-type']) } }).formData(),
    }
    requests.push(seen)
    let reply: Reply
    try {
      reply = await route(seen)
    } catch (error) {
      reply = { status: 599, body: `route threw: ${String(error)}` }
    }
    const isJson = reply.json !== undefined
    const payload = Buffer.from(isJson ? JSON.stringify(reply.json) : (reply.body ?? ''))
    res.writeHead(reply.status ?? 200, {
      'content-type': isJson ? 'application/json' : 'application/octet-stream',
      'content-length': String(payload.length),
      ...reply.headers,
    })
    const n = Math.max(1, reply.chunks ?? 1)
    const step = Math.ceil(payload.length / n)
    for (let i = 0; i < payload.length; i += step) {
      res.write(payload.subarray(i, i + step))
      // Let each chunk leave on its own so the client sees several reads.
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    api: new DatamintApi({ serverUrl: `http://127.0.0.1:${port}`, apiKey: KEY, maxRetries: 0 }),
    requests,
    route: (r) => {
      route = r
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function fixture(path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)))
}

/** Runs `fn`, expects it to reject, and returns the error. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

// ---- entities as the server sends them -------------------------------------------------------------------

export const uuid = (n: number): string => `1b9f74fe-278e-48a9-82f4-${n.toString(16).padStart(12, '0')}`

export function projectJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Project ${id.slice(-4)}`,
    description: null,
    created_at: '2025-01-01T00:00:00Z',
    created_by: 'owner@example.com',
    dataset_id: uuid(900),
    worklist_id: uuid(901),
    archived: false,
    resource_count: '36',
    ...extra,
  }
}

export function resourceJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    resource_uri: `/resources/${id}/file`,
    storage: 'DicomResource',
    location: `bucket/${id}`,
    upload_channel: 'tmp',
    filename: 'CT_small.dcm',
    modality: 'CT',
    mimetype: 'application/dicom',
    size: '39206',
    status: 'inbox',
    created_at: '2025-01-01T00:00:00Z',
    created_by: 'owner@example.com',
    published: false,
    deleted: false,
    tags: ['a'],
    metadata: {},
    ...extra,
  }
}

export function annotationJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    identifier: 'tumor',
    scope: 'image',
    annotation_type: 'label',
    resource_id: uuid(500),
    created_by: 'owner@example.com',
    ...extra,
  }
}

export function userJson(email: string): Record<string, unknown> {
  return {
    email,
    firstname: 'Ann',
    lastname: null,
    roles: ['annotator'],
    customer_id: uuid(800),
    created_at: '2025-01-01T00:00:00Z',
  }
}

/** Byte-for-byte equality (much faster than a deep `toEqual` on large arrays). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )
}
