import {
  type QueryKey,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { TesseraClient } from '../../../sdk/src/index'
import { useApi } from './api-context'

/** Options of {@link useApiQuery}: react-query's, without the key and function. */
export type ApiQueryOptions<T> = Omit<UseQueryOptions<T, Error>, 'queryKey' | 'queryFn'>

/**
 * A react-query query that calls the API:
 * `useApiQuery(queryKeys.tokens, (api) => unwrap(api.GET('/tokens')))`.
 * `error` is a `TesseraApiError` for an API refusal (show it with `<ErrorNotice>`).
 */
export function useApiQuery<T>(
  key: QueryKey,
  load: (api: TesseraClient, signal: AbortSignal) => Promise<T>,
  options: ApiQueryOptions<T> = {},
): UseQueryResult<T, Error> {
  const api = useApi()
  return useQuery({ ...options, queryKey: key, queryFn: ({ signal }) => load(api, signal) })
}

/** Options of {@link useApiMutation}. */
export interface ApiMutationOptions<T, V> {
  /** Query keys (prefixes) to refetch once the call succeeded. */
  invalidates?: QueryKey[]
  /** Refetch them after a failure too: a refusal may mean the data moved on meanwhile. */
  invalidatesOnError?: boolean
  onSuccess?: (data: T, variables: V) => void
}

/**
 * A react-query mutation that calls the API and then refreshes the queries it made stale:
 * `useApiMutation((api, uid: string) => unwrap(api.DELETE('/tokens/{uid}', …)), { invalidates: [queryKeys.tokens] })`.
 */
export function useApiMutation<V, T>(
  run: (api: TesseraClient, variables: V) => Promise<T>,
  options: ApiMutationOptions<T, V> = {},
): UseMutationResult<T, Error, V> {
  const api = useApi()
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all(
      (options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    )
  return useMutation({
    mutationFn: (variables: V) => run(api, variables),
    onSuccess: async (data, variables) => {
      await refresh()
      options.onSuccess?.(data, variables)
    },
    ...(options.invalidatesOnError ? { onError: refresh } : {}),
  })
}
