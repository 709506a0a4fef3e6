import { describeLoad, describeRun, type MachineInfo } from '../machine'
import { markdownTable, median, sparkline } from './chart'
import type { HorizonResult, HorizonWindow, Stage } from './horizon'
import { MAX_IN_FLIGHT, type SteadyResult, type SteadyWindow } from './steady'

/** A pass/fail line with the figures behind it. */
export interface Verdict {
  name: string
  ok: boolean
  detail: string
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')

/** "10 min", "90 s". */
const duration = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`)

/** The windows after the first (JIT, caches and pools warm up there), cut in thirds. */
function thirds(windows: SteadyWindow[]): { first: SteadyWindow[]; last: SteadyWindow[] } {
  const settled = windows.length > 3 ? windows.slice(1) : windows
  const size = Math.max(1, Math.floor(settled.length / 3))
  return { first: settled.slice(0, size), last: settled.slice(-size) }
}

/** Error rate 0, p99 stable, memory flat, rate held. */
export function steadyVerdicts(result: SteadyResult): Verdict[] {
  const { windows } = result
  const errors = windows.reduce((sum, w) => sum + w.errors, 0)
  const shed = windows.reduce((sum, w) => sum + w.shed, 0)
  const ops = windows.reduce((sum, w) => sum + w.ops + w.errors, 0)
  const { first, last } = thirds(windows)
  const p99Ratio = median(last.map((w) => w.p99)) / median(first.map((w) => w.p99))
  const rssFirst = median(first.map((w) => w.rssMiB))
  const rssLast = median(last.map((w) => w.rssMiB))
  const rssGrowth = rssLast / rssFirst - 1
  const slowest = Math.min(...windows.slice(1).map((w) => w.ops / w.seconds))
  return [
    {
      name: 'error rate 0',
      ok: errors === 0,
      detail: `${errors} answers other than 200 (or none) in ${ops.toLocaleString('en-US')} requests sent`,
    },
    {
      // Twice the early p99 would be a trend a user notices; less is the noise of a shared box.
      name: 'p99 stable',
      ok: p99Ratio <= 1.5,
      detail: `median p99 of the last third ÷ first third = ${fixed(p99Ratio, 2)}× (limit 1.5×)`,
    },
    {
      name: 'memory flat',
      ok: rssGrowth <= 0.1,
      detail: `server RSS ${fixed(rssFirst, 0)} → ${fixed(rssLast, 0)} MiB (${fixed(rssGrowth * 100)}%, limit 10%)`,
    },
    {
      name: 'rate held',
      ok: slowest >= result.rate * 0.95,
      detail: `slowest window ${fixed(slowest)} answers/s of ${result.rate} asked; ${shed.toLocaleString('en-US')} requests not sent because ${MAX_IN_FLIGHT} were already waiting`,
    },
  ]
}

function verdictLines(verdicts: Verdict[]): string {
  return verdicts.map((v) => `- ${v.ok ? '✅' : '❌'} **${v.name}**: ${v.detail}`).join('\n')
}

/** The steady phase as Markdown: verdicts, charts, the windows. */
export function renderSteady(result: SteadyResult): string {
  const w = result.windows
  const charts = [
    `p99 (ms)        ${sparkline(
      w.map((x) => x.p99),
      'ms',
      1,
    )}`,
    `server RSS      ${sparkline(
      w.map((x) => x.rssMiB),
      'MiB',
    )}`,
    `requests/s      ${sparkline(
      w.map((x) => x.ops / x.seconds),
      'req/s',
    )}`,
    `database size   ${sparkline(
      w.map((x) => x.databaseMiB),
      'MiB',
    )}`,
  ]
  const table = markdownTable(
    [
      't (s)',
      'req/s',
      'errors',
      'shed',
      'p50 (ms)',
      'p99 (ms)',
      'RSS (MiB)',
      'DB (MiB)',
      'load 1m',
    ],
    w.map((x) => [
      x.at,
      fixed(x.ops / x.seconds),
      x.errors,
      x.shed,
      fixed(x.p50),
      fixed(x.p99),
      fixed(x.rssMiB, 0),
      fixed(x.databaseMiB, 0),
      fixed(x.load1, 2),
    ]),
  )
  const mix = Object.entries(result.requests)
    .map(([kind, count]) => `${kind} ${count.toLocaleString('en-US')}`)
    .join(', ')
  return [
    `### Phase 1: steady mixed load, ${result.rate} requests/s for ${duration(result.durationMs)}`,
    '',
    verdictLines(steadyVerdicts(result)),
    '',
    `Requests: ${mix}. Player turns given to a read because all 8 operators were waiting: ${result.busyTurns}.`,
    ...(result.errorSamples.length
      ? ['', `Errors seen: ${result.errorSamples.map((e) => `\`${e}\``).join('; ')}`]
      : []),
    '',
    '```',
    ...charts,
    '```',
    '',
    '<details><summary>Every window</summary>',
    '',
    table,
    '',
    '</details>',
  ].join('\n')
}

function tasksOf(window: HorizonWindow) {
  return window.tables.find((t) => t.table === 'tasks')
}

/** Per stage: the median window, and the tables as the stage ended. */
function stageRows(result: HorizonResult) {
  const stages: Stage[] = ['normal', 'held', 'released']
  return stages.map((stage) => {
    const windows = result.windows.filter((w) => w.stage === stage)
    const end = windows.at(-1)
    const table = (name: string) => end?.tables.find((t) => t.table === name)
    const tasks = table('tasks')
    const size = (name: string) => {
      const t = table(name)
      return t ? `${fixed(t.heapMiB)} + ${fixed(t.indexMiB)}` : '–'
    }
    return [
      stage,
      fixed(median(windows.map((w) => w.rate))),
      fixed(median(windows.map((w) => w.entriesPerNext)), 0),
      fixed(median(windows.map((w) => w.next.p50))),
      fixed(median(windows.map((w) => w.next.p99))),
      fixed(Math.max(...windows.map((w) => w.next.p99))),
      (tasks?.dead ?? 0).toLocaleString('en-US'),
      size('tasks'),
      size('task_events'),
      size('webhook_deliveries'),
    ]
  })
}

/** The share of HOT updates of `tasks` over the phase: what a lower fillfactor could help. */
function hotShare(result: HorizonResult): string {
  const last = result.windows.at(-1)
  const tasks = last && tasksOf(last)
  if (!tasks || tasks.updates === 0) {
    return ''
  }
  return `HOT updates of \`tasks\`: ${tasks.hotUpdates.toLocaleString('en-US')} of ${tasks.updates.toLocaleString('en-US')} (${fixed((tasks.hotUpdates / tasks.updates) * 100)}%).`
}

/** The horizon phase as Markdown. */
export function renderHorizon(result: HorizonResult): string {
  const w = result.windows
  const charts = [
    `dispatch/s      ${sparkline(
      w.map((x) => x.rate),
      '/s',
    )}`,
    `next p99        ${sparkline(
      w.map((x) => x.next.p99),
      'ms',
      1,
    )}`,
    `tasks dead rows ${sparkline(
      w.map((x) => tasksOf(x)?.dead ?? Number.NaN),
      'rows',
    )}`,
    `stage           ${w.map((x) => ({ normal: 'n', held: 'H', released: 'r' })[x.stage]).join('')}  n normal, H held, r released`,
  ]
  const perWindow = markdownTable(
    [
      'stage',
      'dispatch/s',
      'entries/next',
      'next p50',
      'next p99',
      'tasks live',
      'tasks dead',
      'tasks MiB',
      'autovacuums',
      'oldest snapshot (xids, s, who)',
    ],
    w.map((x) => {
      const t = tasksOf(x)
      return [
        x.stage,
        fixed(x.rate),
        fixed(x.entriesPerNext, 0),
        fixed(x.next.p50),
        fixed(x.next.p99),
        (t?.live ?? 0).toLocaleString('en-US'),
        (t?.dead ?? 0).toLocaleString('en-US'),
        t ? `${fixed(t.heapMiB)} + ${fixed(t.indexMiB)}` : '–',
        t?.autovacuums ?? 0,
        `${x.horizon.xids.toLocaleString('en-US')}, ${fixed(x.horizon.seconds, 0)}, ${x.horizon.who}`,
      ]
    }),
  )
  return [
    `### Phase 2: dispatch while a transaction holds the xmin horizon`,
    '',
    `${result.queued.toLocaleString('en-US')} open tasks queued, then 8 operators play them (\`next\` + \`complete\`, one call at a time each) for ${duration(result.stageMs)} per stage: normally, while another connection holds a repeatable-read transaction with an xid (\`BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT txid_current();\` left open), and after it ends. Errors: ${result.errors}; \`next\` that found the queue empty: ${result.empty}.`,
    '',
    markdownTable(
      [
        'stage',
        'dispatch/s',
        'index entries read per next',
        'next p50 (ms)',
        'next p99 (ms)',
        'worst p99',
        'tasks dead rows',
        'tasks MiB (heap + idx)',
        'task_events MiB',
        'webhook_deliveries MiB',
      ],
      stageRows(result),
    ),
    '',
    hotShare(result),
    '',
    '```',
    ...charts,
    '```',
    ...(result.errorSamples.length
      ? ['', `Errors seen: ${result.errorSamples.map((e) => `\`${e}\``).join('; ')}`]
      : []),
    '',
    '<details><summary>Every window</summary>',
    '',
    perWindow,
    '',
    '</details>',
  ].join('\n')
}

/** The machine line every benchmark section carries. */
export function renderMachine(machine: MachineInfo, date: Date, postgres: string): string {
  const shared = (machine.loadAtEnd ?? 0) > machine.cpus || machine.loadAtStart > machine.cpus
  return [
    `${describeRun(machine, date)}; ${postgres}. ${describeLoad(machine)}${shared ? ' (**the machine was shared**: latencies include waiting for a CPU)' : ''}.`,
  ].join('\n')
}
