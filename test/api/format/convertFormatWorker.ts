// Runs convertFormat inside a dedicated Worker (no DOM, no Node) and posts back a summary.
import { convertFormat } from '../../../src/api/format/convertFormat.js'

self.onmessage = (event: MessageEvent<{ bytes: ArrayBuffer; mimetype?: string }>) => {
  try {
    const data = convertFormat(event.data.bytes, event.data.mimetype)
    const summary: Record<string, unknown> = { kind: data.kind, mimetype: data.mimetype }
    if (data.kind === 'dicom')
      Object.assign(summary, { rows: data.rows, columns: data.columns, frames: data.numberOfFrames })
    if (data.kind === 'nifti') Object.assign(summary, { dims: data.dims, voxels: data.voxels.length })
    if (data.kind === 'image') Object.assign(summary, { width: data.width, height: data.height })
    self.postMessage({ ok: summary })
  } catch (error) {
    self.postMessage({ error: `${(error as Error).name}: ${(error as Error).message}` })
  }
}
