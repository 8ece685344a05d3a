import { isLargeCompressed } from '../viewers/workers/isLargeCompressed.js'
import { convertDownloadNow } from './convertDownloadNow.js'
import type { ConvertedData } from './format/ConvertedData.js'

/**
 * {@link convertDownloadNow}, off the main thread for large compressed files (`.nii.gz`, deflated DICOM) where
 * workers exist; the same result and the same errors either way. `bytes` is the download's own: its
 * buffer may be moved to the worker.
 */
export async function convertDownload(
  bytes: Uint8Array,
  mimetype: string | undefined,
  signal?: AbortSignal,
): Promise<ConvertedData> {
  if (!isLargeCompressed(bytes)) return convertDownloadNow(bytes, mimetype)
  // Loaded on first need: apps that never download such a file do not carry the worker pool.
  const { convertOffThread } = await import('../viewers/workers/offThread.js')
  return convertOffThread(bytes, mimetype, convertDownloadNow, signal)
}
