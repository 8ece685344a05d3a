import { useState } from 'react'
import { useResources, useResourceTags } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

/**
 * Tags on selected resources with `useResourceTags({ mutationMode: 'undoable' })`: the tag shows (or goes)
 * at once in every cached list, nothing is sent for `undoTimeout` ms, and Undo puts everything back.
 *
 * @example
 * const tags = useResourceTags({ mutationMode: 'undoable' })
 * tags.mutate({ resources: selected, add: ['reviewed'] })
 */
export function TagsEditor({ undoTimeout = 4000 }: { undoTimeout?: number }) {
  const list = useResources().useList()
  const tags = useResourceTags({ mutationMode: 'undoable', undoTimeout })
  const [selected, setSelected] = useState<string[]>([])
  const [tag, setTag] = useState('')
  const chosen = list.data?.filter((r) => selected.includes(r.id)) ?? []
  const change = (op: 'add' | 'remove') => {
    const t = tag.trim()
    if (t && chosen.length) tags.mutate({ resources: chosen, [op]: [t] })
  }
  return (
    <section
      aria-label="Tags"
      style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', gap: 8, maxWidth: 640 }}
    >
      <div style={{ display: 'flex', gap: 8 }}>
        <input aria-label="Tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="tag" />
        <button type="button" onClick={() => change('add')} disabled={!tag.trim() || !chosen.length}>
          Add to selected
        </button>
        <button type="button" onClick={() => change('remove')} disabled={!tag.trim() || !chosen.length}>
          Remove from selected
        </button>
        {tags.isPending && (
          <button type="button" onClick={() => tags.undo()}>
            Undo
          </button>
        )}
      </div>
      {tags.isError && <ErrorMessage error={tags.error} />}
      <table aria-label="Resources">
        <tbody>
          {list.data?.slice(0, 8).map((r) => (
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
              <td aria-label={`Tags of ${r.filename}`}>{(r.tags ?? []).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
