import { parseArgs } from 'node:util'
import { niceness, positiveInteger } from '../option-values'

/** What one dispatch benchmark run does. */
export interface DispatchOptions {
  /** Operator counts to measure, each in its own phase. */
  operators: number[]
  /** The fewest open tasks the queue holds while measured (it starts with twice that). */
  tasks: number
  warmupMs: number
  durationMs: number
  /** Unmeasured play that each server gets once, before the first round. */
  serverWarmupMs: number
  /** Rounds of every phase; the targets are judged on their median (issue 17 asks for 3). */
  rounds: number
  databaseUrl: string
  writeReadme: boolean
  nice: number
  cpuProfDir?: string
}

const USAGE = `npm run bench:dispatch -- [options]

  --operators N,N,...    concurrent operators, one phase each (default 8,40)
  --tasks N              the fewest open tasks the queue may hold while measured; each
                         phase starts with twice as many (default 100000)
  --duration S           measured seconds per phase (default 8)
  --warmup S             unmeasured seconds before each phase (default 2)
  --server-warmup S      unmeasured seconds of play that Tessera and the floor server each
                         get once, before the first round, so that their code runs as
                         compiled as in a server that has been up a while (default 10)
  --rounds N             rounds of every phase, the targets judged on their median
                         (default 1; the issue's targets are stated for 3)
  --database-url URL     PostgreSQL server; the bench creates and drops its own database
                         there (default postgres://postgres@127.0.0.1:5432/postgres)
  --nice=N               scheduling priority of the bench, its server and its backends
  --no-readme            do not rewrite the dispatch section of bench/README.md
  --cpu-prof DIR         write the server's CPU profiles (.cpuprofile) to DIR
`

const positive = (value: string, name: string) => positiveInteger(value, name, USAGE)

/** Reads the command line; prints the usage and exits on --help. */
export function parseDispatchOptions(argv: string[]): DispatchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      operators: { type: 'string', default: '8,40' },
      tasks: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      'server-warmup': { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
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
  return {
    operators: (values.operators ?? '8,40').split(',').map((n) => positive(n.trim(), 'operators')),
    tasks: positive(values.tasks ?? '100000', 'tasks'),
    warmupMs: positive(values.warmup ?? '2', 'warmup') * 1000,
    durationMs: positive(values.duration ?? '8', 'duration') * 1000,
    serverWarmupMs: positive(values['server-warmup'] ?? '10', 'server-warmup') * 1000,
    rounds: positive(values.rounds ?? '1', 'rounds'),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeReadme: !values['no-readme'],
    nice: niceness(values.nice ?? '0', USAGE),
    cpuProfDir: values['cpu-prof'],
  }
}
