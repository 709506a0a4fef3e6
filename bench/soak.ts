import os from 'node:os'
import { describeMachine } from './machine'
import { writeReadmeSection } from './readme-section'
import { type SoakCluster, startCluster } from './soak/cluster'
import { type HorizonResult, runHorizon } from './soak/horizon'
import { parseSoakOptions, type SoakOptions } from './soak/options'
import { renderHorizon, renderMachine, renderSteady } from './soak/report'
import { runSteady, type SteadyResult } from './soak/steady'

// `npm run bench:soak`: long-running health of one server on PostgreSQL (issue 5).

/** What the measurements led to; the figures above are rewritten by every run. */
const HEALTH_NOTES = `### What keeps the dispatch path healthy

- **The weakness.** While a transaction holds the xmin horizon, no row version it might
  still see can be removed, so the dispatch index keeps an entry for every task handed out
  since it began, and each \`next\` steps over all of them ("index entries read per next"
  above): dispatch slows in proportion to how long the transaction stays open, and
  \`tasks\` and \`task_events\` grow. When it ends, the next scans mark those entries dead
  and dispatch is back at once; autovacuum then makes the space reusable (the table stops
  growing).
- **Tessera never holds it itself**: every pooled PostgreSQL connection has
  \`idle_in_transaction_session_timeout\` = 60 s (src/store/database.ts), so a transaction
  left open by a bug or a stalled caller is ended within a minute.
- **Operators see it**: \`GET /health\` reports \`oldest_transaction_seconds\`, and the server
  logs a warning when a transaction has been open for 5 minutes. Give Tessera's role
  \`pg_read_all_stats\` to see other roles' sessions.
- **Measured, not adopted**: per-table autovacuum settings for \`tasks\` (scale factor 0.01,
  threshold 1,000, no cost delay) against the defaults, 30,000 queued tasks, 1-minute stages:
  the same throughput, dead rows and table size. Autovacuum already visits \`tasks\` once per
  \`autovacuum_naptime\` at this write rate, and no setting lets it remove what the held
  snapshot can still see. A lower fillfactor cannot help either: no update of \`tasks\` is
  HOT (see the HOT share above; every update changes \`updated_at\`, which
  \`tasks_by_updated\` indexes).
- **For the database administrator**: keep autovacuum on (the CI PostgreSQL of this
  repository runs with \`autovacuum = off\`, which lets dead rows pile up for ever), set
  \`idle_in_transaction_session_timeout\` for every role, and \`transaction_timeout\`
  (PostgreSQL 17+) for reporting roles.`

async function postgresVersion(options: SoakOptions): Promise<string> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ v: string; autovacuum: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('autovacuum') AS autovacuum",
    )
    // Without autovacuum nothing ever reclaims the dispatch path's dead rows: say so.
    return `PostgreSQL ${rows[0]?.v ?? '?'}, autovacuum ${rows[0]?.autovacuum ?? '?'}`
  } finally {
    await client.end()
  }
}

async function main(options: SoakOptions): Promise<void> {
  const machine = describeMachine()
  const date = new Date()
  const postgres = await postgresVersion(options)
  let steady: SteadyResult | undefined
  let horizon: HorizonResult | undefined
  // Each phase on a fresh database and server, so the second does not inherit the first's
  // table and its memory.
  const onFreshCluster = async <T>(run: (cluster: SoakCluster) => Promise<T>): Promise<T> => {
    const cluster = await startCluster(options.databaseUrl)
    try {
      return await run(cluster)
    } finally {
      await cluster.dispose()
    }
  }
  if (options.phases.includes('steady')) {
    steady = await onFreshCluster((cluster) =>
      runSteady(cluster, {
        rate: options.rate,
        durationMs: options.durationMs,
        windowMs: options.windowMs,
      }),
    )
    process.stdout.write(`\n${renderSteady(steady)}\n\n`)
  }
  if (options.phases.includes('horizon')) {
    horizon = await onFreshCluster((cluster) =>
      runHorizon(cluster, {
        queue: options.queue,
        stageMs: options.stageMs,
        windowMs: options.windowMs,
      }),
    )
    process.stdout.write(`\n${renderHorizon(horizon)}\n\n`)
  }
  machine.loadAtEnd = os.loadavg()[0]
  process.stdout.write(`${renderMachine(machine, date, postgres)}\n`)
  if (options.writeReadme) {
    writeReadmeSection('soak', renderSection(machine, date, postgres, steady, horizon))
    process.stdout.write('Wrote the soak section of bench/README.md\n')
  }
}

function renderSection(
  machine: ReturnType<typeof describeMachine>,
  date: Date,
  postgres: string,
  steady: SteadyResult | undefined,
  horizon: HorizonResult | undefined,
): string {
  return [
    '## Soak (`npm run bench:soak`)',
    '',
    '<!-- Written by `npm run bench:soak` (bench/soak/report.ts): edit that file, not this one. -->',
    '',
    'One server on PostgreSQL, in a database of its own. Phase 1 sends a fixed rate of mixed',
    'requests (creates, batch creates, gets, filtered lists, PATCHes, and 8 operators playing',
    'the queue) for ten minutes and samples every 10 s; phase 2 measures the dispatch path while',
    'a transaction holds the xmin horizon, the known weakness of `SKIP LOCKED` queues.',
    '',
    '```sh',
    'npm run bench:soak                       # ~20 minutes',
    'npm run bench:soak -- --duration 60s --stage 30s --queue 20000   # a quick look',
    'npm run bench:soak -- --help',
    '```',
    '',
    `Measured with \`npm run bench:soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`.`,
    renderMachine(machine, date, postgres),
    '',
    steady ? renderSteady(steady) : '',
    '',
    horizon ? renderHorizon(horizon) : '',
    '',
    HEALTH_NOTES,
  ].join('\n')
}

try {
  await main(parseSoakOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(
    `\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
}
