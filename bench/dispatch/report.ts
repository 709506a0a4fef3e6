import { describeLoad, describeRun, type MachineInfo } from '../machine'
import type { PhaseStats } from '../stats'
import type { DispatchOptions } from './options'
import type { DispatchStats } from './timed-pairs'

/** Everything measured at one operator count. */
export interface OperatorsResult {
  operators: number
  tessera: DispatchStats
  rawClaim: DispatchStats
  rawCycle: DispatchStats
  /** next + complete over HTTP to a bare server that runs only the raw statements. */
  httpFloor: DispatchStats
  /** The same, each statement also writing the task's history rows. */
  historyFloor: DispatchStats
  /** The round trips of Tessera's store (operator lock, read, then write), raw. */
  shapeFloor: DispatchStats
  /** The same round trips behind a bearer token, answering the whole task as the API does. */
  contractFloor: DispatchStats
  /**
   * The same contract kept in one statement per request: the claim locks the operator, claims
   * and writes the task with its history at once. What no design keeping it undercuts.
   */
  atOnceFloor: DispatchStats
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`

function latency(stats: PhaseStats): string {
  return `${ms(stats.p50)} / ${ms(stats.p99)}`
}

/** CPU per task by process: the server (– for raw SQL), PostgreSQL, the bench. */
function cpu(stats: DispatchStats): string {
  const { cpu } = stats
  if (!cpu) {
    return '–'
  }
  const server = cpu.server === null ? '–' : cpu.server.toFixed(2)
  return `${server} / ${cpu.postgres.toFixed(2)} / ${cpu.bench.toFixed(2)}`
}

/** WAL and writing transactions per task, over the whole cluster. */
function wal(stats: DispatchStats): string {
  const { wal } = stats
  return wal ? `${wal.walKb.toFixed(1)} / ${wal.writingTransactions.toFixed(2)}` : '–'
}

/** What Tessera is compared with at one operator count, in the table's order. */
function baselines(r: OperatorsResult): [string, DispatchStats][] {
  return [
    ['SQL: the raw SKIP LOCKED claim alone', r.rawClaim],
    ['SQL: raw claim + raw completing UPDATE', r.rawCycle],
    [
      'HTTP floor: bare Fastify whose two routes run only the raw claim / raw complete',
      r.httpFloor,
    ],
    ['HTTP floor + history: each raw statement also writes the history rows', r.historyFloor],
    [
      "HTTP floor in Tessera's round trips: lock operator + lock task, write + history (2); write + history if unchanged (1)",
      r.shapeFloor,
    ],
    [
      "HTTP floor in Tessera's round trips and contract: the same behind a bearer token (hashed, looked up in memory), both answers the whole task",
      r.contractFloor,
    ],
    [
      'HTTP floor in the contract, one statement per request: the claim locks the operator, the task and writes it with its history at once; the same completion',
      r.atOnceFloor,
    ],
  ]
}

/** One table row per operator count and measured thing. */
export function renderDispatchTable(results: OperatorsResult[]): string {
  const rows = results.flatMap((r) => [
    [
      `${r.operators}`,
      'Tessera: `POST /player/next` + `POST /player/complete`',
      int(r.tessera.cycles.rate),
      latency(r.tessera.claim),
      cpu(r.tessera),
      wal(r.tessera),
      '',
    ],
    ...baselines(r).map(([what, stats]) => [
      '',
      what,
      int(stats.cycles.rate),
      latency(stats.claim),
      cpu(stats),
      wal(stats),
      pct(r.tessera.cycles.rate, stats.cycles.rate),
    ]),
  ])
  const header = [
    'operators',
    'what',
    'tasks/s',
    'claim p50 / p99 (ms)',
    'CPU ms per task: server / PostgreSQL / bench',
    'WAL KB / writing transactions per task',
    'Tessera ÷ this',
  ]
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0)))
  const numeric = [true, false, true, true, true, true, true]
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** The issue's targets: ≥ 50% of the raw claim rate and `next` p99 < 25 ms. */
export function renderDispatchTargets(results: OperatorsResult[]): string {
  const lines = ['| target | operators | measured | met |', '|---|--:|--:|---|']
  for (const r of results) {
    const share = r.tessera.cycles.rate / r.rawClaim.cycles.rate
    lines.push(
      `| next + complete ≥ 50% of the raw claim rate | ${r.operators} | ${pct(r.tessera.cycles.rate, r.rawClaim.cycles.rate)} (${int(r.tessera.cycles.rate)} vs ${int(r.rawClaim.cycles.rate)}/s) | ${share >= 0.5 ? 'yes' : '**no**'} |`,
      `| next p99 < 25 ms | ${r.operators} | ${ms(r.tessera.claim.p99)} ms | ${r.tessera.claim.p99 < 25 ? 'yes' : '**no**'} |`,
    )
  }
  return lines.join('\n')
}

/**
 * What the HTTP floor says of the rate target: the share of the raw claim rate that two
 * requests per task reach before any of Tessera's work, at each operator count.
 */
export function renderFloorShare(results: OperatorsResult[]): string {
  const shares = results.map((r) => r.httpFloor.cycles.rate / r.rawClaim.cycles.rate)
  const figures = results.map(
    (r) =>
      `${pct(r.httpFloor.cycles.rate, r.rawClaim.cycles.rate)} with ${r.operators} operators (${int(r.httpFloor.cycles.rate)} vs ${int(r.rawClaim.cycles.rate)}/s)`,
  )
  const best = Math.max(...shares)
  const verdict =
    best < 0.5
      ? 'the 50% target is out of reach of any HTTP API on this machine, before it does any work of its own.'
      : best < 0.7
        ? "the 50% target leaves the API's own work (token, rate limit, operator checks, history, work time) very little room."
        : "the target leaves room for the API's own work."
  return `Of the raw claim rate, the HTTP floor alone reaches ${figures.join('; ')}: ${verdict}`
}

/** Every task claimed once: the check that comes with every figure. */
export function renderExclusivity(results: OperatorsResult[]): string {
  return results
    .map(
      (r) =>
        `${r.operators} operators: ${int(r.tessera.claims)} tasks handed out by \`next\`, ${int(r.tessera.distinct)} distinct${r.tessera.claims === r.tessera.distinct ? '' : ' — **DUPLICATES**'}.`,
    )
    .join(' ')
}

/** The `dispatch` section of bench/README.md. */
export function dispatchSection(
  results: OperatorsResult[],
  /** The issue's targets, judged on the median of every round (the tables show the last). */
  targets: string,
  machine: MachineInfo,
  options: DispatchOptions,
  version: string,
  date: Date,
): string {
  // The load at the end is mostly this benchmark's own: only the start tells of other work.
  const load = machine.loadAtStart
  return [
    '## Dispatch (`npm run bench:dispatch`)',
    '',
    '<!-- Written by `npm run bench:dispatch` (bench/dispatch/report.ts). -->',
    '',
    `${describeRun(machine, date)}; ${version}.`,
    `${describeLoad(machine)}.${load >= machine.cpus / 2 ? ' **Other work was running when it started**: absolute figures are low, ratios hold better.' : ''}`,
    `Each phase starts from ${int(options.tasks * 2)} open tasks in one queue (reset and vacuumed between phases) and never has fewer than ${int(options.tasks)}; ${options.warmupMs / 1000} s warm-up, ${options.durationMs / 1000} s measured, after ${options.serverWarmupMs / 1000} s of unmeasured play that each server got once, before the first round.`,
    '',
    renderDispatchTable(results),
    '',
    targets,
    '',
    'The first dispatch issue measured Tessera against the raw claim alone (the last round):',
    '',
    renderDispatchTargets(results),
    '',
    renderFloorShare(results),
    '',
    renderExclusivity(results),
    '',
    '### How it measures',
    '',
    '- PostgreSQL only: dispatch across connections is what SKIP LOCKED is for (PGlite has one).',
    '- An admin token from the CLI creates one queue that takes every task and loads the open',
    '  tasks through `POST /tasks/batch`; each operator has a user and a token of their own.',
    '- **Tessera**: each operator is a closed loop over its own keep-alive connection:',
    '  `POST /player/next` (timed alone for the claim latency), then `POST /player/complete`.',
    '  The rate is tasks handed out *and* completed per second.',
    '- **Raw claim**: the textbook one-statement queue claim (the storage measurements the',
    "  project started from used it), on Tessera's own table and dispatch index",
    '  (`UPDATE … WHERE uid = (SELECT … ORDER BY <the default queue order>',
    '  LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING uid`), through `pg`, one connection per operator.',
    '  The issue states its target against this figure.',
    '- **Raw claim + complete**: the same, followed by a raw completing `UPDATE`: the like-for-like',
    '  floor of the two requests (two commits per task, as Tessera makes).',
    '- **HTTP floor**: the same two requests per task to a bare Fastify process (bench/bare-server.ts)',
    '  whose routes run only the raw claim and the raw completing `UPDATE`, with no token,',
    '  validation, history or log: what any HTTP API on this machine pays before its own work.',
    '- **HTTP floor + history**: the same, each raw statement also writing the history rows',
    '  Tessera writes for it (`assigned` and `started`; `completed`) into `task_events`, whose',
    '  triggers feed webhooks, rules and live updates: the cost of that guarantee alone.',
    "- **HTTP floor in Tessera's round trips**: raw statements in the store's shape. `next`: one",
    '  transaction that locks the operator (their calls run one at a time), locks the first free',
    '  task, then writes it with its history (the domain core decides between the read and the',
    '  write, so they are two statements): two round trips on a pipelined connection, as',
    "  Tessera's: BEGIN, the lock and the claim leave together, COMMIT with the write.",
    '  `complete`: write the task with its history if its row version is still the one the claim',
    '  wrote (the server remembers it, as Tessera does for the tasks it hands out): one.',
    "  What Tessera's design costs before any of its own work.",
    "- **HTTP floor in Tessera's round trips and contract**: the same statements, answering as",
    "  Tessera's API must: each request names its operator by a bearer token, hashed and looked",
    "  up in memory (as Tessera's warm cache of principals does), the claim reads the whole task",
    '  and both answers carry it, merged with what each write changed. No rate limit, validation,',
    '  rules, work time, metrics or log.',
    '- **HTTP floor in the contract, one statement per request**: the same answers behind the same',
    '  token, but `next` is one autocommitted statement whose CTEs lock the operator, claim the',
    '  first free task and write it with its history (`complete` as above): one round trip and one',
    '  statement per request, which no design keeping those guarantees undercuts (Tessera takes',
    '  two for `next`, because its domain core, not SQL, decides the write). The targets call',
    '  themselves out of reach only when this floor misses them in every round; a failing line',
    '  shows what it reached.',
    '- **CPU ms per task**: user and system time over the measured window, from /proc, divided by',
    '  the tasks finished in it: the HTTP server process (Tessera, or the bare floor; none for the',
    '  raw SQL phases), every PostgreSQL process (backends, WAL writer, checkpointer), and the bench',
    '  process that drives the load. On two CPUs the rate follows their sum; unlike the rate, it',
    '  barely moves from run to run, so it shows which process a change made cheaper.',
    '- **WAL KB / writing transactions per task**: how far the WAL insert position and the next',
    '  transaction id moved over the measured window, divided by the tasks finished in it. Both',
    '  are exact at any instant (the statistics views lag by up to a second), and count the whole',
    "  cluster: the servers' background work too. Two commits per task is the like-for-like floor.",
    '- Tessera does more per task than the raw statements: it authenticates each request, counts',
    '  it in the shared rate limiter, checks the operator (active, skills, session queues, one',
    '  started task), computes work time, and writes each change to the history (`task_events`,',
    '  the webhook source) in the same statement.',
  ].join('\n')
}
