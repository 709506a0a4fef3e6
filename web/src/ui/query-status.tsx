import type { UseQueryResult } from '@tanstack/react-query'
import { ErrorNotice } from './error-notice'
import { Loading } from './loading'

/** Props of {@link QueryStatus}. */
export interface QueryStatusProps {
  query: Pick<UseQueryResult<unknown, Error>, 'isPending' | 'error' | 'refetch'>
  /** The loading line: "Loading the calendar". */
  loading: string
  /** What failed, to start the error's sentence: "Could not load the calendar". */
  failed: string
}

/**
 * Where a query stands when it has no data to show: its loading line while it loads, its
 * error with a retry once it failed, nothing otherwise (the caller shows the data).
 */
export function QueryStatus({ query, loading, failed }: QueryStatusProps) {
  if (query.isPending) {
    return <Loading label={loading} />
  }
  if (query.error) {
    return <ErrorNotice error={query.error} action={failed} onRetry={() => query.refetch()} />
  }
  return null
}
