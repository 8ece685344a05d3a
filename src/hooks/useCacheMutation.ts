'use client'
import {
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useMemo, useRef } from 'react'
import type { DatamintError } from '../api/errors.js'
import type { EntityCache } from './core/entityCache.js'
import { type EntityWrite, type MutationMode, runWrite } from './core/entityMutations.js'
import { scheduleUndoable, type UndoTicket } from './core/undoableScheduler.js'

/** A mutation result with `undo()`: cancels the latest mutation still waiting in undoable mode. */
export type UndoableMutationResult<R, V> = UseMutationResult<R, DatamintError, V> & {
  /** Restores the cache and sends nothing; false when nothing was waiting (already sent, or not undoable). */
  undo(): boolean
}

/** Options of `usePatch`, `useDelete`, `useBulkDelete`. */
export interface WriteHookOptions {
  /** Default `'optimistic'`. */
  mutationMode?: MutationMode
  /** Undoable mode: how long the request waits for `undo()`, in ms (default 5000). */
  undoTimeout?: number
}
export type MutationOverrides<R, V> = Omit<UseMutationOptions<R, DatamintError, V>, 'mutationFn'>

/**
 * `useMutation` around a cache-aware write. In undoable mode the wait starts when `mutate` is called
 * (not when React Query gets to `mutationFn`), so an `undo()` right after `mutate()` sends nothing.
 */
export function useCacheMutation<T, V, R>(
  cache: EntityCache<T>,
  write: (variables: V) => EntityWrite<R>,
  {
    mutationMode = 'optimistic',
    undoTimeout = 5000,
    ...options
  }: WriteHookOptions & MutationOverrides<R, V> = {},
): UndoableMutationResult<R, V> {
  const client = useQueryClient()
  // Tickets waiting for their mutationFn, with the variables they were scheduled for; and the latest.
  const tickets = useRef<[V, UndoTicket][]>([]).current
  const latest = useRef<UndoTicket>(undefined)
  const mutation = useMutation<R, DatamintError, V>(
    {
      ...options,
      mutationFn: (variables) => {
        const i = tickets.findIndex(([v]) => v === variables)
        const ticket = i < 0 ? undefined : tickets.splice(i, 1)[0][1]
        return runWrite(client, cache, write(variables), mutationMode, ticket)
      },
    },
    client,
  )
  const { mutate, mutateAsync, reset } = mutation
  const added = useMemo(() => {
    const wrap = (fn: (variables: V, options?: never) => unknown) => (variables: V, options?: never) => {
      if (mutationMode === 'undoable') {
        latest.current = scheduleUndoable(undoTimeout)
        tickets.push([variables, latest.current])
      }
      return fn(variables, options)
    }
    return {
      mutate: wrap(mutate),
      mutateAsync: wrap(mutateAsync),
      undo() {
        // The mutation rejects with MutationUndoneError and rolls the cache back; the result goes back to idle.
        const undone = latest.current?.undo() ?? false
        if (undone) reset()
        return undone
      },
    }
  }, [mutationMode, undoTimeout, mutate, mutateAsync, reset, tickets])
  return { ...mutation, ...added } as UndoableMutationResult<R, V>
}
