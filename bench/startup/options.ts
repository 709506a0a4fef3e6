import { parseArgs } from 'node:util'
import { positiveInteger } from '../option-values'

/** The ways Tessera can hold its data, named as the test suite names them. */
export type EngineName = 'embedded' | 'pglite' | 'postgres'

/** What one startup benchmark run does. */
export interface StartupOptions {
  /** Timed runs of each command and each start; min and median are reported. */
  runs: number
  /** How long an idle server's CPU use is measured. */
  idleMs: number
  /** Engines asked for; those the CLI does not offer are left out with a note. */
  engines: EngineName[]
  databaseUrl: string
  writeReadme: boolean
}

const ENGINES: EngineName[] = ['embedded', 'pglite', 'postgres']

const USAGE = `npm run bench:startup -- [options]

  --runs N              timed runs of each command and each start (default 5)
  --idle D              how long to measure an idle server's CPU (default 60s; e.g. 10s, 2m)
  --engine LIST         comma-separated: embedded (PostgreSQL from npm in a data directory,
                        when the CLI has --engine), pglite, postgres (a PostgreSQL server)
                        (default all three)
  --database-url URL    PostgreSQL server for the postgres engine; the bench creates and drops
                        its own database there (default postgres://postgres@127.0.0.1:5432/postgres)
  --no-readme           do not rewrite the startup section of bench/README.md
`

/** "90s", "2m", "1500ms" or a bare number of seconds, in milliseconds. */
function duration(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim())
  const unit = match?.[2] ?? 's'
  const ms = Number(match?.[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000)
  if (!match || !(ms > 0)) {
    throw new Error(`--${name} must look like 60s, 2m or 1500ms, not ${value}\n\n${USAGE}`)
  }
  return ms
}

function engines(value: string): EngineName[] {
  const names = value.split(',').map((name) => name.trim())
  const unknown = names.filter((name) => !ENGINES.includes(name as EngineName))
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--engine takes ${ENGINES.join(', ')}, not ${unknown.join(', ')}\n\n${USAGE}`)
  }
  return ENGINES.filter((name) => names.includes(name))
}

/** Reads the command line; prints the usage and exits on --help. */
export function parseStartupOptions(argv: string[]): StartupOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '5' },
      idle: { type: 'string', default: '60s' },
      engine: { type: 'string', default: ENGINES.join(',') },
      'database-url': { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  return {
    runs: positiveInteger(values.runs ?? '5', 'runs', USAGE),
    idleMs: duration(values.idle ?? '60s', 'idle'),
    engines: engines(values.engine ?? ENGINES.join(',')),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeReadme: !values['no-readme'],
  }
}
