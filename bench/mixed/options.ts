import { parseArgs } from 'node:util'
import { IMPORT_ENGINES, type ImportEngine } from '../import-options'
import { positiveInteger } from '../option-values'

/** What one run of `npm run bench:mixed` does. */
export interface MixedOptions {
  engines: ImportEngine[]
  /** Rows of the CSV imported while the backlog is read. */
  rows: number
  /** Tasks already in the backlog before the import. */
  backlogTasks: number
  /** Seconds of reading the backlog with nothing else running, for the baseline. */
  idleSeconds: number
  databaseUrl: string
  writeReadme: boolean
}

const USAGE = `npm run bench:mixed -- [options]

  --engine LIST       engines, comma-separated: embedded (the default engine's PostgreSQL),
                      postgres (a database on --database-url), pglite (default embedded,pglite)
  --rows N            rows imported with \`tessera import csv\` during the load (default 10000)
  --backlog-tasks N   tasks in the backlog before the import (default 20000)
  --idle-seconds S    seconds the backlog is read with nothing else running (default 15)
  --database-url URL  PostgreSQL server for --engine postgres; the bench creates and drops its
                      own database there (default postgres://postgres@127.0.0.1:5432/postgres)
  --no-readme         do not rewrite bench/README.md
`

/** Reads the command line; prints the usage and exits on --help. */
export function parseMixedOptions(argv: string[]): MixedOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'embedded,pglite' },
      rows: { type: 'string', default: '10000' },
      'backlog-tasks': { type: 'string', default: '20000' },
      'idle-seconds': { type: 'string', default: '15' },
      'database-url': {
        type: 'string',
        default: 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'no-readme': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const engines = values.engine.split(',').map((engine) => engine.trim())
  for (const engine of engines) {
    if (!(IMPORT_ENGINES as readonly string[]).includes(engine)) {
      throw new Error(`--engine takes ${IMPORT_ENGINES.join(', ')}, not ${engine}\n\n${USAGE}`)
    }
  }
  return {
    engines: engines as ImportEngine[],
    rows: positiveInteger(values.rows, 'rows', USAGE),
    backlogTasks: positiveInteger(values['backlog-tasks'], 'backlog-tasks', USAGE),
    idleSeconds: positiveInteger(values['idle-seconds'], 'idle-seconds', USAGE),
    databaseUrl: values['database-url'],
    writeReadme: !values['no-readme'],
  }
}
