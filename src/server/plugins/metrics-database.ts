import { Gauge, type Registry } from 'prom-client'
import type { Database } from '../../store/database'
import {
  type InstallationFigures,
  readInstallationFigures,
  type WebhookBacklog,
} from '../../store/metrics'

/**
 * How long one reading of the database serves scrapes. Several Prometheus servers, or one
 * scraping every second, then cost the database one pair of queries per interval.
 */
const READING_TTL_MS = 5000

/**
 * How long a scrape waits for the database: past it the figures are left out, so that a
 * database that went silent does not also time out the scrape of the process' own metrics
 * (Prometheus gives up after 10 s by default).
 */
const READING_DEADLINE_MS = 2000

/** The figures, or null when the database fails or takes longer than the deadline. */
function readWithinDeadline(db: Database): Promise<InstallationFigures | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READING_DEADLINE_MS)
  })
  const reading = readInstallationFigures(db).catch(() => null)
  return Promise.race([reading, late]).finally(() => clearTimeout(timer))
}

/** Reads the figures at most once per {@link READING_TTL_MS}, sharing a reading in flight. */
function cachedReader(db: Database): () => Promise<InstallationFigures | null> {
  let reading: Promise<InstallationFigures | null> | null = null
  let readAt = 0
  return () => {
    if (!reading || Date.now() - readAt > READING_TTL_MS) {
      readAt = Date.now()
      // A database that does not answer leaves its figures out of the scrape (and
      // tessera_database_up at 0) rather than failing the process' own metrics.
      reading = readWithinDeadline(db)
    }
    return reading
  }
}

/**
 * Gauges of the whole installation, read from the database at scrape time (the same from
 * every server process), and of this process' connection pool.
 */
export function registerDatabaseGauges(registry: Registry, db: Database): void {
  const read = cachedReader(db)
  const registers = [registry]
  // prom-client collects the metrics of a scrape concurrently: each gauge awaits the shared
  // reading and sets only itself.
  new Gauge({
    name: 'tessera_database_up',
    help: '1 when the database answered the queries of this scrape, else 0.',
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0)
    },
  })
  new Gauge({
    name: 'tessera_open_tasks',
    help: 'Open tasks (TODO or STARTED, not archived) of every organization, by queue (empty: no queue) and status.',
    labelNames: ['organization', 'queue', 'status'] as const,
    registers,
    async collect() {
      const figures = await read()
      // A queue deleted or renamed since the last scrape must not linger.
      this.reset()
      for (const row of figures?.openTasks ?? []) {
        const labels = {
          organization: row.organization,
          queue: row.queue ?? '',
          status: row.status,
        }
        this.set(labels, row.tasks)
      }
    },
  })
  const webhookGauge = (name: string, help: string, value: (w: WebhookBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const figures = await read()
        this.reset()
        if (figures) {
          this.set(value(figures.webhooks))
        }
      },
    })
  webhookGauge(
    'tessera_webhook_deliveries_pending',
    'Webhook deliveries not yet delivered nor given up on.',
    (w) => w.pending,
  )
  webhookGauge(
    'tessera_webhook_deliveries_failing',
    'Pending webhook deliveries whose last attempt failed, waiting for a retry.',
    (w) => w.failing,
  )
  webhookGauge(
    'tessera_webhook_delivery_lag_seconds',
    'How long the oldest due webhook delivery has been due (0: none is due).',
    (w) => w.lagSeconds,
  )
  registerPoolGauges(registry, db, read)
}

/**
 * This process' pool, looked at once the scrape's own reading is done, so that the scrape
 * does not count itself among the connections in use.
 */
function registerPoolGauges(registry: Registry, db: Database, read: () => Promise<unknown>): void {
  const { pool } = db
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        await read()
        this.set(value())
      },
    })
  gauge('tessera_db_pool_max', 'Most connections this process may open.', () => pool.options.max)
  gauge('tessera_db_pool_total', 'Connections this process holds open.', () => pool.totalCount)
  gauge(
    'tessera_db_pool_idle',
    'Open connections of this process not in use.',
    () => pool.idleCount,
  )
  gauge(
    'tessera_db_pool_waiting',
    'Queries of this process waiting for a free connection.',
    () => pool.waitingCount,
  )
}
