import { parseArgs } from 'node:util'
import { positiveInteger } from '../option-values'

/** The paths `bench:compare` can measure. */
export const COMPARE_PATHS = ['get', 'create', 'play'] as const
export type ComparePath = (typeof COMPARE_PATHS)[number]

/** What one comparison run does. */
export interface CompareOptions {
  /** The git revision to compare the working tree with. */
  base: string
  paths: ComparePath[]
  rounds: number
  /** Seconds of each path on each side, per round. */
  seconds: number
  concurrency: number
  /** Operators playing at once on the play path. */
  operators: number
  /** Load both sides at once (get and create), rather than one after the other. */
  together: boolean
  databaseUrl: string
}

const USAGE = `npm run bench:compare -- --base REV [options]

Runs this checkout's server and the server of git revision REV side by side on one database,
alternating short bursts of the same load between them, and prints each side's server CPU per
request and rate. On a shared machine whose speed drifts from minute to minute, only such
interleaved figures tell a change's effect from the drift.

  --base REV             the revision to compare with (a commit, a branch, HEAD~1…); required
  --paths P,P,...        what to measure: get (GET /tasks/:uid), create (POST /tasks),
                         play (player next + complete) (default get,create,play)
  --rounds N             alternating rounds, each side going first in turn (default 6)
  --seconds S            seconds of each path on each side per round (default 3)
  --concurrency N        requests in flight for get and create (default 8)
  --operators N          operators playing at once on play (default 8)
  --together             load both sides at the same time on get and create, each with its
                         own requests in flight, so that the machine's drift from second to
                         second falls on both alike (play still alternates: both sides would
                         share one queue)
  --database-url URL     PostgreSQL server; the bench creates and drops its own database there
                         (default postgres://postgres@127.0.0.1:5432/postgres)

The revision runs from a git worktree in the system's temporary directory, sharing this
checkout's node_modules; its server builds itself on first start. Both servers run on the
schema of this checkout's migrations: compare revisions whose schema is the same.
`

/** Reads the command line; prints the usage and exits on --help. */
export function parseCompareOptions(argv: string[]): CompareOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      paths: { type: 'string', default: COMPARE_PATHS.join(',') },
      rounds: { type: 'string', default: '6' },
      seconds: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      operators: { type: 'string', default: '8' },
      together: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  if (!values.base) {
    throw new Error(`--base is required\n\n${USAGE}`)
  }
  const paths = (values.paths ?? '').split(',').map((path) => path.trim())
  const unknown = paths.filter((path) => !(COMPARE_PATHS as readonly string[]).includes(path))
  if (unknown.length > 0 || paths.length === 0) {
    throw new Error(
      `--paths takes ${COMPARE_PATHS.join(', ')}, not ${unknown.join(', ')}\n\n${USAGE}`,
    )
  }
  return {
    base: values.base,
    paths: paths as ComparePath[],
    rounds: positiveInteger(values.rounds ?? '6', 'rounds', USAGE),
    seconds: positiveInteger(values.seconds ?? '3', 'seconds', USAGE),
    concurrency: positiveInteger(values.concurrency ?? '8', 'concurrency', USAGE),
    operators: positiveInteger(values.operators ?? '8', 'operators', USAGE),
    together: values.together ?? false,
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  }
}
