/*
 * The optimistic edits of the management writes whose result is certain from their arguments alone:
 * a resource's work status, a member's roles, a split assignment. Pure functions over cached lists.
 */

interface StatusRow {
  resource_id: string
  status: string
}
interface MemberRow {
  user_id: string
  roles: string[]
}
interface SplitRow {
  id: string
  split_name: string
  project_id: string
  resource_id: string
  created_at: string
  created_by: string
}

/**
 * The statuses with `resourceId`'s rows set to `status` (the server sets every annotator's row of the resource);
 * in a list filtered by another status they leave it. Unchanged lists are returned as is.
 */
export function withWorkStatus<R extends StatusRow>(
  rows: R[],
  resourceId: string,
  status: string,
  filter?: { status?: string },
): R[] {
  if (!rows.some((r) => r.resource_id === resourceId)) return rows
  return rows.flatMap((r) =>
    r.resource_id !== resourceId ? [r] : filter?.status && filter.status !== status ? [] : [{ ...r, status }],
  )
}

/** The members with `userId`'s roles replaced (a member not listed yet is left to the refetch: their names are unknown). */
export function withMemberRoles<M extends MemberRow>(members: M[], userId: string, roles: string[]): M[] {
  return members.some((m) => m.user_id === userId)
    ? members.map((m) => (m.user_id === userId ? { ...m, roles } : m))
    : members
}

/**
 * The split list after assigning `resourceIds` to `splitName`: rows move split (or leave a list filtered by
 * another split); resources without a row get a provisional one (`id: 'pending:<resourceId>'`, empty times)
 * until the refetch brings the server's. Historical lists (`asOfTimestamp`) are left alone.
 */
export function withSplit<S extends SplitRow>(
  rows: S[],
  resourceIds: readonly string[],
  splitName: string,
  projectId: string,
  filter?: { splitName?: string; asOfTimestamp?: string },
): S[] {
  if (filter?.asOfTimestamp) return rows
  const moving = new Set(resourceIds)
  const fits = !filter?.splitName || filter.splitName === splitName
  const kept = rows.flatMap((r) =>
    !moving.has(r.resource_id) ? [r] : fits ? [{ ...r, split_name: splitName }] : [],
  )
  if (!fits) return kept
  const listed = new Set(rows.map((r) => r.resource_id))
  const added = resourceIds
    .filter((id) => !listed.has(id))
    .map(
      (id) =>
        ({
          id: `pending:${id}`,
          split_name: splitName,
          project_id: projectId,
          resource_id: id,
          created_at: '',
          created_by: '',
        }) as S,
    )
  return [...kept, ...added]
}
