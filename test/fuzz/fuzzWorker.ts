// worker_threads entry of IsolatedRunner: checks each input it is sent and answers with the outcome or the
// contract violation. A hang or a runaway allocation here ends this worker, not the process that sent the input.
import { parentPort, workerData } from 'node:worker_threads'
import { setMaxDecodedBytes } from '../../src/api/format/decodedSizeLimit.js'
import { checkInput } from './checkInput.js'

export interface FuzzRequest {
  id: number
  bytes: Uint8Array
  mimetype?: string
}

export type FuzzReply =
  | { id: number; ok: { outcome: string; summary: string } }
  | { id: number; violation: string }

const port = parentPort
if (!port) throw new Error('fuzzWorker.ts runs as a worker thread')
// Below the worker's memory limit, so a refused oversized decode is a FormatError, not an out-of-memory exit.
setMaxDecodedBytes((workerData as { maxDecodedBytes: number }).maxDecodedBytes)
port.on('message', async ({ id, bytes, mimetype }: FuzzRequest) => {
  let reply: FuzzReply
  try {
    reply = { id, ok: await checkInput(bytes, mimetype) }
  } catch (error) {
    reply = { id, violation: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
