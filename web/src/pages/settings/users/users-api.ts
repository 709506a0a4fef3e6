import {
  type CreateUserBody,
  queryKeys,
  type UpdateUserBody,
  type User,
  unwrap,
  useApiMutation,
} from '../../../api'

/** `PATCH /users/{uid}` for one user. */
export interface UserChange {
  uid: string
  body: UpdateUserBody
}

/** `POST /users`. */
export function useCreateUser(onCreated: (user: User) => void) {
  return useApiMutation((api, body: CreateUserBody) => unwrap(api.POST('/users', { body })), {
    invalidates: [queryKeys.users],
    onSuccess: onCreated,
  })
}

/** `PATCH /users/{uid}`: role, skills, name or activity. */
export function useUpdateUser() {
  return useApiMutation(
    (api, { uid, body }: UserChange) =>
      unwrap(api.PATCH('/users/{uid}', { params: { path: { uid } }, body })),
    { invalidates: [queryKeys.users] },
  )
}

/** `POST /users/{uid}/sign-out`: ends every web session of the user (tokens stay). */
export function useSignOutUser() {
  return useApiMutation((api, uid: string) =>
    unwrap(api.POST('/users/{uid}/sign-out', { params: { path: { uid } } })),
  )
}
