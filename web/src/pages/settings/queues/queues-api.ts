import { type QueueBody, queryKeys, unwrap, useApiMutation } from '../../../api'
import type { Positioned } from './queue-order'

// Editing a queue re-routes open tasks: refresh the queues, their figures and the tasks.
const invalidates = [queryKeys.queues, queryKeys.tasks, queryKeys.dashboard]

/** `POST /queues` (at the end of the routing order). */
export function useCreateQueue(onSaved: () => void) {
  return useApiMutation((api, body: QueueBody) => unwrap(api.POST('/queues', { body })), {
    invalidates,
    onSuccess: onSaved,
  })
}

/** `PATCH /queues/{uid}`. */
export function useUpdateQueue(onSaved: () => void) {
  return useApiMutation(
    (api, { uid, body }: { uid: string; body: QueueBody }) =>
      unwrap(api.PATCH('/queues/{uid}', { params: { path: { uid } }, body })),
    { invalidates, onSuccess: onSaved },
  )
}

/** `DELETE /queues/{uid}`: its open tasks go to the next matching queue. */
export function useDeleteQueue() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/queues/{uid}', { params: { path: { uid } } })),
    { invalidates },
  )
}

/**
 * Writes new positions one queue at a time. The API has no bulk reorder, so a failure
 * midway leaves some moved: the list is refetched either way and shows what holds.
 */
export function useMoveQueues() {
  return useApiMutation(
    async (api, changes: Positioned[]) => {
      for (const { uid, position } of changes) {
        await unwrap(api.PATCH('/queues/{uid}', { params: { path: { uid } }, body: { position } }))
      }
    },
    { invalidates },
  )
}
