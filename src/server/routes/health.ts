import { Type } from '@sinclair/typebox'
import { checkHealth } from '../../app/check-health'
import type { Api, RouteDeps } from '../types'

const Health = Type.Object({
  status: Type.String({ enum: ['ok', 'unavailable'] }),
  database: Type.String({ enum: ['ok', 'unavailable'] }),
  engine: Type.String(),
  oldest_transaction_seconds: Type.Optional(
    Type.Number({
      description:
        'How long the oldest open transaction on this database has held back vacuum (0: none). Minutes mean trouble: rows that `player/next` skips pile up and dispatch slows. Sessions of other database roles are seen only with `pg_read_all_stats`.',
    }),
  ),
})

/** `GET /health`: 200 when the database answers, 503 when it does not. */
export function registerHealthRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness and database health',
        tags: ['health'],
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      try {
        const health = await checkHealth(db)
        const seconds = health.oldestTransactionSeconds
        if (health.isHorizonHeld) {
          request.log.warn(
            { oldest_transaction_seconds: seconds },
            'a transaction has been open for minutes, holding back vacuum: the task queue bloats and player/next slows until it ends (see pg_stat_activity)',
          )
        }
        return {
          status: 'ok',
          database: 'ok',
          engine: db.engine,
          oldest_transaction_seconds: seconds,
        }
      } catch {
        reply.header('retry-after', '5')
        return reply
          .code(503)
          .send({ status: 'unavailable', database: 'unavailable', engine: db.engine })
      }
    },
  )
}
