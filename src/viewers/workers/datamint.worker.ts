// The pool's worker entry (module worker): decodes DICOM codestreams and converts large downloads.
import { serializeError } from './serializeError.js'
import { runTask, type WorkerTask } from './tasks.js'

// Only what this file uses of the worker scope (the webworker lib cannot be mixed with the DOM one).
declare const self: {
  onmessage: ((event: MessageEvent<{ id: number; task: WorkerTask }>) => void) | null
  postMessage(message: unknown, transfer?: Transferable[]): void
}

self.onmessage = async (event: MessageEvent<{ id: number; task: WorkerTask }>) => {
  const { id, task } = event.data
  try {
    const { result, transfer } = await runTask(task)
    self.postMessage({ id, ok: true, result }, transfer)
  } catch (error) {
    self.postMessage({ id, ok: false, error: serializeError(error) })
  }
}
self.postMessage('ready')
