import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import type { Database } from '../../store/database'
import { registerDatabaseGauges } from './metrics-database'

/** The metrics of one server process, in Prometheus' terms. */
export interface ServerMetrics {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  latency: Histogram<'method' | 'route' | 'status'>
  handouts: Counter
  completions: Counter
}

/**
 * Creates the registry of one server process: its HTTP and player counters, Node's default
 * metrics (event-loop lag, memory, CPU, handles), its connection pool, and the installation's
 * figures read from the database at scrape time.
 */
export function createServerMetrics(db: Database): ServerMetrics {
  const registry = new Registry()
  const registers = [registry]
  // Node's event-loop delay histogram wakes the process at this period, idle or not: at
  // prom-client's default of 10 ms that cost an idle process 0.35% of a core, at 100 ms
  // 0.06% (20 s of process.cpuUsage each). nodejs_eventloop_lag_seconds itself is measured
  // at scrape time either way.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 })
  registerDatabaseGauges(registry, db)
  return {
    registry,
    requests: new Counter({
      name: 'tessera_http_requests_total',
      help: 'Requests answered by this process, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'tessera_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    handouts: new Counter({
      name: 'tessera_player_handouts_total',
      help: 'Tasks handed out by `POST /player/next` in this process (calls that found none excluded).',
      registers,
    }),
    completions: new Counter({
      name: 'tessera_player_completions_total',
      help: 'Tasks completed through `POST /player/complete` in this process.',
      registers,
    }),
  }
}

/** The route pattern a request matched: never its URL, whose ids would be endless labels. */
function routeLabel(request: FastifyRequest): string {
  return request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched')
}

const NEXT = '/api/v1/player/next'
const COMPLETE = '/api/v1/player/complete'

/** Counts every answered request, and the player's hand-outs and completions. */
export function registerMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  // Callbacks, not async hooks: they run on every request (see app.ts).
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: routeLabel(request),
      status: String(reply.statusCode),
    }
    metrics.requests.inc(labels)
    metrics.latency.observe(labels, reply.elapsedTime / 1000)
    done()
  })
  // What the player did is read from the answer, before it is serialized: `next` answers
  // `{task: null}` when there was nothing to hand out.
  app.addHook('preSerialization', (request, reply, payload: unknown, done) => {
    const route = request.routeOptions.url
    if (reply.statusCode === 200) {
      if (route === NEXT && (payload as { task?: unknown } | null)?.task) {
        metrics.handouts.inc()
      } else if (route === COMPLETE) {
        metrics.completions.inc()
      }
    }
    done(null, payload)
  })
}
