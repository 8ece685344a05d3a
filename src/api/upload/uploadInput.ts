import { badArgument } from '../errors.js'

/** A file to upload with its name: what a `Uint8Array` or a plain `Blob` needs to become one. */
export interface NamedFile {
  name: string
  data: Blob | Uint8Array
  /** Path it came from (e.g. `webkitRelativePath` of a dropped folder); default `name`. */
  path?: string
}

/** What {@link ResourcesApi.uploadResources} takes per file: a `File`, or bytes/a Blob with a name. */
export type UploadInput = File | NamedFile

/** An input read lazily: its head, any byte range, or the whole thing as a Blob part (no copy for Blobs). */
export interface UploadSource {
  name: string
  path: string
  size: number
  /** The `Blob`'s own type, if any. */
  type: string
  /** The first `n` bytes (fewer at the end of the file). */
  read(start: number, end: number): Promise<Uint8Array>
  /** A part for `new Blob([...])`: a lazy slice of a Blob, a view of bytes. */
  part(start: number, end: number): Blob | Uint8Array
  data: Blob | Uint8Array
}

/** Normalises one input; a `Uint8Array` or `Blob` without a name is refused (the server needs one). */
export function uploadSource(input: UploadInput, index: number): UploadSource {
  const named = !(input instanceof Blob) && typeof input === 'object' && input !== null && 'data' in input
  const data = named ? (input as NamedFile).data : (input as Blob)
  const name = named ? (input as NamedFile).name : (input as Partial<File>).name
  if (!(data instanceof Blob) && !(data instanceof Uint8Array)) {
    throw badArgument(
      `uploadResources: files[${index}] must be a File, or { name, data } with a Blob or Uint8Array.`,
      'files',
    )
  }
  if (!name) {
    throw badArgument(
      `uploadResources: files[${index}] has no name; pass { name: 'ct.dcm', data } for bytes or a Blob.`,
      'files',
    )
  }
  const relative = (input as { webkitRelativePath?: string }).webkitRelativePath
  const path = (named ? (input as NamedFile).path : undefined) || relative || name
  const size = data instanceof Blob ? data.size : data.byteLength
  return {
    name,
    path,
    size,
    type: data instanceof Blob ? data.type : '',
    data,
    read: (start, end) =>
      data instanceof Blob
        ? readBlob(data.slice(start, Math.min(end, size)))
        : Promise.resolve(data.subarray(start, Math.min(end, size))),
    part: (start, end) => (data instanceof Blob ? data.slice(start, end) : data.subarray(start, end)),
  }
}

/** A Blob's bytes; jsdom's Blob has no `arrayBuffer()`, its FileReader does. */
export function readBlob(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b))
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })
}

/**
 * The server-side file name for `mungFilename` (the SDK's `mung_filename`): the folder parts of `path` named by
 * 1-based position, or all of them (`'all'`), joined with `_` before the file name.
 */
export function mungedFilename(path: string, mung: readonly number[] | 'all'): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '')
  if (mung === 'all') return parts.join('_')
  const folders = parts.slice(0, -1)
  const picked = mung.filter((i) => i >= 1 && i <= folders.length).map((i) => folders[i - 1])
  return [...picked, parts[parts.length - 1]].join('_')
}
