import type { ConvertedData } from '../../api/format/ConvertedData.js'
import { maxDecodedBytes } from '../../api/format/decodedSizeLimit.js'
import type { CodecOutput } from '../decode/codecs/Codec.js'
import type { CodestreamRequest } from './decodeCodestreamNow.js'
import { isLargeCompressed } from './isLargeCompressed.js'
import type { WorkerTask } from './tasks.js'
import { type PackedConverted, unpackConverted } from './transferConverted.js'
import { WorkerPool } from './WorkerPool.js'

let pool: WorkerPool | undefined
let poolSize: number | undefined

/**
 * How many workers decode and convert off the main thread (default: min(2, cores − 1), at least 1).
 * `0` runs everything on the calling thread, as in Node, SSR and jsdom, where there are no workers.
 * Changing it stops the current workers (their tasks reject with an AbortError).
 *
 * @example
 * setWorkerPoolSize(0) // e.g. to profile decoding on the main thread
 */
export function setWorkerPoolSize(size: number): void {
  pool?.terminate()
  pool = undefined
  poolSize = Math.max(0, Math.floor(size))
}

/** The shared pool if one has started (internal: tests check that work really went to a worker). */
export function currentWorkerPool(): WorkerPool | undefined {
  return pool
}

function defaultSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2
  return Math.min(2, Math.max(1, cores - 1))
}

/** The shared pool, or undefined where work runs on this thread (no Worker, inside a worker, size 0). */
function sharedPool(): WorkerPool | undefined {
  if (typeof Worker === 'undefined' || IN_WORKER) return undefined
  const size = poolSize ?? defaultSize()
  if (size === 0) return undefined
  // Written out in full, in this one place: Vite and webpack 5 recognise exactly this form and bundle the worker.
  pool ??= new WorkerPool(
    () => new Worker(new URL('./datamint.worker.js', import.meta.url), { type: 'module' }),
    size,
  )
  return pool
}

// A worker's global scope has importScripts; nested pools would only add copies.
const IN_WORKER = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function'

/**
 * Decodes one codestream in a worker (the encoded bytes are copied, the decoded ones moved back), or with
 * `now` on this thread when there is no pool.
 */
export function decodeCodestream(
  request: CodestreamRequest,
  now: (request: CodestreamRequest) => Promise<CodecOutput>,
  signal?: AbortSignal,
): Promise<CodecOutput> {
  const workers = sharedPool()
  if (!workers) return now(request)
  // A copy: the codestream is usually a view into the whole file, which must stay where it is.
  const encoded = request.encoded.slice()
  const task: WorkerTask = { type: 'decode', ...request, encoded }
  return workers.run<CodecOutput>(task, [encoded.buffer], () => now(request), signal)
}

/**
 * Converts a download in a worker when it is large and compressed (inflating is the slow part), else
 * with `now` on this thread. `bytes` must belong to the caller alone: its buffer is moved to the worker.
 */
export async function convertOffThread(
  bytes: Uint8Array,
  mimetype: string | undefined,
  now: (bytes: Uint8Array, mimetype: string | undefined) => ConvertedData,
  signal?: AbortSignal,
): Promise<ConvertedData> {
  const workers = isLargeCompressed(bytes) ? sharedPool() : undefined
  if (!workers) return now(bytes, mimetype)
  // Move only a buffer the bytes fill; a view into something larger is copied first.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
  // The worker applies this thread's size limit (setMaxDecodedBytes), not its own default.
  const task: WorkerTask = { type: 'convert', bytes: own, mimetype, maxDecodedBytes: maxDecodedBytes() }
  const packed = await workers.run<PackedConverted | ConvertedData>(
    task,
    [own.buffer as ArrayBuffer],
    async () => now(bytes, mimetype),
    signal,
  )
  return 'kind' in packed && packed.kind === 'dicom'
    ? unpackConverted(packed as PackedConverted)
    : (packed as ConvertedData)
}
