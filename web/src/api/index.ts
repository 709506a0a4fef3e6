/**
 * The browser's one way to the API, for every page of the app (pages import this module
 * only; Biome refuses deep imports into `api/` and any import of `sdk/` elsewhere):
 *
 * - `useApiQuery(key, (api) => unwrap(api.GET(…)))` and
 *   `useApiMutation((api, vars) => unwrap(api.POST(…)), { invalidates })`: react-query around
 *   the SDK's typed client, authenticated by the session cookie, CSRF header included. Keys
 *   come from `queryKeys`, which live updates also use.
 * - `unwrap()` turns a typed call into its data or a thrown `TesseraApiError`;
 *   `errorMessage(error)` makes any failure a sentence for people.
 * - The types of the API's objects, all from the SDK's generated schema (`./types`).
 */
export { TesseraApiError, type TesseraClient, unwrap } from '../../../sdk/src/index'
export { ApiProvider, createAppQueryClient } from './api-context'
export { apiBaseUrl, ssoStartUrl } from './client'
export { errorMessage, isApiStatus } from './errors'
export { type ApiMutationOptions, type ApiQueryOptions, useApiMutation, useApiQuery } from './hooks'
export { queryKeys } from './query-keys'
export {
  useFieldDefinitions,
  useForms,
  useOrgSettings,
  useQueueStats,
  useQueues,
  useUsers,
} from './resources'
export { onUnauthorized, setCsrfToken } from './session-state'
export type * from './types'
