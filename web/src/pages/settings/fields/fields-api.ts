import {
  type CreateFieldBody,
  queryKeys,
  type UpdateFieldBody,
  unwrap,
  useApiMutation,
} from '../../../api'
import type { Positioned } from '../queues/queue-order'

// Definitions change how every page shows fields, and forms list them.
const invalidates = [queryKeys.fields, queryKeys.forms]

/** `POST /fields`. */
export function useCreateField(onSaved: () => void) {
  return useApiMutation((api, body: CreateFieldBody) => unwrap(api.POST('/fields', { body })), {
    invalidates,
    onSuccess: onSaved,
  })
}

/** `PATCH /fields/{uid}`. */
export function useUpdateField(onSaved: () => void) {
  return useApiMutation(
    (api, { uid, body }: { uid: string; body: UpdateFieldBody }) =>
      unwrap(api.PATCH('/fields/{uid}', { params: { path: { uid } }, body })),
    { invalidates, onSuccess: onSaved },
  )
}

/** `DELETE /fields/{uid}`: refused (409) while a form asks for the field. */
export function useDeleteField() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/fields/{uid}', { params: { path: { uid } } })),
    { invalidates },
  )
}

/**
 * Writes new positions one field at a time (the API has no bulk reorder); the list is
 * refetched either way and shows what holds.
 */
export function useMoveFields() {
  return useApiMutation(
    async (api, changes: Positioned[]) => {
      for (const { uid, position } of changes) {
        await unwrap(api.PATCH('/fields/{uid}', { params: { path: { uid } }, body: { position } }))
      }
    },
    { invalidates, invalidatesOnError: true },
  )
}
