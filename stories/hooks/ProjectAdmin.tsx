import { type FormEvent, useState } from 'react'
import type { Project, ProjectMember, Resource } from '../../src/api/index.js'
import {
  useAddProjectResources,
  useAnnotationWorklists,
  useAssignSplits,
  useProjectMembers,
  useProjectResources,
  useProjectSplits,
  useProjects,
  useRemoveProjectMember,
  useRemoveProjectResources,
  useResources,
  useSetProjectMember,
  useUsers,
} from '../../src/hooks/index.js'
import { ErrorMessage } from './ErrorMessage.js'

const ROLES = ['PROJECT_ANNOTATOR', 'PROJECT_REVIEWER', 'PROJECT_MANAGER']
const SPLITS = ['train', 'val', 'test']
const section = { borderTop: '1px solid #ddd', paddingTop: 8, marginTop: 12 }

export interface ProjectAdminProps {
  /** The project to manage, by name. Default: the first project that is not archived. */
  projectName?: string
}

/**
 * One page that manages a project: members and their roles, resources (add from a searchable list, remove),
 * train/val/test splits with counts, and worklists. Role and split changes are optimistic (rolled back if the
 * server refuses); the other writes show once the server agreed. Every write's cache effect is a row of the
 * cross-entity table, so each section refreshes what it shows.
 *
 * @example
 * const setMember = useSetProjectMember()
 * setMember.mutate({ project, user: member.user_id, roles: ['PROJECT_REVIEWER'] })
 */
export function ProjectAdmin({ projectName }: ProjectAdminProps) {
  const projects = useProjects().useList()
  const project = projects.data?.find((p) => (projectName ? p.name === projectName : !p.archived))
  if (projects.error) return <ErrorMessage error={projects.error} onRetry={() => void projects.refetch()} />
  if (!project) return <p role="status">Loading project…</p>
  return (
    <main aria-label="Project admin" style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 760 }}>
      <h2 style={{ margin: 0 }}>{project.name}</h2>
      <p style={{ margin: 0, color: '#555' }}>
        <output aria-label="Resource count">{project.resource_count}</output> resources
      </p>
      <Members project={project} />
      <Resources project={project} />
      <Splits project={project} />
      <Worklists project={project} />
    </main>
  )
}

function Members({ project }: { project: Project }) {
  const members = useProjectMembers(project.id)
  const users = useUsers().useList()
  const setMember = useSetProjectMember()
  const remove = useRemoveProjectMember()
  const [newUser, setNewUser] = useState('')
  const error = members.error ?? setMember.error ?? remove.error
  const outside = (users.data ?? []).filter((u) => !members.data?.some((m) => m.email === u.email))
  const add = (event: FormEvent) => {
    event.preventDefault()
    const id = (users.data?.find((u) => u.email === newUser) as { id?: string } | undefined)?.id
    if (id) setMember.mutate({ project, user: id, roles: ['PROJECT_ANNOTATOR'] })
  }
  return (
    <section aria-label="Members" style={section}>
      <h3>Members</h3>
      {error && <ErrorMessage error={error} />}
      {setMember.isError && <p>Not saved: the previous role is back.</p>}
      <ul>
        {members.data?.map((m: ProjectMember) => (
          <li key={m.user_id}>
            {m.firstname} {m.lastname} ({m.email}){' '}
            <select
              aria-label={`Role of ${m.email}`}
              value={m.roles[0]}
              onChange={(e) => setMember.mutate({ project, user: m.user_id, roles: [e.target.value] })}
            >
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>{' '}
            <button type="button" onClick={() => remove.mutate({ project, user: m.user_id })}>
              Remove {m.email}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <select aria-label="User to add" value={newUser} onChange={(e) => setNewUser(e.target.value)}>
          <option value="">Choose a user…</option>
          {outside.map((u) => (
            <option key={u.email}>{u.email}</option>
          ))}
        </select>{' '}
        <button type="submit" disabled={!newUser}>
          Add member
        </button>
      </form>
    </section>
  )
}

function Resources({ project }: { project: Project }) {
  const inProject = useProjectResources(project.id)
  const all = useResources().useList({})
  const add = useAddProjectResources()
  const remove = useRemoveProjectResources()
  const [search, setSearch] = useState('')
  const error = inProject.error ?? add.error ?? remove.error
  const ids = new Set(inProject.data?.map((r) => r.id))
  const candidates = (all.data ?? []).filter(
    (r) => !ids.has(r.id) && search !== '' && r.filename.toLowerCase().includes(search.toLowerCase()),
  )
  return (
    <section aria-label="Resources" style={section}>
      <h3>Resources</h3>
      {error && <ErrorMessage error={error} />}
      <ul aria-label="Project resources">
        {inProject.data?.map((r: Resource) => (
          <li key={r.id}>
            {r.filename}{' '}
            <button type="button" onClick={() => remove.mutate({ project, resources: [r.id] })}>
              Remove {r.filename}
            </button>
          </li>
        ))}
      </ul>
      <input
        type="search"
        aria-label="Search resources to add"
        placeholder="Search by file name"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul aria-label="Resources to add">
        {candidates.map((r) => (
          <li key={r.id}>
            {r.filename}{' '}
            <button type="button" onClick={() => add.mutate({ project: project.id, resources: [r.id] })}>
              Add {r.filename}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Splits({ project }: { project: Project }) {
  const resources = useProjectResources(project.id)
  const splits = useProjectSplits(project.id)
  const assign = useAssignSplits()
  const byResource = new Map(splits.data?.map((s) => [s.resource_id, s.split_name]))
  const count = (name: string | undefined) =>
    (resources.data ?? []).filter((r) => byResource.get(r.id) === name).length
  return (
    <section aria-label="Splits" style={section}>
      <h3>Splits</h3>
      {(splits.error ?? assign.error) && <ErrorMessage error={(splits.error ?? assign.error) as Error} />}
      {assign.isError && <p>Not saved: the previous split is back.</p>}
      <p>
        {SPLITS.map((name) => (
          <span key={name} style={{ marginRight: 12 }}>
            {name}: <output aria-label={`${name} count`}>{count(name)}</output>
          </span>
        ))}
        unassigned: <output aria-label="unassigned count">{count(undefined)}</output>
      </p>
      <ul>
        {resources.data?.map((r) => (
          <li key={r.id}>
            {r.filename}{' '}
            <select
              aria-label={`Split of ${r.filename}`}
              value={byResource.get(r.id) ?? ''}
              onChange={(e) =>
                assign.mutate({ project: project.id, resources: [r.id], splitName: e.target.value })
              }
            >
              <option value="" disabled>
                —
              </option>
              {SPLITS.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Worklists({ project }: { project: Project }) {
  const worklists = useAnnotationWorklists()
  const list = worklists.useList({ project: project.id })
  const create = worklists.useCreate()
  const resources = useProjectResources(project.id)
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const resource_ids = resources.data?.map((r) => r.id) ?? []
    create.mutate({ name, resource_ids, project: project.id }, { onSuccess: () => setName('') })
  }
  return (
    <section aria-label="Worklists" style={section}>
      <h3>Worklists</h3>
      {(list.error ?? create.error) && <ErrorMessage error={(list.error ?? create.error) as Error} />}
      <ul>
        {list.data?.map((w) => (
          <li key={w.id}>
            {w.name} — {w.annotators?.length ?? 0} annotators, {w.resource_ids?.length ?? 0} resources
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <input aria-label="New worklist name" value={name} onChange={(e) => setName(e.target.value)} />{' '}
        <button type="submit" disabled={!name.trim() || create.isPending}>
          Create worklist
        </button>
      </form>
    </section>
  )
}
