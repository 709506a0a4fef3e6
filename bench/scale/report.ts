import { describeLoad, describeRun, type MachineInfo } from '../machine'
import type { StepFigures } from './measure'
import type { ScaleOptions } from './options'

/** How much worse than at the base size a figure may get (issue 17). */
export const MAX_WORSE = 1.5

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const size = (n: number) =>
  n >= 1_000_000 && n % 100_000 === 0
    ? `${n / 1_000_000}M`
    : n >= 1000
      ? `${Math.round(n / 1000)}k`
      : String(n)

/** One row of the table: a figure at every step, and whether a higher value is better. */
interface Metric {
  label: string
  value: (step: StepFigures) => number
  format: (n: number) => string
  higherIsBetter: boolean
  /** Held to {@link MAX_WORSE}; the others are shown to explain them. */
  target: boolean
}

function metrics(options: ScaleOptions): Metric[] {
  const c = options.concurrency
  const o = options.operators
  return [
    {
      label: 'batch ingest, 1,000 per request, 4 in flight (tasks/s)',
      value: (s) => s.ingest.rate,
      format: int,
      higherIsBetter: true,
      target: true,
    },
    {
      label: `single create, ${c} in flight (req/s)`,
      value: (s) => s.create.rate,
      format: int,
      higherIsBetter: true,
      target: true,
    },
    {
      label: 'filtered backlog with total count, 1 in flight, p99 (ms)',
      value: (s) => s.list.p99,
      format: ms,
      higherIsBetter: false,
      target: true,
    },
    {
      label: `dispatch: next + complete, ${o} operators (tasks/s)`,
      value: (s) => s.dispatch.cycles.rate,
      format: int,
      higherIsBetter: true,
      target: true,
    },
    {
      label: 'batch ingest: WAL per task (kB)',
      value: (s) => s.ingestWalKb ?? Number.NaN,
      format: (n) => (Number.isNaN(n) ? '–' : n.toFixed(1)),
      higherIsBetter: false,
      target: false,
    },
    {
      label: `single create, ${c} in flight, p99 (ms)`,
      value: (s) => s.create.p99,
      format: ms,
      higherIsBetter: false,
      target: false,
    },
    {
      label: 'filtered backlog, p50 (ms)',
      value: (s) => s.list.p50,
      format: ms,
      higherIsBetter: false,
      target: false,
    },
    {
      label: `dispatch: next, ${o} operators, p99 (ms)`,
      value: (s) => s.dispatch.claim.p99,
      format: ms,
      higherIsBetter: false,
      target: false,
    },
    {
      label: 'largest organization: its tasks',
      value: (s) => s.largestTasks,
      format: int,
      higherIsBetter: false,
      target: false,
    },
    {
      label: 'largest organization: filtered backlog p99 (ms)',
      value: (s) => s.listLargest.p99,
      format: ms,
      higherIsBetter: false,
      target: false,
    },
    {
      label: 'server process resident memory (MiB)',
      value: (s) => s.serverRssMiB,
      format: int,
      higherIsBetter: false,
      target: false,
    },
  ]
}

/**
 * How many times worse than the base a value is (above 1: worse); infinitely worse when
 * either was not measured (no request answered inside the window), which is no pass.
 */
function worse(metric: Metric, base: number, value: number): number {
  const measured = (n: number) => Number.isFinite(n) && n > 0
  if (!measured(base) || !measured(value)) {
    return Number.POSITIVE_INFINITY
  }
  return metric.higherIsBetter ? base / value : value / base
}

/** The pass/fail verdict of each target at the largest step and at any step. */
export interface Verdict {
  label: string
  worst: number
  worstAt: number
  met: boolean
}

/** Each target's worst ratio to its base-size value over the steps. */
export function verdicts(steps: StepFigures[], options: ScaleOptions): Verdict[] {
  const base = steps[0]
  if (!base) {
    return []
  }
  return metrics(options)
    .filter((metric) => metric.target)
    .map((metric) => {
      let worst = 1
      let worstAt = base.tasks
      for (const step of steps.slice(1)) {
        const ratio = worse(metric, metric.value(base), metric.value(step))
        if (ratio > worst) {
          worst = ratio
          worstAt = step.tasks
        }
      }
      return { label: metric.label, worst, worstAt, met: worst <= MAX_WORSE }
    })
}

/**
 * The figures as a Markdown table: a column per size, each value after the base with its
 * ratio to the base (above 1×: worse), then the load average the step ran under and what
 * CPU time the host took from it.
 */
export function renderScaleTable(steps: StepFigures[], options: ScaleOptions): string {
  const base = steps[0]
  if (!base) {
    return '(no step measured)'
  }
  const header = ['metric', ...steps.map((s) => `${size(s.tasks)} tasks`)]
  const rows = metrics(options).map((metric) => [
    `${metric.label}${metric.target ? '' : ' ·'}`,
    ...steps.map((step, i) => {
      const value = metric.format(metric.value(step))
      if (i === 0 || !metric.target) {
        return value
      }
      return `${value} (${worse(metric, metric.value(base), metric.value(step)).toFixed(2)}×)`
    }),
  ])
  rows.push([
    '1-minute load average, start → end of the step ·',
    ...steps.map((s) => `${s.loadBefore.toFixed(1)} → ${s.loadAfter.toFixed(1)}`),
  ])
  if (steps.some((s) => s.steal !== null)) {
    rows.push([
      "CPU time the host gave other guests (steal) during the step's timed phases ·",
      ...steps.map((s) => (s.steal === null ? '–' : `${Math.round(s.steal * 100)}%`)),
    ])
  }
  const lines = [header, ...rows].map((row) => `| ${row.join(' | ')} |`)
  lines.splice(1, 0, `|---|${steps.map(() => '--:').join('|')}|`)
  return lines.join('\n')
}

/** The targets as a Markdown table with pass/fail. */
export function renderVerdicts(steps: StepFigures[], options: ScaleOptions): string {
  if (steps.length < 2) {
    return 'Only the base size was measured: nothing to compare it with, no target judged.'
  }
  return [
    `| target: within ${MAX_WORSE}× of the ${size(steps[0]?.tasks ?? 0)}-task value | worst | at | result |`,
    '|---|--:|--:|---|',
    ...verdicts(steps, options).map(
      (v) =>
        `| ${v.label} | ${v.worst.toFixed(2)}× | ${size(v.worstAt)} | ${v.met ? 'pass' : '**FAIL**'} |`,
    ),
  ].join('\n')
}

/** One engine's results. */
export interface EngineScale {
  engine: 'postgres' | 'pglite'
  steps: StepFigures[]
  /** Highest resident memory of the server process seen during the whole run, MiB. */
  peakRssMiB: number
  /** Why the run stopped before the largest size, if it did. */
  stoppedEarly?: string
  version: string
}

const ENGINE_NAMES = {
  postgres: 'PostgreSQL server (`--database-url`)',
  pglite: 'PGlite (`--engine pglite`)',
} as const

/** Where one engine's figures come from: each engine's block may be from another run. */
function provenance(machine: MachineInfo, date: Date): string {
  return `${describeRun(machine, date)}; ${describeLoad(machine)} (each step's own in its last row).`
}

/** The marker around one engine's block, which a run that does not measure it keeps. */
export const scaleBlockMarker = (engine: EngineScale['engine']) => `scale:${engine}`

function engineSection(
  result: EngineScale,
  options: ScaleOptions,
  machine: MachineInfo,
  date: Date,
): string {
  const last = result.steps.at(-1)
  const marker = scaleBlockMarker(result.engine)
  const lines = [
    `<!-- ${marker} -->`,
    `#### ${ENGINE_NAMES[result.engine]}`,
    '',
    provenance(machine, date),
    '',
    result.version,
    '',
  ]
  if (result.steps.length > 0) {
    lines.push(renderScaleTable(result.steps, options), '', renderVerdicts(result.steps, options))
  }
  if (last) {
    lines.push(
      '',
      `Server process resident memory at ${int(last.tasks)} tasks: ${int(last.serverRssMiB)} MiB (peak during the run ${int(result.peakRssMiB)} MiB).`,
    )
  }
  if (result.stoppedEarly) {
    lines.push('', `Stopped before ${size(options.steps.at(-1) ?? 0)}: ${result.stoppedEarly}`)
  }
  lines.push(`<!-- /${marker} -->`)
  return lines.join('\n')
}

/**
 * The bench/README.md section of a run. An engine this run did not measure keeps the block
 * of the last run that did (`kept`), under that run's commit and date.
 */
export function scaleSection(
  results: EngineScale[],
  machine: MachineInfo,
  options: ScaleOptions,
  date: Date,
  notes: string[],
  kept: (engine: EngineScale['engine']) => string | null,
): string {
  const blocks = (['postgres', 'pglite'] as const).flatMap((engine) => {
    const measured = results.find((result) => result.engine === engine)
    const block = measured ? engineSection(measured, options, machine, date) : kept(engine)
    return block ? [block, ''] : []
  })
  return [
    '## Scale with the data (`npm run bench:scale`, issue 17)',
    '',
    '<!-- Written by `npm run bench:scale` (bench/scale.ts): edit that file, not this one. -->',
    '',
    `One database grows from ${int(options.steps[0] ?? 0)} to ${int(options.steps.at(-1) ?? 0)} tasks over ${int(options.organizations)} organizations of Zipf sizes (the i-th largest gets 1/i of the largest's share; every task through \`POST /tasks/batch\`, 1,000 a request, so each is routed and has its history), beside a measured organization whose backlog keeps its ${int(options.measuredTasks)} tasks and a dispatch organization whose queue keeps 10,000 open tasks (those the operators finish are put back after each phase). At each size, after refreshing the planner's statistics (\`ANALYZE tasks\` on PostgreSQL, as autovacuum would; PGlite's own upkeep on PGlite): a timed ingest of ${int(options.ingestSample)} tasks into the largest organization; single creates there; the measured backlog's filtered list (\`${'GET /tasks?status=TODO,STARTED&country=FR&limit=50'}\`, what the backlog sends with a field filter, total count included), one request at a time; and \`next\` + \`complete\` by ${options.operators} operators. Target: each within ${MAX_WORSE}× of its value at the base size (ratios in brackets, above 1× worse). Rows marked · explain the others and have no target; the largest organization's backlog grows with the database and is shown for what a tenant whose own data grows sees.`,
    '',
    '```sh',
    'npm run bench:scale                                  # PostgreSQL then PGlite, up to 1M tasks',
    'npm run bench:scale -- --max 300000 --engine postgres   # a quick try',
    'npm run bench:scale -- --help',
    '```',
    '',
    '### Latest figures',
    '',
    `Each engine's figures are those of the last run that measured it (\`--engine\`). Timed phases: ${options.warmupMs / 1000} s warm-up, ${options.durationMs / 1000} s measured; on PostgreSQL each size's timed phases start from a checkpoint. The load generator, the server and the database share the CPUs with whatever else runs.`,
    '',
    ...blocks,
    ...notes,
  ].join('\n')
}
