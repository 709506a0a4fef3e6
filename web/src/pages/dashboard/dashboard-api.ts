import { queryKeys, unwrap, useApiQuery } from '../../api'

/** Figures per day from `from` to `to` (org-local dates), for one queue or all. */
export function useDailyStats(from: string, to: string, queueUid: string | null, enabled: boolean) {
  const query = { from, to, ...(queueUid ? { queue_uid: queueUid } : {}) }
  return useApiQuery(
    [...queryKeys.dashboard, 'daily', from, to, queueUid],
    (api) => unwrap(api.GET('/stats/daily', { params: { query } })),
    { enabled },
  )
}

/**
 * The organization's time zone, in which the API counts days: the period must end on its
 * today, not the browser's. Shares its cache with Settings > Business hours.
 */
export function useOrgTimeZone(): { timeZone: string | undefined; error: Error | null } {
  const calendar = useApiQuery(queryKeys.calendar, (api) => unwrap(api.GET('/settings/calendar')))
  return { timeZone: calendar.data?.time_zone, error: calendar.error }
}
