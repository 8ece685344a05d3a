import { type FormEvent, useState } from 'react'
import { EntityAlreadyExistsError, ValidationError } from '../../src/api/index.js'
import { useProjects } from '../../src/hooks/index.js'

/**
 * A create-project form (`useProjects().useCreate()`) that shows what the server answers: the new project,
 * a 409 when the name is taken (`EntityAlreadyExistsError`) or a 422 for invalid input (`ValidationError`).
 * The form does no validation of its own, so the server's messages are what you see.
 *
 * @example
 * const create = useProjects().useCreate()
 * create.mutate({ name: 'Liver review', description: 'CT, 2025' })
 * if (create.error instanceof EntityAlreadyExistsError) { ... }
 */
export function CreateProjectForm() {
  const create = useProjects().useCreate()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name, description })
  }
  const created = create.data
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="New project"
      style={{ display: 'grid', gap: 8, maxWidth: 420, fontFamily: 'system-ui, sans-serif' }}
    >
      <label style={{ display: 'grid' }}>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label style={{ display: 'grid' }}>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create project'}
      </button>
      {create.isError && (
        <div role="alert" style={{ color: '#b00020' }}>
          <strong>{errorTitle(create.error)}</strong>
          <p style={{ margin: '4px 0 0' }}>{create.error.message}</p>
        </div>
      )}
      {created !== undefined && (
        <p role="status">
          Created {typeof created === 'string' ? created : `"${created.name}" (${created.id})`}
        </p>
      )}
    </form>
  )
}

function errorTitle(error: Error): string {
  if (error instanceof EntityAlreadyExistsError)
    return `A project with this name already exists (${error.status ?? 409})`
  if (error instanceof ValidationError) return `The server rejected the input (${error.status ?? 'not sent'})`
  return error.name
}
