/** What {@link zipDownloads} returns: the archive, and the items that were not in it. */
export interface ZipResult {
  blob: Blob
  /** Files written, by name in the archive. */
  names: string[]
  failures: Array<{ item: unknown; error: unknown }>
}

/**
 * Writes downloads (e.g. `api.resources.downloadResourceFiles(ids, { autoConvert: false })`) into one ZIP
 * Blob for "download selection": fflate's streaming `Zip`, entries stored without recompression (medical
 * files compress poorly; this keeps it fast). Names come from `name(item)` (default: the item's `filename`,
 * else its id, else `file-N`), with path separators replaced and duplicates numbered (`a.dcm`, `a (2).dcm`).
 * Failed items are skipped and listed in `failures`.
 *
 * @example
 * const { blob, failures } = await zipDownloads(api.resources.downloadResourceFiles(selected, { autoConvert: false }))
 * const url = URL.createObjectURL(blob)  // <a download="selection.zip" href={url}>
 */
export async function zipDownloads<E>(
  downloads: AsyncIterable<{ data?: Uint8Array; error?: unknown } & Record<string, unknown>>,
  options: { name?: (item: E, index: number) => string; itemKey?: string } = {},
): Promise<ZipResult> {
  // fflate is loaded on first use: only "download selection" needs it.
  const { Zip, ZipPassThrough } = await import('fflate')
  const chunks: Uint8Array[] = []
  let zipError: unknown
  const zip = new Zip((error, chunk) => {
    if (error) zipError = error
    else chunks.push(chunk)
  })
  const used = new Map<string, number>()
  const names: string[] = []
  const failures: ZipResult['failures'] = []
  let index = 0
  for await (const download of downloads) {
    const key = options.itemKey ?? Object.keys(download).find((k) => k !== 'data' && k !== 'error') ?? 'item'
    const item = download[key] as E
    if (download.error !== undefined || !(download.data instanceof Uint8Array)) {
      failures.push({
        item,
        error: download.error ?? new Error('No bytes: download with autoConvert: false.'),
      })
      continue
    }
    const name = uniqueName(options.name ? options.name(item, index) : defaultName(item, index), used)
    index++
    const entry = new ZipPassThrough(name)
    zip.add(entry)
    entry.push(download.data, true)
    names.push(name)
  }
  zip.end()
  if (zipError) throw zipError
  return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), names, failures }
}

function defaultName(item: unknown, index: number): string {
  if (typeof item === 'string') return item
  const record = item as { filename?: unknown; identifier?: unknown; id?: unknown } | undefined
  for (const value of [record?.filename, record?.identifier, record?.id]) {
    if (typeof value === 'string' && value.trim() !== '') return value
  }
  return `file-${index + 1}`
}

/** Control characters and path separators cannot be in an entry name. */
function cleanName(raw: string): string {
  let out = ''
  for (const ch of raw) out += ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch
  return out.replace(/^\.+/, '_') || 'file'
}

function uniqueName(raw: string, used: Map<string, number>): string {
  const clean = cleanName(raw)
  const count = (used.get(clean) ?? 0) + 1
  used.set(clean, count)
  if (count === 1) return clean
  const dot = clean.lastIndexOf('.')
  const candidate = dot > 0 ? `${clean.slice(0, dot)} (${count})${clean.slice(dot)}` : `${clean} (${count})`
  if (used.has(candidate)) return uniqueName(candidate, used)
  used.set(candidate, 1)
  return candidate
}
