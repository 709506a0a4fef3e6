import type { FastifyInstance } from 'fastify'

/**
 * One structured line per request, written when the response is sent: request id, route,
 * status, latency and the token's name (never the token itself).
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0],
        status: reply.statusCode,
        latency_ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    )
  })
}
