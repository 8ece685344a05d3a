'use client'
import {
  type QueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useCallback, useMemo, useRef } from 'react'
import type { MutationMode, WriteOptions } from './entityMutations.js'
import { scheduleUndoable, type UndoTicket } from './undoableScheduler.js'

/** A mutation result with `undo()`: cancels the latest mutation still waiting in undoable mode. */
export type UndoableMutationResult<R, V> = UseMutationResult<R, Error, V> & {
  /** Restores the cache and sends nothing; false when nothing was waiting (already sent, or not undoable). */
  undo(): boolean
}

type Options<R, V> = Omit<UseMutationOptions<R, Error, V>, 'mutationFn'> & {
  mutationMode?: MutationMode
  undoTimeout?: number
}

/**
 * `useMutation` around a cache-aware write. In undoable mode the wait starts when `mutate` is called
 * (not when React Query gets to `mutationFn`), so an `undo()` right after `mutate()` sends nothing.
 */
export function useCacheMutation<V, R>(
  options: Options<R, V> | undefined,
  write: (client: QueryClient, variables: V, options: WriteOptions) => Promise<R>,
): UndoableMutationResult<R, V> {
  const { mutationMode = 'optimistic', undoTimeout = 5000, ...mutationOptions } = options ?? {}
  const client = useQueryClient()
  // Tickets by the variables they were scheduled for (FIFO per value), taken by mutationFn.
  const tickets = useRef(new Map<unknown, UndoTicket[]>())
  const latest = useRef<UndoTicket | undefined>(undefined)

  const mutation = useMutation<R, Error, V>(
    {
      ...mutationOptions,
      mutationFn: (variables) => {
        const queue = tickets.current.get(variables)
        const ticket = queue?.shift()
        if (queue && queue.length === 0) tickets.current.delete(variables)
        return write(client, variables, { mode: mutationMode, ticket })
      },
    },
    client,
  )

  const { mutate, mutateAsync, reset } = mutation
  // Both wrappers schedule the undo wait before React Query runs mutationFn.
  const wrapped = useMemo(() => {
    const wrap = (fn: (variables: V, options?: never) => unknown) => (variables: V, options?: never) => {
      if (mutationMode === 'undoable') {
        const ticket = scheduleUndoable(undoTimeout)
        tickets.current.set(variables, [...(tickets.current.get(variables) ?? []), ticket])
        latest.current = ticket
      }
      return fn(variables, options)
    }
    return { mutate: wrap(mutate), mutateAsync: wrap(mutateAsync) }
  }, [mutationMode, undoTimeout, mutate, mutateAsync])
  const undo = useCallback(() => {
    // The mutation rejects with MutationUndoneError and rolls the cache back; the result goes back to idle.
    const undone = latest.current?.undo() ?? false
    if (undone) reset()
    return undone
  }, [reset])

  return { ...mutation, ...wrapped, undo } as UndoableMutationResult<R, V>
}
