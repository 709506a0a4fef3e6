import { parseArgs } from 'node:util'
import type { EngineTarget } from './direct-db'
import { niceness } from './option-values'

/** What one benchmark run does. */
export interface BenchOptions {
  engines: EngineTarget['engine'][]
  tasks: number
  batchSize: number
  batchConcurrency: number
  concurrency: number
  warmupMs: number
  durationMs: number
  /** Whole runs per engine; the targets are judged on their median (issue 17 asks for 3). */
  rounds: number
  databaseUrl: string
  writeReadme: boolean
  /** Scheduling priority for the benchmark, its servers and its database backends. */
  nice: number
  /** Directory for the server's V8 CPU profiles, when asked for. */
  cpuProfDir?: string
}

const USAGE = `npm run bench -- [options]

  --engine pglite|postgres|both   engines to measure (default both)
  --tasks N                       tasks to load through the batch endpoint (default 100000)
  --batch-size N                  tasks per batch request (default 1000)
  --batch-concurrency N           batch requests in flight (default 4)
  --concurrency N                 requests in flight for single create, get and filter (default 8)
  --duration S                    measured seconds per timed phase (default 8)
  --warmup S                      unmeasured seconds before each timed phase (default 2)
  --rounds N                      whole runs per engine, the targets judged on their median
                                  (default 1; the issue's targets are stated for 3)
  --database-url URL              PostgreSQL server; the bench creates and drops its own
                                  database there (default postgres://postgres@127.0.0.1:5432/postgres)
  --nice=N                        run the benchmark, its servers and its PostgreSQL backends
                                  at this priority (-20..19; negative needs root), so that other
                                  work on a shared machine disturbs the figures less (default 0)
  --no-readme                     do not rewrite bench/README.md
  --cpu-prof DIR                  write the server's CPU profiles (.cpuprofile) to DIR
`

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback
  }
  const n = Number(value)
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new Error(`--${name} must be a positive number, not ${value}\n\n${USAGE}`)
  }
  return n
}

/** Reads the command line; prints the usage and exits on --help. */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      tasks: { type: 'string' },
      'batch-size': { type: 'string' },
      'batch-concurrency': { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      'database-url': { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      nice: { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const engine = values.engine ?? 'both'
  if (!['pglite', 'postgres', 'both'].includes(engine)) {
    throw new Error(`--engine must be pglite, postgres or both, not ${engine}\n\n${USAGE}`)
  }
  const tasks = positive(values.tasks, 'tasks', 100_000)
  const batchSize = positive(values['batch-size'], 'batch-size', 1000)
  // Whole batches only, so that every request carries the same load and rates compare.
  if (!Number.isInteger(tasks / batchSize)) {
    throw new Error(`--tasks must be a multiple of --batch-size (${batchSize})\n\n${USAGE}`)
  }
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as EngineTarget['engine']],
    tasks,
    batchSize,
    batchConcurrency: positive(values['batch-concurrency'], 'batch-concurrency', 4),
    concurrency: positive(values.concurrency, 'concurrency', 8),
    warmupMs: positive(values.warmup, 'warmup', 2) * 1000,
    durationMs: positive(values.duration, 'duration', 8) * 1000,
    rounds: Math.ceil(positive(values.rounds, 'rounds', 1)),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeReadme: !values['no-readme'],
    cpuProfDir: values['cpu-prof'],
    nice: niceness(values.nice ?? '0', USAGE),
  }
}
