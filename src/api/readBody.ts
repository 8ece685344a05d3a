import type { TransferProgress } from './BaseApi.js'

/** Thrown by {@link readBody} when the body stalls; `BaseApi` turns it into a `TimeoutError`. */
export class BodyStalled extends Error {
  override name = 'BodyStalled'
}

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /** Longest wait for the next chunk, in ms. */
  idleMs: number
  onProgress?: (progress: TransferProgress) => void
  /** Stop reading (and cancel the rest) once this many bytes arrived. */
  limit?: number
}

/**
 * Reads a response body to the end (or to `limit`), failing with {@link BodyStalled} when no chunk arrives for
 * `idleMs` (the body is then cancelled, which closes the connection). Reports progress after every chunk:
 * `fraction` from `Content-Length` when the body is not content-encoded, held below 1 until the last byte.
 *
 * @example
 * const bytes = await readBody(response, { idleMs: 30_000, onProgress: (p) => console.log(p.fraction) })
 */
export async function readBody(
  response: Response,
  { idleMs, onProgress, limit = Number.POSITIVE_INFINITY }: ReadBodyOptions,
): Promise<Uint8Array> {
  const body = response.body
  if (!body) return new Uint8Array(0)
  const declared = response.headers.has('content-encoding')
    ? 0
    : Math.max(0, Number(response.headers.get('content-length')) || 0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  const report = (done: boolean) => {
    if (!onProgress) return
    const total = done ? received : declared > 0 ? Math.max(declared, received) : undefined
    onProgress({
      transferredBytes: received,
      totalBytes: total,
      fraction: done ? 1 : total ? Math.min(received / total, 1 - Number.EPSILON) : undefined,
    })
  }
  report(false)
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BodyStalled(`no data for ${idleMs} ms`)), idleMs)
    })
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await Promise.race([reader.read(), stalled])
    } catch (error) {
      reader.cancel(error).catch(() => {})
      throw error
    } finally {
      clearTimeout(timer)
    }
    if (chunk.done) break
    chunks.push(chunk.value)
    received += chunk.value.byteLength
    if (received >= limit) {
      reader.cancel().catch(() => {})
      break
    }
    report(false)
  }
  report(true)
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(received)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}
