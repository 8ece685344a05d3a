import type { TransferProgress } from '../BaseApi.js'

/**
 * Whether `fetch` can stream a request body over HTTP/1.1 here, so that ky can report upload progress as the
 * bytes leave. True in Node (undici). False in browsers: Chromium streams request bodies only over HTTP/2+,
 * and Firefox and Safari not at all, so a streamed upload could fail where a plain one works.
 */
export function canStreamUploads(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process
  return typeof proc?.versions?.node === 'string'
}

/**
 * Upload progress in terms of the file's bytes: `0` before sending, what the runtime reports while sending
 * (when it can, see {@link canStreamUploads}; never `1` before the server answered), and `1` once the server
 * accepted the upload.
 */
export class UploadProgress {
  private lastBytes = 0

  constructor(
    private readonly fileSize: number,
    private readonly callback: ((progress: TransferProgress) => void) | undefined,
  ) {}

  start(): void {
    this.emit(0, 0)
  }

  /** For `RequestOptions.onUploadProgress`, or undefined when the runtime cannot stream uploads. */
  forRequest(): ((progress: TransferProgress) => void) | undefined {
    if (!this.callback || !canStreamUploads()) return undefined
    return (p) => {
      // ky counts the whole multipart body; scale to the file and hold 1 back until the server answers.
      const fraction = p.fraction ?? (p.totalBytes ? p.transferredBytes / p.totalBytes : undefined)
      if (fraction === undefined || fraction >= 1) return
      const bytes = Math.floor(fraction * this.fileSize)
      if (bytes > this.lastBytes) this.emit(bytes, bytes / this.fileSize)
    }
  }

  done(): void {
    this.emit(this.fileSize, 1)
  }

  private emit(bytes: number, fraction: number): void {
    this.lastBytes = bytes
    this.callback?.({ transferredBytes: bytes, totalBytes: this.fileSize, fraction })
  }
}
