import { parseArgs } from 'node:util'
import { positiveInteger } from '../option-values'

/** What one soak run does. */
export interface SoakOptions {
  databaseUrl: string
  /** Phase 1: how long the steady mixed load runs, and at what rate. */
  durationMs: number
  rate: number
  /** Phase 2: open tasks queued before dispatch, and how long each stage of it runs. */
  queue: number
  stageMs: number
  /** Sampling period of both phases. */
  windowMs: number
  phases: ('steady' | 'horizon')[]
  writeReadme: boolean
}

const USAGE = `npm run bench:soak -- [options]

  --duration D          phase 1, steady mixed load: how long (default 10m; e.g. 60s, 2m)
  --rate N              phase 1: requests per second, open loop (default 200)
  --queue N             phase 2, held xmin horizon: open tasks queued first (default 100000)
  --stage D             phase 2: length of each stage (normal, horizon held, released;
                        default 2m)
  --window D            sampling period (default 10s)
  --phase steady|horizon|both   which phases to run (default both)
  --database-url URL    PostgreSQL server; the soak creates and drops its own database
                        tessera_soak_<pid>_… there (default postgres://postgres@127.0.0.1:5432/postgres)
  --no-readme           do not rewrite the soak section of bench/README.md
`

/** "90s", "10m", "1500ms" or a bare number of seconds, in milliseconds. */
export function parseDuration(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim())
  if (!match) {
    throw new Error(`--${name} must look like 60s, 10m or 1500ms, not ${value}\n\n${USAGE}`)
  }
  const unit = match[2] ?? 's'
  const ms = Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000)
  if (!(ms > 0)) {
    throw new Error(`--${name} must be longer than zero\n\n${USAGE}`)
  }
  return ms
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  return value === undefined ? fallback : positiveInteger(value, name, USAGE)
}

/** Reads the command line; prints the usage and exits on --help. */
export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10m' },
      rate: { type: 'string' },
      queue: { type: 'string' },
      stage: { type: 'string', default: '2m' },
      window: { type: 'string', default: '10s' },
      phase: { type: 'string', default: 'both' },
      'database-url': { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const phase = values.phase ?? 'both'
  if (!['steady', 'horizon', 'both'].includes(phase)) {
    throw new Error(`--phase must be steady, horizon or both, not ${phase}\n\n${USAGE}`)
  }
  return {
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    durationMs: parseDuration(values.duration ?? '10m', 'duration'),
    rate: positiveInt(values.rate, 'rate', 200),
    queue: positiveInt(values.queue, 'queue', 100_000),
    stageMs: parseDuration(values.stage ?? '2m', 'stage'),
    windowMs: parseDuration(values.window ?? '10s', 'window'),
    phases: phase === 'both' ? ['steady', 'horizon'] : [phase as 'steady' | 'horizon'],
    writeReadme: !values['no-readme'],
  }
}
