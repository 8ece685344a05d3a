'use client'
import {
  type QueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useCallback, useRef } from 'react'
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

  const schedule = useCallback(
    (variables: V) => {
      if (mutationMode !== 'undoable') return
      const ticket = scheduleUndoable(undoTimeout)
      const queue = tickets.current.get(variables) ?? []
      queue.push(ticket)
      tickets.current.set(variables, queue)
      latest.current = ticket
    },
    [mutationMode, undoTimeout],
  )
  const { mutate: rqMutate, mutateAsync: rqMutateAsync, reset } = mutation
  const mutate = useCallback(
    (...args: Parameters<typeof rqMutate>) => {
      schedule(args[0] as V)
      rqMutate(...args)
    },
    [schedule, rqMutate],
  )
  const mutateAsync = useCallback(
    (...args: Parameters<typeof rqMutateAsync>) => {
      schedule(args[0] as V)
      return rqMutateAsync(...args)
    },
    [schedule, rqMutateAsync],
  )
  const undo = useCallback(() => {
    const ticket = latest.current
    if (!ticket?.undo()) return false
    // The mutation rejects with MutationUndoneError and rolls the cache back; the result goes back to idle.
    reset()
    return true
  }, [reset])

  return { ...mutation, mutate, mutateAsync, undo } as UndoableMutationResult<R, V>
}
