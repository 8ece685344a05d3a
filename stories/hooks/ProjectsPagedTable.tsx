import { useState } from 'react'
import { useProjects } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

export interface ProjectsPagedTableProps {
  /** Rows per page (`limit`; page n is `offset = n × pageSize`). */
  pageSize?: number
}

const cell = { padding: '4px 10px', borderBottom: '1px solid #eee', textAlign: 'left' } as const

/**
 * A paginated project table with page controls and the server's total, with `useProjects().usePage`: one
 * request per page, the total from the server's `totalCount`, and the previous page kept on screen (dimmed)
 * while the next one loads.
 *
 * @example
 * const [page, setPage] = useState(0)
 * const { data, isPlaceholderData } = useProjects().usePage({ offset: page * 10, limit: 10 })
 * const pages = data?.totalCount === undefined ? undefined : Math.ceil(data.totalCount / 10)
 */
export function ProjectsPagedTable({ pageSize = 10 }: ProjectsPagedTableProps) {
  const [page, setPage] = useState(0)
  const [includeArchived, setIncludeArchived] = useState(false)
  const query = useProjects().usePage({ offset: page * pageSize, limit: pageSize, includeArchived })
  if (query.isPending) return <p role="status">Loading projects…</p>
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
  const { data, isPlaceholderData, isFetching } = query
  const { items, totalCount } = data
  const pages = totalCount === undefined ? undefined : Math.max(1, Math.ceil(totalCount / pageSize))
  const first = page * pageSize
  const isLast = pages === undefined ? items.length < pageSize : page + 1 >= pages
  const go = (to: number) => setPage(Math.max(0, to))

  return (
    <section aria-label="Projects" style={{ fontFamily: 'system-ui, sans-serif', fontSize: 14 }}>
      <label style={{ display: 'block', marginBottom: 8 }}>
        <input
          type="checkbox"
          checked={includeArchived}
          onChange={(e) => {
            setIncludeArchived(e.target.checked)
            setPage(0)
          }}
        />{' '}
        Include archived
      </label>
      <table
        aria-busy={isPlaceholderData}
        style={{ borderCollapse: 'collapse', opacity: isPlaceholderData ? 0.5 : 1 }}
      >
        <thead>
          <tr>
            <th style={cell}>Name</th>
            <th style={cell}>Resources</th>
            <th style={cell}>Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((project) => (
            <tr key={project.id}>
              <td style={cell}>{project.name}</td>
              <td style={cell}>{project.resource_count}</td>
              <td style={cell}>{project.created_at.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 8 }}>
        <button type="button" onClick={() => go(0)} disabled={page === 0}>
          First
        </button>
        <button type="button" onClick={() => go(page - 1)} disabled={page === 0}>
          Previous
        </button>
        <span aria-live="polite">
          {items.length ? `${first + 1}–${first + items.length}` : 'None'}
          {totalCount === undefined ? '' : ` of ${totalCount}`} · Page {page + 1}
          {pages === undefined ? '' : ` of ${pages}`}
          {isFetching ? ' · loading…' : ''}
        </span>
        <button type="button" onClick={() => go(page + 1)} disabled={isLast}>
          Next
        </button>
        <button type="button" onClick={() => pages && go(pages - 1)} disabled={pages === undefined || isLast}>
          Last
        </button>
      </nav>
    </section>
  )
}
