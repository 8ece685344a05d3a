// A worker that misbehaves on request, to test IsolatedRunner: input [1] hangs, [2] exhausts the heap,
// [3] throws outside any handler, anything else answers ok.
import { parentPort } from 'node:worker_threads'

parentPort.on('message', ({ id, bytes }) => {
  if (bytes[0] === 1) for (;;);
  if (bytes[0] === 2) {
    const hoard = []
    for (;;) hoard.push(new Array(100_000).fill(hoard.length))
  }
  if (bytes[0] === 3) throw new TypeError('thrown outside any handler')
  parentPort.postMessage({ id, ok: { outcome: 'value', summary: `${bytes.length} bytes` } })
})
parentPort.postMessage({ ready: true })
