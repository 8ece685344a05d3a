import { type ReactNode, useState } from 'react'
import { useResources } from '../../src/hooks/index.js'
import { ErrorMessage } from '../hooks/ErrorMessage.js'

/**
 * Lists the server's resources in a drop-down and renders `children(id)` for the chosen one, starting with
 * the resource named `preferredFilename` if there is one. Works on the in-browser server and on a real one.
 */
export function ResourcePicker({
  preferredFilename,
  children,
}: {
  preferredFilename?: string
  children: (resourceId: string, filename: string) => ReactNode
}) {
  const list = useResources().useList()
  const [chosen, setChosen] = useState<string>()
  if (list.isError) return <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
  if (!list.data) return <p role="status">Loading resources…</p>
  if (list.data.length === 0) return <p>This server has no resources.</p>
  const resource =
    list.data.find((r) => r.id === chosen) ??
    list.data.find((r) => r.filename === preferredFilename) ??
    list.data[0]
  return (
    <div style={{ display: 'grid', gap: 8, fontFamily: 'system-ui, sans-serif' }}>
      <label>
        Resource{' '}
        <select value={resource.id} onChange={(e) => setChosen(e.target.value)}>
          {list.data.map((r) => (
            <option key={r.id} value={r.id}>
              {r.filename} ({r.mimetype}, {r.size.toLocaleString('en')} B)
            </option>
          ))}
        </select>
      </label>
      <div key={resource.id} style={{ height: 420, maxWidth: 560 }}>
        {children(resource.id, resource.filename)}
      </div>
    </div>
  )
}
