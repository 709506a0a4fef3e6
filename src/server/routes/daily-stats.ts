import { DateTime } from 'luxon'
import { DEFAULT_CALENDAR } from '../../contract/calendar'
import { ErrorResponse } from '../../contract/common'
import { DailyStats, DailyStatsQuery } from '../../contract/daily-stats'
import { AppError } from '../../contract/errors'
import { dailyFigures, medianResolutionByQueue } from '../../store/daily-stats'
import { principalOf } from '../plugins/auth'
import type { Api, RouteDeps } from '../types'

/** Longest period one request may cover. */
const MAX_DAYS = 366

/** `GET /stats/daily`: the dashboard's figures per day and per queue. */
export function registerDailyStatsRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/stats/daily',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Backlog, created, done and SLA breaches per day; median resolution per queue',
        tags: ['stats'],
        querystring: DailyStatsQuery,
        response: { 200: DailyStats, 401: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const timeZone = (principal.calendar ?? DEFAULT_CALENDAR).time_zone
      const to = request.query.to ?? DateTime.now().setZone(timeZone).toISODate() ?? ''
      const from = request.query.from ?? DateTime.fromISO(to).minus({ days: 29 }).toISODate() ?? ''
      const span = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days
      if (!(span >= 0 && span < MAX_DAYS)) {
        throw new AppError('validation_failed', 'The period is invalid.', [
          {
            path: '/query/from',
            message: `must be on or before to, at most ${MAX_DAYS} days before`,
          },
        ])
      }
      const scope = { orgUid: principal.orgUid, from, to, timeZone }
      const [days, queues] = await Promise.all([
        dailyFigures(db.pool, { ...scope, queueUid: request.query.queue_uid }),
        medianResolutionByQueue(db.pool, scope),
      ])
      return { time_zone: timeZone, days, queues }
    },
  )
}
