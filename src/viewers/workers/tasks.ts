import { convertDownloadNow } from '../../api/convertDownloadNow.js'
import { setMaxDecodedBytes } from '../../api/format/decodedSizeLimit.js'
import { type CodestreamRequest, decodeCodestreamNow } from './decodeCodestreamNow.js'
import { packConverted, transferables } from './transferConverted.js'

/** What the pool's workers do: decode one frame's codestream, or convert a downloaded file. */
export type WorkerTask =
  | ({ type: 'decode' } & CodestreamRequest)
  | { type: 'convert'; bytes: Uint8Array; mimetype: string | undefined; maxDecodedBytes: number }

/** Runs a task in a worker: the result, and the buffers it can move back instead of copying. */
export async function runTask(task: WorkerTask): Promise<{ result: unknown; transfer: Transferable[] }> {
  if (task.type === 'decode') {
    const out = await decodeCodestreamNow(task)
    // Moved back, so it must be a buffer of its own (a codec might hand out a view of memory it reuses).
    const whole = out.bytes.byteOffset === 0 && out.bytes.byteLength === out.bytes.buffer.byteLength
    const bytes = whole ? out.bytes : out.bytes.slice()
    return { result: { ...out, bytes }, transfer: [bytes.buffer as ArrayBuffer] }
  }
  setMaxDecodedBytes(task.maxDecodedBytes)
  const packed = packConverted(convertDownloadNow(task.bytes, task.mimetype))
  return { result: packed, transfer: transferables(packed) }
}
