import { queryKeys, type Role, type User, unwrap, useApiMutation } from '../../../api'

export interface NewUser {
  email: string
  name: string
  role: Role
  skills?: string[]
  /** Lets the user sign in to the web app; the API takes it once the lead's change lands. */
  password?: string
}

export interface UserChange {
  uid: string
  body: { name?: string; role?: Role; skills?: string[]; active?: boolean }
}

/** `POST /users`. */
export function useCreateUser(onCreated: (user: User) => void) {
  return useApiMutation(
    // The generated body type does not know `password` yet: the SDK is regenerated later.
    (api, body: NewUser) => unwrap(api.POST('/users', { body: body as Omit<NewUser, 'password'> })),
    { invalidates: [queryKeys.users], onSuccess: onCreated },
  )
}

/** `PATCH /users/{uid}`: role, skills, name or activity. */
export function useUpdateUser() {
  return useApiMutation(
    (api, { uid, body }: UserChange) =>
      unwrap(api.PATCH('/users/{uid}', { params: { path: { uid } }, body })),
    { invalidates: [queryKeys.users] },
  )
}
