import {
  type CreateFormBody,
  queryKeys,
  type UpdateFormBody,
  unwrap,
  useApiMutation,
} from '../../../api'

// Queues name their completion form: deleting one leaves them without.
const invalidates = [queryKeys.forms, queryKeys.queues]

/** `POST /forms`. */
export function useCreateForm(onSaved: () => void) {
  return useApiMutation((api, body: CreateFormBody) => unwrap(api.POST('/forms', { body })), {
    invalidates,
    onSuccess: onSaved,
  })
}

/** `PATCH /forms/{uid}`. */
export function useUpdateForm(onSaved: () => void) {
  return useApiMutation(
    (api, { uid, body }: { uid: string; body: UpdateFormBody }) =>
      unwrap(api.PATCH('/forms/{uid}', { params: { path: { uid } }, body })),
    { invalidates, onSuccess: onSaved },
  )
}

/** `DELETE /forms/{uid}`: queues completed through it are left without a form. */
export function useDeleteForm() {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/forms/{uid}', { params: { path: { uid } } })),
    { invalidates },
  )
}
