import { describeLoad, describeRun, type MachineInfo } from './machine'
import type { BenchOptions } from './options'
import { readReadmeBlock, writeReadmeSection } from './readme-section'
import { checkTargets, engineRows, renderCreateFloor, renderTable, renderTargets } from './report'
import type { EngineResult } from './run-engine'

const ENGINES = ['pglite', 'postgres'] as const

/** Where the figures of one engine come from: the run that measured them. */
function provenance(machine: MachineInfo, options: BenchOptions, date: Date): string {
  return [
    `${describeRun(machine, date)}; ${describeLoad(machine)}.`,
    `Timed phases: ${options.concurrency} requests in flight, ${options.warmupMs / 1000} s warm-up, ${options.durationMs / 1000} s measured; scheduling priority \`--nice ${options.nice}\`.`,
    '',
    contention(machine),
  ].join('\n')
}

/** One engine's figures between markers, so that a run of the other engine keeps them. */
function engineSection(
  r: EngineResult,
  machine: MachineInfo,
  options: BenchOptions,
  date: Date,
): string {
  return [
    `<!-- engine:${r.engine} -->`,
    `#### ${r.engine === 'pglite' ? 'PGlite (embedded, `--data`)' : 'PostgreSQL (`--database-url`)'}`,
    '',
    provenance(machine, options, date),
    `${r.version}; ${r.settings}.${r.engine === 'pglite' ? ' (PGlite runs no autovacuum worker whatever the setting says: it is a single process.)' : ''}`,
    '',
    `${r.tasksLoaded.toLocaleString('en-US')} tasks loaded; \`?country=FR\` matches ${r.filterMatches.toLocaleString('en-US')}.`,
    '',
    renderTable(engineRows(r, options)),
    '',
    r.engine === 'postgres'
      ? `Targets (stated for PostgreSQL):\n\n${renderTargets(checkTargets(r, options.concurrency))}\n\n${renderCreateFloor(r)}\n`
      : '',
    '<details><summary>EXPLAIN ANALYZE of the filter, after the run</summary>',
    '',
    '```',
    r.plans,
    '```',
    '',
    '</details>',
    `<!-- /engine:${r.engine} -->`,
    '',
  ].join('\n')
}

/**
 * A warning when other work held the CPUs: figures are then lower than on an idle box. Only
 * the load at the start tells: by the end, the benchmark's own server, PostgreSQL and load
 * generator keep two CPUs' load above 3 on their own.
 */
function contention(machine: MachineInfo): string {
  const load = machine.loadAtStart
  if (load < machine.cpus / 2) {
    return ''
  }
  return `**The machine was shared when this run started** (load average ${load.toFixed(1)} on ${machine.cpus} CPUs): other work held the CPUs, so absolute figures are lower than an idle machine gives. Tessera and its baselines ran under the same conditions, so the ratios hold better than the absolute numbers.\n`
}

const METHOD = `### How it measures

One command, \`npm run bench\`, measures both engines in one run. For each engine:

1. A fresh database (a new PGlite data directory, or a database \`tessera_bench_<pid>_…\` created
   on the PostgreSQL server and dropped at the end) gets an operator token from the CLI
   (\`tessera tokens create\`), then the real server starts as a child process
   (\`tessera serve --rate-limit 100000000\`: the limiter stays in every request's path but never trips).
2. **Through the API**, from this process over keep-alive HTTP/1.1 connections (\`node:http\`):
   batch ingest (\`POST /tasks/batch\`, 1,000 realistic tasks per request: title, url, one of
   10 countries, claim_id, amount, a due date within ±30 days, 70/20/10 % TODO/DONE/STARTED),
   then get by uid (\`GET /tasks/{uid}\` of random loaded tasks) and the filtered list
   (\`GET /tasks?country=FR&limit=50\`, which also counts every match for \`total_count\`).
3. The server stops, and **the baselines** open the same database directly through \`pg\`, the
   driver Tessera uses (for PGlite, in this process and thread, via
   \`@electric-sql/pglite/node-postgres\`): the store's own batch statement on the same
   1,000-task batches, into a copy of the \`tasks\` table (same indexes) so the API's table
   is untouched; the store's lookup by uid on the same uids; the list route's page and count statements, in parallel as the route runs
   them; a plain single-row \`INSERT … VALUES … RETURNING\`. The baselines write the task rows
   only: Tessera's own statements also write each new task's first history entry
   (\`task_events\`), which is part of what the ratio measures. One more loop measures that
   part: the same single-row INSERT writing its \`created\` history entry in the same
   statement, into Tessera's own \`tasks\` table (its search-vector trigger, foreign key and
   indexes, and the history's trigger).
4. The server restarts for single create (\`POST /tasks\`), last so that the reads above ran on
   exactly the loaded tasks. A bare Fastify server in its own process, answering a fixed task,
   gives the HTTP floor for the same requests.
5. **The HTTP + SQL floor**, the same single creates and batches sent to a bare Fastify
   process (bench/bare-server.ts) whose routes run nothing but the raw INSERTs through \`pg\`
   and answer what they return: no token, rate limit, validation, routing, history or log.
   On PGlite that process opens the data directory itself, as the server does, once the
   server has stopped. No HTTP API can beat it on this machine; Tessera ÷ floor is its own
   overhead. Single create is also sent to a route that makes one more round trip first
   (\`SELECT 1\`), the least an API adds when its tokens and rate limits live in the
   database, and to a route that writes the row with its \`created\` history entry in one
   statement, as Tessera must. On PGlite the floor runs the engine on its one thread, where
   each statement stops the HTTP work; Tessera's server runs PGlite on a second thread
   behind a pipelined session (src/store/engines/pglite-session-pool.ts), so on PGlite the
   floor is no ceiling: it shows what that design is worth. The baselines too drive PGlite
   from one thread. The batches are also sent to a route whose INSERT writes each row's
   history entry in the same statement: the share of the plain floor that route reaches is
   the ceiling of the batch target. It runs last, on a table already holding the API's
   tasks, so if anything it is understated.

Timed phases are closed loops (each of N workers sends its next request when the last one
answers) with a warm-up that is not counted; p50/p99 are over every request completed in the
measured window. The load generator shares the CPUs with the server and the database, as any
client on the same box would; so does the baseline's. \`filter, 1 in flight\` is the latency of
one request at a time; with 8 in flight on 2 CPUs, latency is mostly queueing behind the
other 7.

### Profiling

\`\`\`sh
npm run bench -- --engine postgres --cpu-prof /tmp/prof     # V8 profiles of every server run
npx tsx bench/profile-summary.ts /tmp/prof/*.cpuprofile     # self and total time by function
\`\`\`

The baselines' \`EXPLAIN ANALYZE\` of the filter is in each engine's section above.
`

/** Rewrites the Tasks API section of bench/README.md with the figures of this run. */
export function writeReadme(
  results: EngineResult[],
  machine: MachineInfo,
  options: BenchOptions,
  date: Date,
): void {
  const text = [
    '## Tasks API (`npm run bench`)',
    '',
    '<!-- Written by `npm run bench` (bench/readme.ts): edit that file, not this one. -->',
    '',
    '`npm run bench` loads 100,000 tasks through the API and measures, on both engines,',
    'batch ingest, single create, get by uid and a custom-field filter, each beside a',
    'baseline measured in the same run.',
    '',
    '```sh',
    'npm run bench                                     # both engines, ~5 minutes',
    'npm run bench -- --engine postgres --database-url postgres://user@host:5432/postgres',
    'npm run bench -- --help                           # every option',
    '```',
    '',
    '### Latest figures',
    '',
    "Each engine's figures are those of the last run that measured it (`--engine`).",
    '',
    ...ENGINES.flatMap((engine) => {
      const measured = results.find((r) => r.engine === engine)
      if (measured) {
        return [engineSection(measured, machine, options, date)]
      }
      // Not measured by this run: the last run's figures stay, under their own commit and date.
      const kept = readReadmeBlock(`engine:${engine}`)
      return kept ? [kept, ''] : []
    }),
    METHOD,
  ].join('\n')
  writeReadmeSection('api', text)
}
