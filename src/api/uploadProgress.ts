import type { TransferProgress } from './BaseApi.js'

/**
 * Upload progress in terms of the file's bytes: reports `0` at once, what the runtime reports while sending,
 * never `1` before the server answered, and `1` on `done()`.
 *
 * Only Node (undici) can stream a request body over HTTP/1.1, which ky needs to report bytes as they leave:
 * Chromium streams request bodies only over HTTP/2+, Firefox and Safari not at all, so elsewhere a streamed
 * upload could fail where a plain one works; there `onUploadProgress` is undefined and only 0 and 1 are reported.
 */
export function uploadProgress(
  fileSize: number,
  callback: ((progress: TransferProgress) => void) | undefined,
): { onUploadProgress?: (progress: TransferProgress) => void; done(): void } {
  let last = 0
  const emit = (bytes: number, fraction: number) => {
    last = bytes
    callback?.({ transferredBytes: bytes, totalBytes: fileSize, fraction })
  }
  emit(0, 0)
  const inNode = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions
    ?.node
  return {
    onUploadProgress:
      callback && inNode === 'string'
        ? // ky counts the whole multipart body: scale to the file and hold 1 back until the server answers.
          ({ fraction }) => {
            const bytes = Math.floor((fraction ?? 0) * fileSize)
            if (fraction !== undefined && fraction < 1 && bytes > last) emit(bytes, bytes / fileSize)
          }
        : undefined,
    done: () => emit(fileSize, 1),
  }
}
