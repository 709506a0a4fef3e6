import { parseArgs } from 'node:util'

/** The engines `npm run bench:import` can run Tessera on. */
export const IMPORT_ENGINES = ['pglite', 'embedded', 'postgres'] as const
export type ImportEngine = (typeof IMPORT_ENGINES)[number]

/** What one run of the import benchmark does. */
export interface ImportBenchOptions {
  engines: ImportEngine[]
  rows: number
  fragmentTasks: number
  concurrency: number
  databaseUrl: string
  writeReadme: boolean
}

const USAGE = `npm run bench:import -- [options]

  --engine LIST        engines, comma-separated: pglite, embedded (the default engine),
                       postgres (a database on --database-url) (default pglite,embedded)
  --rows N             CSV rows to import (default 100000)
  --fragment-tasks N   tasks copied by import fragment from a second organization (default 10000)
  --concurrency N      batch requests in flight, for the import and the floor alike (default 4)
  --database-url URL   PostgreSQL server for --engine postgres; a database is made and dropped
                       there (default postgres://postgres@127.0.0.1:5432/postgres)
  --no-readme          do not rewrite the import section of bench/README.md
`

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback
  }
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`--${name} must be a whole number of at least 1, not ${value}\n\n${USAGE}`)
  }
  return n
}

/** Reads the command line; prints the usage and exits on --help. */
export function parseImportOptions(argv: string[]): ImportBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'pglite,embedded' },
      rows: { type: 'string' },
      'fragment-tasks': { type: 'string' },
      concurrency: { type: 'string' },
      'database-url': { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const engines = (values.engine ?? '').split(',').map((name) => name.trim())
  for (const engine of engines) {
    if (!(IMPORT_ENGINES as readonly string[]).includes(engine)) {
      throw new Error(`--engine takes ${IMPORT_ENGINES.join(', ')}, not ${engine}\n\n${USAGE}`)
    }
  }
  return {
    engines: engines as ImportEngine[],
    rows: positiveInteger(values.rows, 'rows', 100_000),
    fragmentTasks: positiveInteger(values['fragment-tasks'], 'fragment-tasks', 10_000),
    concurrency: positiveInteger(values.concurrency, 'concurrency', 4),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeReadme: !values['no-readme'],
  }
}
