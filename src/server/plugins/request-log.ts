import type { FastifyInstance, FastifyRequest } from 'fastify'

/** The error behind each request answered with a 5xx, until its line is written. */
const serverErrors = new WeakMap<FastifyRequest, Error>()

/**
 * Keeps the error behind a 5xx answer for the request's log line, so that the failure is
 * logged once, with the request, rather than once by the error handler and again here.
 */
export function noteServerError(request: FastifyRequest, error: Error): void {
  serverErrors.set(request, error)
}

/**
 * One structured line per request, written when the response is sent: request id, route,
 * status, latency and the token's name (never the token itself). A 5xx is logged at error
 * level with its error (stack included); everything else at info.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0],
      status: reply.statusCode,
      latency_ms: Math.round(reply.elapsedTime * 100) / 100,
    }
    if (reply.statusCode >= 500) {
      request.log.error({ ...line, err: serverErrors.get(request) }, 'request')
    } else {
      request.log.info(line, 'request')
    }
    done()
  })
}
