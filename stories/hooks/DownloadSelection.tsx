import { useEffect, useState } from 'react'
import { useDownloadResourceFiles, useResources } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

/**
 * "Download selection": rows selected, one ZIP of their files with `useDownloadResourceFiles()` (a bar for
 * the whole selection, Cancel), then a link to save it; files that failed are listed.
 *
 * @example
 * const download = useDownloadResourceFiles()
 * download.mutate({ resources: selected }, { onSuccess: ({ blob }) => saveAs(blob, 'selection.zip') })
 */
export function DownloadSelection() {
  const list = useResources().useList()
  const download = useDownloadResourceFiles()
  const [selected, setSelected] = useState<string[]>([])
  const [url, setUrl] = useState<string>()
  const zip = download.data
  useEffect(() => {
    if (!zip) return
    const href = URL.createObjectURL(zip.blob)
    setUrl(href)
    return () => URL.revokeObjectURL(href)
  }, [zip])
  const percent = Math.round((download.progress?.fraction ?? 0) * 100)
  const chosen = list.data?.filter((r) => selected.includes(r.id)) ?? []
  return (
    <section
      aria-label="Download selection"
      style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 8, maxWidth: 640 }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <button
          type="button"
          disabled={!chosen.length || download.isPending}
          onClick={() => download.mutate({ resources: chosen, concurrency: 3 })}
        >
          Download {chosen.length} as ZIP
        </button>
        {download.isPending && (
          <button type="button" onClick={download.cancel}>
            Cancel
          </button>
        )}
        {download.progress && (
          <>
            <progress aria-label="Download progress" max={100} value={percent} style={{ flex: 1 }} />
            <span>
              {download.progress.done}/{download.progress.total}
            </span>
          </>
        )}
      </div>
      {download.isError && <ErrorMessage error={download.error} />}
      {zip && url && (
        <p role="status">
          <a href={url} download="selection.zip">
            selection.zip
          </a>{' '}
          ({zip.names.length} files, {(zip.blob.size / 1024).toFixed(0)} kB)
          {zip.failures.length > 0 && `; ${zip.failures.length} failed`}
        </p>
      )}
      <table aria-label="Resources">
        <tbody>
          {list.data?.slice(0, 10).map((r) => (
            <tr key={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${r.filename}`}
                  checked={selected.includes(r.id)}
                  onChange={(e) =>
                    setSelected((s) => (e.target.checked ? [...s, r.id] : s.filter((id) => id !== r.id)))
                  }
                />
              </td>
              <td>{r.filename}</td>
              <td>{r.mimetype}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
