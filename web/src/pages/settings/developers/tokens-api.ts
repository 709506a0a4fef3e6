import {
  type ApiToken,
  type CreatedToken,
  type CreateTokenBody,
  queryKeys,
  unwrap,
  useApiMutation,
  useApiQuery,
} from '../../../api'

/** The organization's API tokens (`GET /tokens`), revoked ones included. */
export function useTokens() {
  return useApiQuery(queryKeys.tokens, async (api) => (await unwrap(api.GET('/tokens'))).items)
}

/** `POST /tokens`: the answer carries the raw token, the only time it is ever shown. */
export function useCreateToken(onCreated: (token: CreatedToken) => void) {
  return useApiMutation((api, body: CreateTokenBody) => unwrap(api.POST('/tokens', { body })), {
    invalidates: [queryKeys.tokens],
    onSuccess: onCreated,
  })
}

/** `DELETE /tokens/{uid}`: revokes at once. */
export function useRevokeToken() {
  return useApiMutation(
    (api, uid: string): Promise<ApiToken> =>
      unwrap(api.DELETE('/tokens/{uid}', { params: { path: { uid } } })),
    { invalidates: [queryKeys.tokens] },
  )
}
