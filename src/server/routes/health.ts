import { Type } from '@sinclair/typebox'
import type { Api, RouteDeps } from '../types'

const Health = Type.Object({
  status: Type.String({ enum: ['ok', 'unavailable'] }),
  database: Type.String({ enum: ['ok', 'unavailable'] }),
  engine: Type.String(),
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
    async (_request, reply) => {
      try {
        await db.pool.query('SELECT 1')
        return { status: 'ok', database: 'ok', engine: db.engine }
      } catch {
        reply.header('retry-after', '5')
        return reply
          .code(503)
          .send({ status: 'unavailable', database: 'unavailable', engine: db.engine })
      }
    },
  )
}
