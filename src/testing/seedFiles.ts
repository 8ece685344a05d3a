/** A file the server is seeded with: it becomes one resource whose download answers exactly these bytes. */
export interface SeedFile {
  /** The resource's `filename`, e.g. `CT_small.dcm`. */
  filename: string
  bytes: Uint8Array
  /** Defaults to the type implied by the file name (see {@link mimetypeFromFilename}). */
  mimetype?: string
  /** The resource's `upload_channel`; defaults to one channel per kind (`dicom-samples`, `images`, ...). */
  channel?: string
  /** The resource's `modality`; defaults to the DICOM Modality tag, or a guess from the file name. */
  modality?: string
  tags?: string[]
}

const MIMETYPES: Array<[suffix: string, mimetype: string]> = [
  ['.nii.gz', 'application/nifti'],
  ['.nii', 'application/nifti'],
  ['.dcm', 'application/dicom'],
  ['.dicom', 'application/dicom'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.bmp', 'image/bmp'],
  ['.webp', 'image/webp'],
  ['.tif', 'image/tiff'],
  ['.tiff', 'image/tiff'],
  ['.mp4', 'video/mp4'],
  ['.mov', 'video/quicktime'],
  ['.webm', 'video/webm'],
  ['.avi', 'video/x-msvideo'],
  ['.json', 'application/json'],
]

/**
 * The mimetype the Datamint SDK would declare for a file name. NIfTI (`.nii` and `.nii.gz`) is
 * `application/nifti`, as the SDK uploads it. Unknown names give `application/octet-stream`.
 */
export function mimetypeFromFilename(filename: string): string {
  const lower = filename.toLowerCase()
  for (const [suffix, mimetype] of MIMETYPES) if (lower.endsWith(suffix)) return mimetype
  return 'application/octet-stream'
}

/** The base name of a path or URL (`a/b/CT_small.dcm?x=1` → `CT_small.dcm`). */
export function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0]
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1))
}

/**
 * Fetches seed files from URLs: the browser-side loader (no `fs`), e.g. for Storybook with Vite:
 *
 * @example
 * const urls = import.meta.glob('../test/fixtures/*\/*', { query: '?url', import: 'default', eager: true })
 * const seedFiles = await fetchSeedFiles(Object.values(urls) as string[])
 * const { handlers } = createDatamintServer({ seedFiles })
 *
 * Each file is named after the last segment of its URL (Vite keeps the original name in dev; pass
 * `{ filename, url }` pairs when a build hashes the names).
 */
export async function fetchSeedFiles(
  urls: ReadonlyArray<string | { filename: string; url: string }>,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<SeedFile[]> {
  const doFetch = options.fetch ?? fetch
  return Promise.all(
    urls.map(async (entry) => {
      const { filename, url } = typeof entry === 'string' ? { filename: baseName(entry), url: entry } : entry
      const response = await doFetch(url, { signal: options.signal })
      if (!response.ok)
        throw new Error(`fetchSeedFiles: GET ${url} answered ${response.status}; check the URL`)
      return { filename, bytes: new Uint8Array(await response.arrayBuffer()) }
    }),
  )
}
