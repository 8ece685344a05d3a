import { HttpResponse } from 'msw'
import type { RouteContext } from '../router.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The bytes as a stream of `chunkSize` pieces, paced to `bandwidth` bytes/s when set, so a client's
 * download progress sees every chunk arrive.
 */
function chunkedStream(bytes: Uint8Array, chunkSize: number, bandwidth: number | undefined) {
  let offset = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close()
        return
      }
      const end = Math.min(offset + chunkSize, bytes.byteLength)
      if (bandwidth) await sleep(((end - offset) / bandwidth) * 1000)
      controller.enqueue(bytes.slice(offset, end))
      offset = end
      if (offset >= bytes.byteLength) controller.close()
    },
  })
}

/** A binary answer with Content-Type and Content-Length, streamed in chunks. */
export function fileResponse(
  context: RouteContext,
  bytes: Uint8Array,
  mimetype: string,
  filename: string,
): Response {
  return new HttpResponse(chunkedStream(bytes, context.settings.chunkSize, context.settings.bandwidth), {
    status: 200,
    headers: {
      'Content-Type': mimetype,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `attachment; filename="${filename.replaceAll('"', '')}"`,
    },
  })
}
