import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import { type Account, queryKeys, unwrap, useApiMutation, useApiQuery } from '../../api'
import { hasRole } from '../../auth/roles'
import type { View, ViewContent } from './view-state'

/**
 * The reader's views and the organization's shared ones, pinned first, with how many tasks
 * each matches now (`GET /views?counts=true`). Its key sits under the task lists: live task
 * events refresh the counts with the lists.
 */
export function useViews(): UseQueryResult<View[], Error> {
  return useApiQuery(
    queryKeys.views,
    async (api) => (await unwrap(api.GET('/views', { params: { query: { counts: true } } }))).items,
  )
}

/** What a new view holds besides its content. */
export interface NewView extends ViewContent {
  name: string
  shared: boolean
  pinned: boolean
}

/** `POST /views`. */
export function useCreateView(
  onSuccess?: (view: View) => void,
): UseMutationResult<View, Error, NewView> {
  return useApiMutation((api, body: NewView) => unwrap(api.POST('/views', { body })), {
    invalidates: [queryKeys.views],
    ...(onSuccess ? { onSuccess } : {}),
  })
}

/** A change of one view: any of its writable keys. */
export interface ViewChange {
  uid: string
  body: Partial<NewView>
}

/** `PATCH /views/{uid}`. */
export function useUpdateView(): UseMutationResult<View, Error, ViewChange> {
  return useApiMutation(
    (api, { uid, body }: ViewChange) =>
      unwrap(api.PATCH('/views/{uid}', { params: { path: { uid } }, body })),
    { invalidates: [queryKeys.views], invalidatesOnError: true },
  )
}

/** `DELETE /views/{uid}`. */
export function useDeleteView(): UseMutationResult<unknown, Error, string> {
  return useApiMutation(
    (api, uid: string) => unwrap(api.DELETE('/views/{uid}', { params: { path: { uid } } })),
    { invalidates: [queryKeys.views], invalidatesOnError: true },
  )
}

/** Whether `account` may change `view`: their own, or a shared one as an admin (as the API rules). */
export function canEditView(view: View, account: Account): boolean {
  return view.owner_uid === account.user.uid || (view.shared && hasRole(account.role, 'admin'))
}
