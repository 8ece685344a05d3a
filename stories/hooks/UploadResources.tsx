import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useDatamintApi, useResources } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

export interface UploadResourcesProps {
  /** Upload channel the files go to. */
  channel?: string
  /** Publish at once instead of landing in the inbox. */
  publish?: boolean
}

/**
 * Uploads files one after the other with `api.resources.uploadResource(file, { onProgress })` and shows
 * the progress over all their bytes; resource lists refetch afterwards. (Browsers report a file's progress
 * as 0 until the server accepts it, then 1: streaming a request body needs HTTP/2.)
 *
 * @example
 * const api = useDatamintApi()
 * await api.resources.uploadResource(file, { channel: 'demo', onProgress: (p) => setFraction(p.fraction ?? 0) })
 */
export function UploadResources({ channel = 'storybook-uploads', publish = false }: UploadResourcesProps) {
  const api = useDatamintApi()
  const queryClient = useQueryClient()
  const resourceKeys = useResources().keys
  const [progress, setProgress] = useState(0)
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const total = files.reduce((sum, f) => sum + f.size, 0)
      let done = 0
      const ids: string[] = []
      setProgress(0)
      for (const file of files) {
        ids.push(
          await api.resources.uploadResource(file, {
            channel,
            publish,
            onProgress: (p) => setProgress((done + (p.fraction ?? 0) * file.size) / total),
          }),
        )
        done += file.size
        setProgress(done / total)
      }
      return ids
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all }),
  })
  const percent = Math.round(progress * 100)

  return (
    <section
      aria-label="Upload"
      style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 8, maxWidth: 480 }}
    >
      <label>
        Files to upload{' '}
        <input
          type="file"
          multiple
          disabled={upload.isPending}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])]
            if (files.length > 0) upload.mutate(files)
            e.target.value = ''
          }}
        />
      </label>
      {!upload.isIdle && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <progress aria-label="Upload progress" max={100} value={percent} style={{ flex: 1 }} />
          <span>{percent}%</span>
        </div>
      )}
      {upload.isError && <ErrorMessage error={upload.error} />}
      {upload.isSuccess && (
        <div role="status">
          Uploaded {upload.data.length} file{upload.data.length === 1 ? '' : 's'}:
          <ul>
            {upload.data.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
