import { useState } from 'react'
import type { ResourceFilters } from '../../src/api/index.js'
import { useResources } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

export interface ResourcesTableProps {
  /** Rows per page (`limit`; the page is `offset = page × pageSize`). */
  pageSize?: number
  /** Filters the table starts with. */
  initialFilters?: Pick<ResourceFilters, 'status' | 'modality' | 'mimetype'>
  /** How long "Undo" is offered after a bulk delete before the request is sent, in ms. */
  undoTimeout?: number
}

const STATUSES = ['', 'inbox', 'published', 'archived'] as const
const MODALITIES = ['', 'CT', 'MR', 'OT', 'RTDOSE', 'SC', 'XA', 'US']
const MIMETYPES = [
  '',
  'application/dicom',
  'application/nifti',
  'image/png',
  'image/jpeg',
  'video/mp4',
  'video/webm',
]

/**
 * Resources with server-side filters and paging (`useResources().useInfiniteList`, one page shown at a time) and a bulk delete that can be
 * undone for a few seconds (`useBulkDelete({ mutationMode: 'undoable' })`): the rows leave the table at
 * once, and nothing is sent until the undo window closes.
 *
 * @example
 * const resources = useResources()
 * const { data, fetchNextPage } = resources.useInfiniteList({ status: 'published', modality: 'CT' }, { pageSize: 10 })
 * const firstPage = data?.pages[0]
 * const remove = resources.useBulkDelete({ mutationMode: 'undoable', undoTimeout: 5000 })
 * remove.mutate(selectedIds)  // later: remove.undo()
 */
export function ResourcesTable({
  pageSize = 10,
  initialFilters = {},
  undoTimeout = 5000,
}: ResourcesTableProps) {
  const resources = useResources()
  const [filters, setFilters] = useState(initialFilters)
  const [page, setPage] = useState(0)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [lastDeleted, setLastDeleted] = useState<number>()
  // Offset pages (limit = pageSize, offset = n × pageSize); one page is shown at a time.
  const query = resources.useInfiniteList(filters, { pageSize })
  const bulkDelete = resources.useBulkDelete({ mutationMode: 'undoable', undoTimeout })
  const pages = query.data?.pages ?? []
  const rows = pages[page] ?? []
  const hasNext = page + 1 < pages.length || query.hasNextPage
  const next = async () => {
    if (page + 1 >= pages.length) await query.fetchNextPage()
    setPage((p) => p + 1)
  }

  const setFilter = (name: keyof typeof filters, value: string) => {
    setFilters((f) => ({ ...f, [name]: value || undefined }))
    setPage(0)
    setSelected(new Set())
  }
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const deleteSelected = () => {
    bulkDelete.mutate([...selected])
    setLastDeleted(selected.size)
    setSelected(new Set())
  }

  return (
    <section aria-label="Resources" style={{ fontFamily: 'system-ui, sans-serif', fontSize: 14 }}>
      <div style={{ display: 'flex', gap: 12, marginBottom: 8 }}>
        <Select
          label="Status"
          value={filters.status ?? ''}
          options={STATUSES}
          onChange={(v) => setFilter('status', v)}
        />
        <Select
          label="Modality"
          value={filters.modality ?? ''}
          options={MODALITIES}
          onChange={(v) => setFilter('modality', v)}
        />
        <Select
          label="Mimetype"
          value={filters.mimetype ?? ''}
          options={MIMETYPES}
          onChange={(v) => setFilter('mimetype', v)}
        />
        <button type="button" disabled={selected.size === 0} onClick={deleteSelected}>
          Delete selected ({selected.size})
        </button>
      </div>
      {bulkDelete.isPending && lastDeleted !== undefined && (
        <p role="status">
          {lastDeleted} resource{lastDeleted === 1 ? '' : 's'} deleted.{' '}
          <button type="button" onClick={() => bulkDelete.undo()}>
            Undo
          </button>
        </p>
      )}
      {bulkDelete.isError && <ErrorMessage error={bulkDelete.error} />}
      {query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <table aria-busy={query.isFetching} style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr style={{ textAlign: 'left' }}>
              <th aria-label="Select" />
              <th>Filename</th>
              <th>Status</th>
              <th>Modality</th>
              <th>Mimetype</th>
              <th>Size</th>
            </tr>
          </thead>
          <tbody>
            {query.isPending && (
              <tr>
                <td colSpan={6} role="status">
                  Loading resources…
                </td>
              </tr>
            )}
            {query.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={6}>No resources match these filters.</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} style={{ borderTop: '1px solid #eee' }}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.filename}`}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                </td>
                <td>{r.filename}</td>
                <td>{r.status}</td>
                <td>{r.modality ?? '—'}</td>
                <td>{r.mimetype}</td>
                <td>{r.size.toLocaleString('en')} B</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 8 }}>
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          Previous
        </button>
        <span>Page {page + 1}</span>
        {/* A short page is the last one: the list endpoint sends no reliable total. */}
        <button type="button" disabled={!hasNext || query.isFetchingNextPage} onClick={() => void next()}>
          Next
        </button>
      </nav>
    </section>
  )
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: readonly string[]
  onChange: (value: string) => void
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o || 'any'}
          </option>
        ))}
      </select>
    </label>
  )
}
