import type { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DatamintApi } from '../../src/api/endpoints/DatamintApi.js'
import { ServerError } from '../../src/api/errors.js'
import { DatamintProvider } from '../../src/hooks/DatamintProvider.js'
import { useAnnotationWorklists, useProjects } from '../../src/hooks/entityHooks.js'
import {
  useAddProjectResources,
  useAssignSplits,
  useDeleteUser,
  useInviteUser,
  useRemoveProjectMember,
  useRemoveProjectResources,
  useSetProjectMember,
  useSetWorklistAnnotator,
  useSetWorkStatus,
} from '../../src/hooks/managementMutations.js'
import {
  useAnnotationStatuses,
  useInvitations,
  useProjectMembers,
  useProjectResources,
  useProjectSplits,
} from '../../src/hooks/managementQueries.js'
import { createDatamintServer } from '../../src/testing/index.js'
import { loadSeedFiles } from '../../src/testing/node.js'
import { newClient } from './support/things.js'

// The management hooks against the in-memory server (msw in this jsdom project): cache effects and rollback.
const seedFiles = await loadSeedFiles(`${process.cwd()}/test/fixtures`, {
  include: (path) => /^dicom\/(CT|MR)_small/.test(path),
})
const datamint = createDatamintServer({ seedFiles })
const msw = setupServer(...datamint.handlers)
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  msw.resetHandlers()
  datamint.reset()
})

/**
 * Holds requests to `path` (msw syntax, e.g. `/projects/:id/splits`) until `release()`; they then reach the
 * in-memory server (a resolver that returns nothing falls through to the next handler). Makes the window
 * in which an optimistic change is visible deterministic.
 */
function hold(method: 'post' | 'delete', path: string): () => void {
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  msw.use(http[method](`${datamint.baseUrl}${path}`, () => gate.then(() => undefined)))
  return release
}
afterAll(() => msw.close())

const ct = () =>
  datamint.db.liveProjects().find((p) => p.name === 'Chest CT Review') as { id: string; worklist_id: string }
const gets = (route: string) =>
  datamint.requests.filter((r) => r.route === route && r.method === 'GET').length

function setup(): { client: QueryClient; wrapper: (p: { children: ReactNode }) => ReactNode } {
  const client = newClient()
  const api = new DatamintApi({ serverUrl: datamint.baseUrl, apiKey: datamint.apiKey ?? undefined })
  return {
    client,
    wrapper: ({ children }) => (
      <DatamintProvider api={api} queryClient={client}>
        {children}
      </DatamintProvider>
    ),
  }
}

describe('members', () => {
  it('a role change is optimistic and stays after the server agrees; keys sit under the project', async () => {
    const { wrapper, client } = setup()
    const { id } = ct()
    const view = renderHook(() => ({ members: useProjectMembers(id), set: useSetProjectMember() }), {
      wrapper,
    })
    await waitFor(() => expect(view.result.current.members.isSuccess).toBe(true))
    expect(
      client
        .getQueryCache()
        .find({ queryKey: ['datamint', datamint.baseUrl, 'projects', 'detail', id, 'members'] }),
    ).toBeDefined()
    const annotator = view.result.current.members.data?.find((m) => m.email === 'annotator@datamint.test')
    const release = hold('post', '/projects/:id/members/:userId')
    act(() =>
      view.result.current.set.mutate({
        project: id,
        user: annotator?.user_id as string,
        roles: ['PROJECT_REVIEWER'],
      }),
    )
    await waitFor(() =>
      expect(view.result.current.members.data?.find((m) => m.user_id === annotator?.user_id)?.roles).toEqual([
        'PROJECT_REVIEWER',
      ]),
    )
    expect(view.result.current.set.isPending).toBe(true)
    release()
    await waitFor(() => expect(view.result.current.set.isSuccess).toBe(true))
    await waitFor(() => expect(gets('GET /projects/:id/members')).toBe(2))
    expect(view.result.current.members.data?.find((m) => m.user_id === annotator?.user_id)?.roles).toEqual([
      'PROJECT_REVIEWER',
    ])
  })

  it('a refused role change rolls back', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    datamint.inject('POST /projects/:id/members/:userId', { status: 500 })
    const view = renderHook(() => ({ members: useProjectMembers(id), set: useSetProjectMember() }), {
      wrapper,
    })
    await waitFor(() => expect(view.result.current.members.isSuccess).toBe(true))
    const before = view.result.current.members.data
    const member = before?.[1]
    const release = hold('post', '/projects/:id/members/:userId')
    act(() =>
      view.result.current.set.mutate({ project: id, user: member as never, roles: ['PROJECT_MANAGER'] }),
    )
    await waitFor(() => expect(view.result.current.members.data?.[1].roles).toEqual(['PROJECT_MANAGER']))
    release()
    await waitFor(() => expect(view.result.current.set.isError).toBe(true))
    expect(view.result.current.set.error).toBeInstanceOf(ServerError)
    expect(view.result.current.members.data?.[1].roles).toEqual(member?.roles)
  })

  it('removing a member is pessimistic: the list changes only with the refetch', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    const view = renderHook(() => ({ members: useProjectMembers(id), remove: useRemoveProjectMember() }), {
      wrapper,
    })
    await waitFor(() => expect(view.result.current.members.isSuccess).toBe(true))
    const gone = view.result.current.members.data?.[3]
    const release = hold('delete', '/projects/:id/members/:userId')
    act(() => view.result.current.remove.mutate({ project: id, user: gone?.user_id as string }))
    await act(async () => {})
    expect(view.result.current.remove.isPending).toBe(true)
    expect(view.result.current.members.data).toHaveLength(4)
    release()
    await waitFor(() => expect(view.result.current.members.data).toHaveLength(3))
    expect(view.result.current.members.data?.map((m) => m.user_id)).not.toContain(gone?.user_id)
  })
})

describe('splits', () => {
  it('assignments move rows at once (provisional rows for new ones); the refetch waits for every pending write', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    // One resource of the project without a split (the store may be written directly).
    const [first] = [...datamint.db.splits.values()].filter((s) => s.project_id === id)
    datamint.db.splits.delete(first.id)
    const view = renderHook(
      () => ({
        all: useProjectSplits(id),
        val: useProjectSplits(id, { splitName: 'val' }),
        assign: useAssignSplits(),
        resources: useProjectResources(id),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(view.result.current.all.isSuccess && view.result.current.resources.isSuccess).toBe(true),
    )
    const rows = view.result.current.all.data ?? []
    const unplaced = view.result.current.resources.data?.find(
      (r) => !rows.some((s) => s.resource_id === r.id),
    )
    const train = rows.find((s) => s.split_name === 'train')
    const release = hold('post', '/projects/:id/splits')
    const splitGets = gets('GET /projects/:id/splits')
    act(() => {
      view.result.current.assign.mutate({
        project: id,
        resources: [train?.resource_id as string],
        splitName: 'val',
      })
      view.result.current.assign.mutate({
        project: id,
        resources: [unplaced?.id as string],
        splitName: 'val',
      })
    })
    await waitFor(() =>
      expect(view.result.current.val.data?.map((s) => s.resource_id)).toContain(unplaced?.id),
    )
    expect(view.result.current.val.data?.map((s) => s.resource_id)).toContain(train?.resource_id)
    expect(view.result.current.all.data?.find((s) => s.resource_id === unplaced?.id)?.id).toBe(
      `pending:${unplaced?.id}`,
    )
    expect(view.result.current.assign.isPending).toBe(true)
    release()
    await waitFor(() => expect(view.result.current.assign.isSuccess).toBe(true))
    // Both lists refetch once, after the last write (not once per write).
    await waitFor(() => expect(gets('GET /projects/:id/splits')).toBe(splitGets + 2))
    await waitFor(() =>
      expect(view.result.current.all.data?.find((s) => s.resource_id === unplaced?.id)?.id).not.toMatch(
        /^pending:/,
      ),
    )
    expect(view.result.current.all.data?.filter((s) => s.split_name === 'val').length).toBe(
      view.result.current.val.data?.length,
    )
  })

  it('a refused assignment rolls the lists back', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    datamint.inject('POST /projects/:id/splits', { status: 503, times: 1 })
    const view = renderHook(() => ({ all: useProjectSplits(id), assign: useAssignSplits() }), { wrapper })
    await waitFor(() => expect(view.result.current.all.isSuccess).toBe(true))
    const before = view.result.current.all.data
    const moved = before?.find((s) => s.split_name === 'train')
    act(() =>
      view.result.current.assign.mutate({
        project: id,
        resources: [moved?.resource_id as string],
        splitName: 'test',
      }),
    )
    await waitFor(() => expect(view.result.current.assign.isError).toBe(true))
    expect(view.result.current.all.data?.find((s) => s.resource_id === moved?.resource_id)?.split_name).toBe(
      'train',
    )
  })
})

describe('work status, project resources, worklists, users', () => {
  it('work status: optimistic on every row of the resource; a list filtered by another status drops it', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    const view = renderHook(
      () => ({
        all: useAnnotationStatuses(id),
        opened: useAnnotationStatuses(id, { status: 'opened' }),
        set: useSetWorkStatus(),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(view.result.current.all.isSuccess && view.result.current.opened.isSuccess).toBe(true),
    )
    const target = view.result.current.opened.data?.[0]
    const release = hold('post', '/projects/:id/resources/:rid/status')
    act(() =>
      view.result.current.set.mutate({
        project: id,
        resource: target?.resource_id as string,
        status: 'closed',
      }),
    )
    await waitFor(() =>
      expect(view.result.current.opened.data?.some((s) => s.resource_id === target?.resource_id)).toBe(false),
    )
    expect(
      view.result.current.all.data
        ?.filter((s) => s.resource_id === target?.resource_id)
        .every((s) => s.status === 'closed'),
    ).toBe(true)
    expect(view.result.current.set.isPending).toBe(true)
    release()
    await waitFor(() => expect(view.result.current.set.isSuccess).toBe(true))
  })

  it('adding resources refreshes the project (counts) and its resource list; removing goes through its dataset', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    const outside = datamint.db.liveResources().find((r) => !r.projects.some((p) => p.id === id)) as {
      id: string
    }
    const view = renderHook(
      () => ({
        project: useProjects().useGetById(id),
        resources: useProjectResources(id),
        add: useAddProjectResources(),
        remove: useRemoveProjectResources(),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(view.result.current.project.isSuccess && view.result.current.resources.isSuccess).toBe(true),
    )
    const count = view.result.current.project.data?.resource_count as number
    act(() => view.result.current.add.mutate({ project: id, resources: [outside.id] }))
    await waitFor(() => expect(view.result.current.project.data?.resource_count).toBe(count + 1))
    await waitFor(() => expect(view.result.current.resources.data?.map((r) => r.id)).toContain(outside.id))
    act(() =>
      view.result.current.remove.mutate({
        project: view.result.current.project.data as never,
        resources: [outside.id],
      }),
    )
    await waitFor(() => expect(view.result.current.project.data?.resource_count).toBe(count))
    await waitFor(() =>
      expect(view.result.current.resources.data?.map((r) => r.id)).not.toContain(outside.id),
    )
  })

  it("a new worklist shows in its project's worklists; an annotator change refreshes the worklist", async () => {
    const { wrapper } = setup()
    const { id, worklist_id } = ct()
    const view = renderHook(
      () => {
        const worklists = useAnnotationWorklists()
        return {
          list: worklists.useList({ project: id }),
          detail: worklists.useGetById(worklist_id),
          create: worklists.useCreate(),
          members: useProjectMembers(id),
          setAnnotator: useSetWorklistAnnotator(),
        }
      },
      { wrapper },
    )
    await waitFor(() =>
      expect(
        view.result.current.list.isSuccess &&
          view.result.current.members.isSuccess &&
          view.result.current.detail.isSuccess,
      ).toBe(true),
    )
    expect(view.result.current.list.data).toHaveLength(1)
    act(() => view.result.current.create.mutate({ name: 'Round 2', resource_ids: [], project: id }))
    await waitFor(() => expect(view.result.current.list.data?.map((w) => w.name)).toContain('Round 2'))
    const reviewer = view.result.current.members.data?.find((m) => m.email === 'reviewer@datamint.test')
    act(() =>
      view.result.current.setAnnotator.mutate({
        worklist: worklist_id,
        userId: reviewer?.user_id as string,
        status: 'active',
        expertiseLevel: 'expert',
      }),
    )
    await waitFor(() =>
      expect(view.result.current.detail.data?.annotators?.map((a) => a.email)).toContain(
        'reviewer@datamint.test',
      ),
    )
  })

  it('an invitation refreshes the invitations; a deleted user leaves the members', async () => {
    const { wrapper } = setup()
    const { id } = ct()
    const view = renderHook(
      () => ({
        invitations: useInvitations({ project: id }),
        invite: useInviteUser(),
        members: useProjectMembers(id),
        del: useDeleteUser(),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(view.result.current.invitations.isSuccess && view.result.current.members.isSuccess).toBe(true),
    )
    act(() =>
      view.result.current.invite.mutate({
        email: 'zoe@datamint.test',
        project: id,
        projectRoles: ['PROJECT_ANNOTATOR'],
      }),
    )
    await waitFor(() =>
      expect(view.result.current.invitations.data?.map((i) => i.email)).toContain('zoe@datamint.test'),
    )
    act(() => view.result.current.del.mutate('reviewer@datamint.test'))
    await waitFor(() =>
      expect(view.result.current.members.data?.map((m) => m.email)).not.toContain('reviewer@datamint.test'),
    )
  })
})
