import { useResources, useUploadResources } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

const box = { fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 8, maxWidth: 560 } as const

/**
 * A folder dropped (or picked) and uploaded with `useUploadResources()`: DICOM instances of one series become
 * one multi-frame resource, a corrupt file is listed as failed while the others go on (`onError: 'skip'`),
 * each file has its bar and the whole upload one; Cancel stops what is in flight and keeps what finished.
 *
 * @example
 * const upload = useUploadResources()
 * upload.mutate({ files: [...input.files], channel: 'site-A' })
 */
export function UploadFolder({ channel = 'storybook-folder' }: { channel?: string }) {
  const upload = useUploadResources()
  const resources = useResources().useList({ channel })
  const percent = Math.round(upload.fraction * 100)
  const start = (files: File[]) => files.length > 0 && upload.mutate({ files, channel, concurrency: 2 })
  return (
    <section aria-label="Upload a folder" style={box}>
      <label
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault()
          start([...e.dataTransfer.files])
        }}
        style={{ border: '2px dashed #888', padding: 16, borderRadius: 8 }}
      >
        Drop a folder here, or pick files{' '}
        <input
          type="file"
          multiple
          aria-label="Files to upload"
          disabled={upload.isPending}
          onChange={(e) => {
            start([...(e.target.files ?? [])])
            e.target.value = ''
          }}
        />
      </label>
      {upload.files.length > 0 && (
        <>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <progress aria-label="Total progress" max={100} value={percent} style={{ flex: 1 }} />
            <span>{percent}%</span>
            {upload.isPending && (
              <button type="button" onClick={upload.cancel}>
                Cancel
              </button>
            )}
          </div>
          <table aria-label="Files">
            <tbody>
              {upload.files.map((file, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one row per input, in input order
                <tr key={i} data-status={file.status}>
                  <td>{file.name}</td>
                  <td>
                    <progress aria-label={`${file.name} progress`} max={1} value={file.fraction} />
                  </td>
                  <td>{file.status}</td>
                  <td style={{ fontSize: 12, color: '#555' }}>
                    {file.error instanceof Error
                      ? file.error.message
                      : file.id
                        ? `→ ${file.id.slice(0, 8)}`
                        : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {upload.isError && <ErrorMessage error={upload.error} />}
      {upload.isSuccess && (
        <p role="status">
          {new Set(upload.data.filter((r) => typeof r === 'string')).size} resources created,{' '}
          {upload.data.filter((r) => r instanceof Error).length} file(s) failed
        </p>
      )}
      <h3 style={{ margin: 0 }}>In channel “{channel}”</h3>
      <ul aria-label="Uploaded resources">
        {resources.data?.map((r) => (
          <li key={r.id}>
            {r.filename} ({r.mimetype})
          </li>
        ))}
      </ul>
    </section>
  )
}
