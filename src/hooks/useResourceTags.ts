'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo, useRef } from 'react'
import type { Resource } from '../api/models/Resource.js'
import type { EntityQueryKeys } from './core/createQueryKeys.js'
import { createEntityCache, type EntityCache } from './core/entityCache.js'
import { runWrite } from './core/entityMutations.js'
import { scheduleUndoable, type UndoTicket } from './core/undoableScheduler.js'
import { weakMemo } from './core/weakMemo.js'
import { useDatamintApi } from './DatamintProvider.js'
import { useResources } from './entityHooks.js'
import type { UndoableMutationResult, WriteHookOptions } from './useCacheMutation.js'

/** What {@link useResourceTags} mutates with: resources and the tags to add, remove, or set outright. */
export interface ResourceTagsVariables {
  resources: ReadonlyArray<string | Resource>
  add?: readonly string[]
  remove?: readonly string[]
  /** Replace the tags (then `add`/`remove` apply on top). */
  set?: readonly string[]
}

const cacheOf = weakMemo(
  (keys: EntityQueryKeys<unknown>): EntityCache<Resource> =>
    createEntityCache<Resource>(keys, (entity) => (entity as { id?: string } | undefined)?.id),
)

/**
 * Changes the tags of resources (`api.resources.setTags`): optimistic by default — the new tags show at
 * once in every cached list and detail, and go back if the server refuses; `mutationMode: 'undoable'`
 * holds the requests for `undoTimeout` ms so `undo()` can cancel them. Each resource's new tags come from
 * its cached copy (or the entity passed); resources whose tags end up equal share one request.
 *
 * @example
 * const tags = useResourceTags({ mutationMode: 'undoable' })
 * tags.mutate({ resources: selected, add: ['reviewed'] })
 * <button onClick={() => tags.undo()}>Undo</button>
 */
export function useResourceTags(
  options: WriteHookOptions = {},
): UndoableMutationResult<void, ResourceTagsVariables> {
  const { mutationMode = 'optimistic', undoTimeout = 5000 } = options
  const api = useDatamintApi()
  const client = useQueryClient()
  const cache = cacheOf(useResources().keys as EntityQueryKeys<unknown>)
  const tickets = useRef(new Map<ResourceTagsVariables, UndoTicket>()).current
  const latest = useRef<UndoTicket | undefined>(undefined)

  const mutation = useMutation<void, Error, ResourceTagsVariables>({
    mutationFn: async (variables) => {
      const ticket = tickets.get(variables)
      tickets.delete(variables)
      // Current tags per resource: the entity given, else the newest cached copy, else the server's.
      const groups = new Map<string, { ids: string[]; tags: string[] }>()
      for (const resource of variables.resources) {
        const id = api.resources.getEntityId(resource)
        const known =
          typeof resource === 'string'
            ? (cache.find(client, id)?.entity ?? (await api.resources.getById(id)))
            : resource
        const tags = nextTags(known.tags ?? [], variables)
        const key = JSON.stringify(tags)
        const group = groups.get(key) ?? { ids: [], tags }
        group.ids.push(id)
        groups.set(key, group)
      }
      const results = await Promise.allSettled(
        [...groups.values()].map(({ ids, tags }) =>
          runWrite(
            client,
            cache,
            {
              ids,
              change: { tags },
              send: () => api.resources.setTags(ids.length === 1 ? ids[0] : ids, tags),
            },
            mutationMode,
            ticket,
          ),
        ),
      )
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    },
  })
  const { mutate, mutateAsync, reset } = mutation
  const added = useMemo(() => {
    const wrap =
      <R>(fn: (v: ResourceTagsVariables, o?: never) => R) =>
      (variables: ResourceTagsVariables, o?: never) => {
        if (mutationMode === 'undoable') {
          latest.current = scheduleUndoable(undoTimeout)
          tickets.set(variables, latest.current)
        }
        return fn(variables, o)
      }
    return {
      mutate: wrap(mutate),
      mutateAsync: wrap(mutateAsync),
      undo() {
        const undone = latest.current?.undo() ?? false
        if (undone) reset()
        return undone
      },
    }
  }, [mutationMode, undoTimeout, mutate, mutateAsync, reset, tickets])
  return { ...mutation, ...added } as UndoableMutationResult<void, ResourceTagsVariables>
}

function nextTags(
  current: readonly string[],
  { add = [], remove = [], set }: ResourceTagsVariables,
): string[] {
  const removed = new Set(remove.map((t) => t.trim()))
  const out: string[] = []
  for (const tag of [...(set ?? current), ...add]) {
    const t = tag.trim()
    if (t !== '' && !removed.has(t) && !out.includes(t)) out.push(t)
  }
  return out
}
