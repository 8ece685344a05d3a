import { type FormEvent, useState } from 'react'
import type { Project } from '../../src/api/index.js'
import { useProjects } from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

export interface ProjectDetailProps {
  /** The project to show; default: the first project the server lists. */
  projectId?: string
}

/**
 * A project with inline editing of its name and description (`usePatch`, optimistic by default): the
 * new text shows at once, and if the server refuses, the old text comes back and the error is shown.
 *
 * @example
 * const projects = useProjects()
 * const { data: project } = projects.useGetById(id)
 * const patch = projects.usePatch()
 * patch.mutate({ entity: id, data: { name: 'Liver review (done)' } })
 */
export function ProjectDetail({ projectId }: ProjectDetailProps) {
  const projects = useProjects()
  const first = projects.useList({}, { enabled: projectId === undefined })
  const id = projectId ?? first.data?.[0]?.id
  const project = projects.useGetById(id)
  const patch = projects.usePatch()

  const error = first.error ?? project.error
  if (error)
    return (
      <ErrorMessage error={error} onRetry={() => void (first.error ? first.refetch() : project.refetch())} />
    )
  if (first.isSuccess && !id) return <p>This server has no projects yet.</p>
  if (!project.data) return <p role="status">Loading project…</p>
  const save = (data: Partial<Project>) => patch.mutate({ entity: project.data.id, data })

  return (
    <article aria-label="Project" style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 520 }}>
      <InlineField label="Name" value={project.data.name} onSave={(name) => save({ name })} />
      <InlineField
        label="Description"
        value={project.data.description ?? ''}
        onSave={(description) => save({ description })}
      />
      <p>
        {project.data.resource_count} resources · created {project.data.created_at.slice(0, 10)} by{' '}
        {project.data.created_by}
      </p>
      <p role="status" aria-live="polite">
        {patch.isPending ? 'Saving…' : patch.isSuccess ? 'Saved.' : ''}
      </p>
      {patch.isError && (
        <>
          <p>Not saved: the previous value is back.</p>
          <ErrorMessage error={patch.error} />
        </>
      )}
    </article>
  )
}

/** A value that turns into a text box on "Edit"; Enter or "Save" saves, Escape cancels. */
function InlineField({
  label,
  value,
  onSave,
}: {
  label: string
  value: string
  onSave: (value: string) => void
}) {
  const [draft, setDraft] = useState<string>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (draft !== undefined && draft !== value) onSave(draft)
    setDraft(undefined)
  }
  if (draft === undefined) {
    return (
      <p>
        <span>{label}: </span>
        <output aria-label={label}>{value || '—'}</output>{' '}
        <button type="button" aria-label={`Edit ${label.toLowerCase()}`} onClick={() => setDraft(value)}>
          Edit
        </button>
      </p>
    )
  }
  return (
    <form onSubmit={submit}>
      <label>
        {label}{' '}
        <input
          // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this field
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setDraft(undefined)}
        />
      </label>{' '}
      <button type="submit">Save</button>
    </form>
  )
}
