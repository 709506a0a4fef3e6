import { DateTime } from 'luxon'
import { type Calendar, DEFAULT_CALENDAR } from '../contract/calendar'
import type { DailyStats, DailyStatsQuery } from '../contract/daily-stats'
import { AppError } from '../contract/errors'
import { dailyFigures, medianResolutionByQueue } from '../store/daily-stats'
import type { OrgScope } from './actor'

/** Longest period one request may cover. */
const MAX_DAYS = 366
/** Days covered when the query names no start. */
const DEFAULT_DAYS = 30

/**
 * The dashboard's figures per day of the organization's time zone (the last 30 days unless
 * told), and the median resolution time per queue over the period.
 */
export async function getDailyStats(
  scope: OrgScope,
  calendar: Calendar | null,
  query: DailyStatsQuery,
): Promise<DailyStats> {
  const timeZone = (calendar ?? DEFAULT_CALENDAR).time_zone
  const to = query.to ?? DateTime.now().setZone(timeZone).toISODate() ?? ''
  const from =
    query.from ??
    DateTime.fromISO(to)
      .minus({ days: DEFAULT_DAYS - 1 })
      .toISODate() ??
    ''
  const span = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days
  if (!(span >= 0 && span < MAX_DAYS)) {
    throw new AppError('validation_failed', 'The period is invalid.', [
      { path: '/query/from', message: `must be on or before to, at most ${MAX_DAYS} days before` },
    ])
  }
  const period = { orgUid: scope.orgUid, from, to, timeZone }
  const [days, queues] = await Promise.all([
    dailyFigures(scope.db.pool, { ...period, queueUid: query.queue_uid }),
    medianResolutionByQueue(scope.db.pool, period),
  ])
  return { time_zone: timeZone, days, queues }
}
