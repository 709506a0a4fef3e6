/**
 * The browser's access to the API, for every page of the app:
 *
 * - `useApi()`: the SDK's typed client, authenticated by the session cookie, CSRF included.
 * - `useApiQuery(key, (api) => …)` and `useApiMutation((api, vars) => …, { invalidates })`:
 *   react-query around it; keys come from `queryKeys`, which live updates also use.
 * - `unwrap()` turns a typed call into data or a thrown `TesseraApiError`;
 *   `errorMessage(error)` makes any failure a sentence for people.
 * - `apiRequest(path, { method, body })`: for paths the SDK types do not describe yet.
 */
export { TesseraApiError, type TesseraClient, unwrap } from '../../../sdk/src/index'
export { ApiProvider, createAppQueryClient, useApi } from './api-context'
export { errorMessage, isApiStatus } from './errors'
export { type ApiMutationOptions, type ApiQueryOptions, useApiMutation, useApiQuery } from './hooks'
export { queryKeys } from './query-keys'
export { apiRequest } from './raw'
export { useOrgSettings, useQueueStats, useQueues, useUsers } from './resources'
export type * from './types'
