import { useEffect, useRef } from 'react'
import { useProjects } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

export interface ProjectsInfiniteListProps {
  /** Projects per request (`limit`); the next page loads when the end of the list scrolls into view. */
  pageSize?: number
  /** Height of the scrolling box in px. */
  height?: number
}

/**
 * A project list that loads the next page as you scroll, with `useProjects().useInfiniteList`.
 *
 * @example
 * const { data, fetchNextPage, hasNextPage } = useProjects().useInfiniteList({}, { pageSize: 20 })
 * const projects = data?.pages.flat() ?? []
 */
export function ProjectsInfiniteList({ pageSize = 20, height = 320 }: ProjectsInfiniteListProps) {
  const query = useProjects().useInfiniteList({}, { pageSize })
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = query
  const end = useRef<HTMLLIElement>(null)
  const projects = data?.pages.flat() ?? []

  useEffect(() => {
    const sentinel = end.current
    if (!sentinel || !hasNextPage) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage()
    })
    observer.observe(sentinel)
    return () => observer.disconnect()
  }, [fetchNextPage, hasNextPage, isFetchingNextPage])

  if (query.isPending) return <p role="status">Loading projects…</p>
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
  return (
    <section aria-label="Projects" style={{ fontFamily: 'system-ui, sans-serif' }}>
      <p aria-live="polite">
        {projects.length} projects loaded{hasNextPage ? ', scroll for more' : ', that is all'}
      </p>
      <ul
        style={{
          height,
          overflowY: 'auto',
          margin: 0,
          padding: 0,
          listStyle: 'none',
          border: '1px solid #ccc',
        }}
      >
        {projects.map((project) => (
          <li key={project.id} style={{ padding: '6px 10px', borderBottom: '1px solid #eee' }}>
            <strong>{project.name}</strong>{' '}
            <small>
              {project.resource_count} resources · created {project.created_at.slice(0, 10)}
            </small>
          </li>
        ))}
        {hasNextPage && (
          <li ref={end} role="status" style={{ padding: 10, color: '#666' }}>
            {isFetchingNextPage ? 'Loading more…' : 'More below'}
          </li>
        )}
      </ul>
    </section>
  )
}
