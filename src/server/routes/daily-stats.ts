import { getDailyStats } from '../../app/read-daily-stats'
import { ErrorResponse } from '../../contract/common'
import { DailyStats, DailyStatsQuery } from '../../contract/daily-stats'
import { principalOf } from '../plugins/auth'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

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
    async (request) =>
      getDailyStats(actingAs(request, db), principalOf(request).calendar, request.query),
  )
}
