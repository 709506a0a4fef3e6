import { apiRequest, queryKeys, unwrap, useApiQuery } from '../../api'
import type { DayFigures, QueueResolution } from './daily-stats'

/** `GET /stats/daily` (`src/contract/daily-stats.ts`); the SDK's types do not have it yet. */
export interface DailyStats {
  time_zone: string
  days: DayFigures[]
  queues: QueueResolution[]
}

/** Figures per day from `from` to `to` (org-local dates), for one queue or all. */
export function useDailyStats(from: string, to: string, queueUid: string | null, enabled: boolean) {
  const query = new URLSearchParams({ from, to, ...(queueUid ? { queue_uid: queueUid } : {}) })
  return useApiQuery(
    [...queryKeys.dashboard, 'daily', from, to, queueUid],
    () => apiRequest<DailyStats>(`/stats/daily?${query}`),
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
