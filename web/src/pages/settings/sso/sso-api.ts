import { isApiStatus, type Schema, unwrap, useApiMutation, useApiQuery } from '../../../api'

/** The organization's single sign-on, as `GET /sso` answers it (never the secret). */
export type SsoSettings = Schema<'SsoSettings'>
/** What `PUT /sso` takes; `client_secret` is write-only. */
export type PutSsoBody = Schema<'PutSsoBody'>
/** The answer of `POST /sso/test`. */
export type SsoTestResult = Schema<'SsoTestResult'>

const SSO_KEY = ['settings', 'sso'] as const

/** The settings, or null when single sign-on is not set up (the API's 404). */
export function useSsoSettings() {
  return useApiQuery(SSO_KEY, async (api) => {
    try {
      return await unwrap(api.GET('/sso'))
    } catch (error) {
      if (isApiStatus(error, 404)) {
        return null
      }
      throw error
    }
  })
}

/** `PUT /sso`: creates or replaces the settings. */
export function useSaveSso() {
  return useApiMutation((api, body: PutSsoBody) => unwrap(api.PUT('/sso', { body })), {
    invalidates: [SSO_KEY],
  })
}

/** `DELETE /sso`: turns single sign-on off. */
export function useDeleteSso() {
  return useApiMutation((api, _: undefined) => unwrap(api.DELETE('/sso')), {
    invalidates: [SSO_KEY],
  })
}

/** `POST /sso/test`: fetches the discovery document of the issuer typed (or saved). */
export function useTestSso() {
  return useApiMutation((api, issuer: string) =>
    unwrap(api.POST('/sso/test', { body: issuer ? { issuer } : {} })),
  )
}
