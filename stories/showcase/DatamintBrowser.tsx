import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import type { Annotation, Project, Resource } from '../../src/api/index.js'
import { useAnnotations, useProjects, useResources } from '../../src/hooks/index.js'
import { ResourceFileViewer, ResourceThumbnail } from '../../src/viewers/index.js'
import './datamintBrowser.css'

/**
 * A small Datamint browser built only from the library's public hooks and components: projects
 * (`useProjects().useList`) → the project's resources with thumbnails and filters (`useResources().useList`,
 * `ResourceThumbnail`) → the viewer (`ResourceFileViewer`) with the resource's annotations
 * (`useAnnotations().useList`). Plain CSS; every step works from the keyboard (Escape goes back).
 */
export function DatamintBrowser() {
  const [project, setProject] = useState<Project>()
  const [resource, setResource] = useState<Resource>()
  return (
    <div className="dmb">
      <header className="dmb-header">
        <span className="dmb-logo" aria-hidden="true">
          ◆
        </span>
        <span className="dmb-brand">Datamint</span>
        <nav aria-label="Breadcrumb" className="dmb-crumbs">
          <ol>
            <li>
              <button type="button" onClick={() => setResource(undefined)} disabled={!resource}>
                Projects
              </button>
            </li>
            {project && (
              <li>
                <button type="button" onClick={() => setResource(undefined)} disabled={!resource}>
                  {project.name}
                </button>
              </li>
            )}
            {resource && <li aria-current="page">{resource.filename}</li>}
          </ol>
        </nav>
      </header>
      <div className="dmb-body">
        <ProjectList
          selected={project}
          onSelect={(p) => {
            setProject(p)
            setResource(undefined)
          }}
        />
        <main className="dmb-main">
          {!project ? (
            <EmptyState />
          ) : resource ? (
            <ResourceDetail resource={resource} onBack={() => setResource(undefined)} />
          ) : (
            <ResourceTable key={project.id} project={project} onOpen={setResource} />
          )}
        </main>
      </div>
    </div>
  )
}

function ProjectList({ selected, onSelect }: { selected?: Project; onSelect: (p: Project) => void }) {
  const { data, status, error } = useProjects().useList()
  const projects = useMemo(
    () =>
      [...(data ?? [])].sort(
        (a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name),
      ),
    [data],
  )
  return (
    <nav className="dmb-projects" aria-label="Projects">
      <h2>Projects</h2>
      {status === 'pending' && <p className="dmb-muted">Loading projects…</p>}
      {status === 'error' && <p role="alert">Projects could not be loaded: {error.message}</p>}
      <ul>
        {projects.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="dmb-project"
              aria-current={p.id === selected?.id ? 'true' : undefined}
              onClick={() => onSelect(p)}
            >
              <span className="dmb-project-name">{p.name}</span>
              <span className="dmb-project-meta">
                {p.resource_count} {p.resource_count === 1 ? 'resource' : 'resources'}
                {p.archived && <span className="dmb-badge">archived</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function EmptyState() {
  return (
    <div className="dmb-empty">
      <h1>Browse your imaging data</h1>
      <p>Choose a project to see its resources: DICOM series, NIfTI volumes, images and videos.</p>
      <p className="dmb-muted">
        Running on the in-browser Datamint server, seeded with public sample files. Everything here is built
        from datamint-react's hooks and viewers.
      </p>
    </div>
  )
}

const TYPES: Array<[label: string, mimetype: string]> = [
  ['All types', ''],
  ['DICOM', 'application/dicom'],
  ['NIfTI', 'application/nifti'],
  ['PNG', 'image/png'],
  ['JPEG', 'image/jpeg'],
  ['MP4 video', 'video/mp4'],
]

function ResourceTable({ project, onOpen }: { project: Project; onOpen: (r: Resource) => void }) {
  const [search, setSearch] = useState('')
  const [modality, setModality] = useState('')
  const [mimetype, setMimetype] = useState('')
  const query = useResources().useList({
    projectName: project.name,
    modality: modality || undefined,
    mimetype: mimetype || undefined,
  })
  // The whole project's modalities for the filter, whatever is filtered now.
  const all = useResources().useList({ projectName: project.name })
  const modalities = useMemo(
    () => [...new Set((all.data ?? []).map((r) => r.modality).filter((m): m is string => !!m))].sort(),
    [all.data],
  )
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return (query.data ?? []).filter((r) => !needle || r.filename.toLowerCase().includes(needle))
  }, [query.data, search])

  return (
    <section className="dmb-resources" aria-labelledby="dmb-resources-title">
      <div className="dmb-toolbar">
        <h1 id="dmb-resources-title">{project.name}</h1>
        <input
          type="search"
          aria-label="Search file names"
          placeholder="Search file names"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Modality" value={modality} onChange={(e) => setModality(e.target.value)}>
          <option value="">All modalities</option>
          {modalities.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select aria-label="File type" value={mimetype} onChange={(e) => setMimetype(e.target.value)}>
          {TYPES.map(([label, value]) => (
            <option key={label} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {project.description && <p className="dmb-muted dmb-description">{project.description}</p>}
      {query.status === 'error' && <p role="alert">Resources could not be loaded: {query.error.message}</p>}
      <table className="dmb-table" aria-busy={query.isFetching}>
        <thead>
          <tr>
            <th scope="col">
              <span className="dmb-visually-hidden">Preview</span>
            </th>
            <th scope="col">File</th>
            <th scope="col">Modality</th>
            <th scope="col">Type</th>
            <th scope="col">Size</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {query.status === 'pending' &&
            [0, 1, 2, 3].map((i) => (
              <tr key={i} className="dmb-skeleton">
                <td colSpan={6}>
                  <span />
                </td>
              </tr>
            ))}
          {rows.map((r) => (
            <tr key={r.id} onClick={() => onOpen(r)}>
              <td>
                <ResourceThumbnail resource={r} size={48} />
              </td>
              <td>
                <button type="button" className="dmb-link" onClick={() => onOpen(r)}>
                  {r.filename}
                </button>
                {r.tags && r.tags.length > 0 && (
                  <span className="dmb-tags">
                    {r.tags.map((t) => (
                      <span key={t} className="dmb-tag">
                        {t}
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td>{r.modality ?? '—'}</td>
              <td>{typeName(r.mimetype)}</td>
              <td className="dmb-num">{formatSize(r.size)}</td>
              <td>
                <span className={`dmb-status dmb-status-${r.status}`}>{r.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {query.status === 'success' && rows.length === 0 && (
        <p className="dmb-muted dmb-none">No resources match these filters.</p>
      )}
      <p className="dmb-muted dmb-count" aria-live="polite">
        {query.status === 'success' && `${rows.length} of ${all.data?.length ?? rows.length} resources`}
      </p>
    </section>
  )
}

function ResourceDetail({ resource, onBack }: { resource: Resource; onBack: () => void }) {
  const back = useRef<HTMLButtonElement>(null)
  useEffect(() => back.current?.focus(), [])
  const onKeyDown = (e: KeyboardEvent) => {
    // Escape goes back unless a viewer popover (e.g. keyboard help) is taking it.
    if (e.key === 'Escape' && !e.defaultPrevented) onBack()
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the detail view goes back.
    <div className="dmb-detail" onKeyDown={onKeyDown}>
      <div className="dmb-detail-head">
        <button ref={back} type="button" className="dmb-back" onClick={onBack}>
          ← Back to resources
        </button>
        <h1>{resource.filename}</h1>
        <span className="dmb-muted">
          {[resource.modality, typeName(resource.mimetype), formatSize(resource.size)]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      <div className="dmb-detail-body">
        <ResourceFileViewer
          resourceId={resource.id}
          filename={resource.filename}
          label={`Viewer: ${resource.filename}`}
          className="dmb-viewer"
          showAnnotations
        />
        <AnnotationPanel resource={resource} />
      </div>
    </div>
  )
}

function AnnotationPanel({ resource }: { resource: Resource }) {
  const { data, status } = useAnnotations().useList({ resource: resource.id })
  return (
    <aside className="dmb-annotations" aria-label="Annotations">
      <h2>Annotations</h2>
      {status === 'pending' && <p className="dmb-muted">Loading…</p>}
      {status === 'success' && data.length === 0 && <p className="dmb-muted">None yet.</p>}
      <ul>
        {(data ?? []).map((a) => (
          <li key={a.id}>
            <span className="dmb-chip">{a.identifier}</span>
            <span className="dmb-annotation-value">{annotationValue(a)}</span>
          </li>
        ))}
      </ul>
      <h2>Details</h2>
      <dl className="dmb-facts">
        <dt>Status</dt>
        <dd>{resource.status}</dd>
        <dt>Uploaded</dt>
        <dd>{new Date(resource.created_at).toLocaleDateString('en-GB', { dateStyle: 'medium' })}</dd>
        <dt>Channel</dt>
        <dd>{resource.upload_channel || '—'}</dd>
      </dl>
    </aside>
  )
}

function annotationValue(a: Annotation): string {
  if (a.text_value) return a.text_value
  if (a.numeric_value !== null && a.numeric_value !== undefined)
    return `${a.numeric_value}${a.units ? ` ${a.units}` : ''}`
  const frame = a.frame_index !== null && a.frame_index !== undefined ? ` · frame ${a.frame_index + 1}` : ''
  return `${a.annotation_type}${frame}`
}

function typeName(mimetype: string): string {
  if (mimetype.endsWith('/dicom')) return 'DICOM'
  if (mimetype.includes('nifti') || mimetype.includes('gzip')) return 'NIfTI'
  const [group, sub = ''] = mimetype.split('/')
  if (group === 'image' || group === 'video') return `${sub.replace(/^x-/, '').toUpperCase()} ${group}`
  return mimetype
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} kB`
  return `${(bytes / 1e6).toFixed(1)} MB`
}
