import Fastify, { type FastifyBaseLogger } from 'fastify'
import type { ServerMetrics } from './metrics'

/** Options for {@link startMetricsServer}. */
export interface MetricsServerOptions {
  metrics: ServerMetrics
  /** 0: any free port (the log line says which). */
  port: number
  /** Loopback unless told otherwise: the metrics are the operator's, not the API's clients'. */
  host?: string
  log: FastifyBaseLogger
}

/** A running metrics listener. */
export interface MetricsServer {
  /** Where Prometheus scrapes, e.g. `http://127.0.0.1:9464/metrics`. */
  url: string
  close: () => Promise<void>
}

/**
 * Serves `GET /metrics` in Prometheus' text format on a listen address of its own, apart
 * from the API: nothing there needs a token, so it must not be where the API's clients are.
 */
export async function startMetricsServer({
  metrics,
  port,
  host = '127.0.0.1',
  log,
}: MetricsServerOptions): Promise<MetricsServer> {
  const server = Fastify({ logger: false })
  server.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics()
    return reply.type(metrics.registry.contentType).send(text)
  })
  const address = await server.listen({ port, host })
  const url = `${address}/metrics`
  log.info({ url }, 'metrics listening')
  return { url, close: () => server.close() }
}
