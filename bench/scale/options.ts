import { parseArgs } from 'node:util'
import type { EngineTarget } from '../direct-db'
import { niceness, positiveInteger } from '../option-values'

/** What one run of `npm run bench:scale` does. */
export interface ScaleOptions {
  engines: EngineTarget['engine'][]
  /** Total tasks in the database at each measuring point, ascending; the first is the base. */
  steps: number[]
  organizations: number
  /** Tasks of the measured organization's backlog, fixed while the database grows. */
  measuredTasks: number
  /** Tasks sent as timed 1,000-task batches at each step (the ingest rate). */
  ingestSample: number
  concurrency: number
  operators: number
  warmupMs: number
  durationMs: number
  databaseUrl: string
  writeReadme: boolean
  /** Minutes an engine may take: a step that would end past them is not started. */
  budgetMinutes: number
  /** Scheduling priority for the benchmark, its server and its PostgreSQL backends. */
  nice: number
}

/** Open tasks in the dispatch queue at the start of every dispatch phase. */
export const DISPATCH_QUEUE = 10_000

const DEFAULT_STEPS = [100_000, 250_000, 500_000, 1_000_000]

const USAGE = `npm run bench:scale -- [options]

  --engine pglite|postgres|both   engines, PostgreSQL first (default both)
  --max N                         largest size, in tasks (default 1000000): the steps above it
                                  are left out and N itself is measured last
  --steps A,B,C                   sizes to measure at, the first being the base
                                  (default ${DEFAULT_STEPS.join(',')})
  --orgs N                        other organizations, Zipf-sized (default 1000)
  --measured-tasks N              tasks of the measured backlog, fixed (default 10000)
  --ingest-sample N               tasks timed as 1,000-task batches at each step (default 30000)
  --concurrency N                 single creates in flight (default 8)
  --operators N                   operators playing for the dispatch rate (default 8)
  --duration S                    measured seconds per timed phase (default 8)
  --warmup S                      unmeasured seconds before each timed phase (default 2)
  --database-url URL              PostgreSQL server; the bench creates and drops its own database
                                  there (default postgres://postgres@127.0.0.1:5432/postgres)
  --budget MINUTES                minutes per engine: a step projected (from the pace of the
                                  last one) to end later is not started, and the run says so
                                  (default 10)
  --nice=N                        run the benchmark, its server and its PostgreSQL backends at
                                  this priority (-20..19; negative needs root) (default 0)
  --no-readme                     do not rewrite bench/README.md
`

/** The measuring points: the given steps up to `max`, then `max` itself. */
export function stepsUpTo(steps: number[], max: number): number[] {
  const below = steps.filter((step) => step < max)
  return [...new Set([...below, max])].sort((a, b) => a - b)
}

/** Reads the command line; prints the usage and exits on --help. */
export function parseScaleOptions(argv: string[]): ScaleOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      max: { type: 'string', default: '1000000' },
      steps: { type: 'string', default: DEFAULT_STEPS.join(',') },
      orgs: { type: 'string', default: '1000' },
      'measured-tasks': { type: 'string', default: '10000' },
      'ingest-sample': { type: 'string', default: '30000' },
      concurrency: { type: 'string', default: '8' },
      operators: { type: 'string', default: '8' },
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      'database-url': {
        type: 'string',
        default: 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'no-readme': { type: 'boolean', default: false },
      nice: { type: 'string', default: '0' },
      budget: { type: 'string', default: '10' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  if (!['pglite', 'postgres', 'both'].includes(values.engine)) {
    throw new Error(`--engine must be pglite, postgres or both, not ${values.engine}\n\n${USAGE}`)
  }
  const max = positiveInteger(values.max, 'max', USAGE)
  const steps = stepsUpTo(
    values.steps.split(',').map((step) => positiveInteger(step.trim(), 'steps', USAGE)),
    max,
  )
  const ingestSample = positiveInteger(values['ingest-sample'], 'ingest-sample', USAGE)
  const measuredTasks = positiveInteger(values['measured-tasks'], 'measured-tasks', USAGE)
  if (ingestSample % 1000 !== 0) {
    throw new Error(`--ingest-sample must be a multiple of 1000\n\n${USAGE}`)
  }
  // The base holds the measured backlog, the dispatch queue and one ingest sample at least.
  const least = measuredTasks + DISPATCH_QUEUE + ingestSample
  if ((steps[0] ?? 0) < least) {
    throw new Error(`the first step must hold at least ${least} tasks\n\n${USAGE}`)
  }
  return {
    engines:
      values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine as 'pglite' | 'postgres'],
    steps,
    organizations: positiveInteger(values.orgs, 'orgs', USAGE),
    measuredTasks,
    ingestSample,
    concurrency: positiveInteger(values.concurrency, 'concurrency', USAGE),
    operators: positiveInteger(values.operators, 'operators', USAGE),
    warmupMs: positiveInteger(values.warmup, 'warmup', USAGE) * 1000,
    durationMs: positiveInteger(values.duration, 'duration', USAGE) * 1000,
    databaseUrl: values['database-url'],
    writeReadme: !values['no-readme'],
    nice: niceness(values.nice, USAGE),
    budgetMinutes: positiveInteger(values.budget, 'budget', USAGE),
  }
}
