import { describeLoad, describeRun, type MachineInfo } from '../machine'
import { markdownTable, median } from '../soak/chart'
import type { CommandRun } from './launch'
import type { EngineFigures } from './measure'

/** The commands measured once, whatever the engine. */
export interface CommandFigures {
  /** `node -e ''`: the floor every command pays. */
  floor: CommandRun[]
  help: CommandRun[]
  npxHelp: CommandRun[]
  /** PSS of a bare Node process that is only waiting, MiB. */
  nodePssMiB: number
}

const s = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–')
const one = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
const pct = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–')
const min = (values: number[]) => Math.min(...values)
const met = (ok: boolean) => (ok ? 'yes' : '**no**')

type Row = (string | number)[]

function timeRow(
  what: string,
  engine: string,
  seconds: number[],
  cpu: number[],
  floor: number,
  target?: { text: string; limit: number; fromFloor?: boolean },
): Row {
  const mid = median(seconds)
  const measured = target?.fromFloor ? mid - floor : mid
  return [
    what,
    engine,
    s(min(seconds)),
    s(mid),
    s(median(cpu)),
    s(mid - floor),
    target?.text ?? '–',
    target ? met(measured <= target.limit) : '–',
  ]
}

/** Times to exit or to a first `/health`, against the targets. */
export function renderTimes(commands: CommandFigures, engines: EngineFigures[]): string {
  const floor = median(commands.floor.map((r) => r.seconds))
  const seconds = (runs: CommandRun[]) => runs.map((r) => r.seconds)
  const cpu = (runs: CommandRun[]) => runs.map((r) => r.cpuSeconds)
  const rows: Row[] = [
    timeRow("`node -e ''` (the floor)", '–', seconds(commands.floor), cpu(commands.floor), floor),
    timeRow('`tessera --help`', '–', seconds(commands.help), cpu(commands.help), floor, {
      text: '≤ floor + 0.4 s',
      limit: 0.4,
      fromFloor: true,
    }),
    timeRow(
      '`npx tessera --help` (npx included)',
      '–',
      seconds(commands.npxHelp),
      cpu(commands.npxHelp),
      floor,
    ),
  ]
  for (const e of engines) {
    const name = e.target.name
    rows.push(
      timeRow(
        '`tessera tokens create`',
        name,
        seconds(e.tokensCreate),
        cpu(e.tokensCreate),
        floor,
        {
          text: '≤ 1.5 s',
          limit: 1.5,
        },
      ),
    )
    if (e.firstStart) {
      rows.push(
        timeRow(
          '`/health`, first start (new data)',
          name,
          seconds(e.firstStart),
          cpu(e.firstStart),
          floor,
          {
            text: '≤ 5 s',
            limit: 5,
          },
        ),
      )
    }
    const warmLimit = e.target.hasDataDir ? 2 : 1
    rows.push(
      timeRow(
        '`/health`, start on existing data',
        name,
        seconds(e.warmStart),
        cpu(e.warmStart),
        floor,
        {
          text: `≤ ${warmLimit} s`,
          limit: warmLimit,
        },
      ),
    )
  }
  return markdownTable(
    [
      'measure',
      'engine',
      'min (s)',
      'median (s)',
      'CPU, median (s)',
      'median − floor (s)',
      'target (median)',
      'met',
    ],
    rows,
  )
}

/** An idle server's CPU and memory per engine, beside a bare Node process's memory. */
export function renderIdle(commands: CommandFigures, engines: EngineFigures[], idleMs: number) {
  const rows: Row[] = engines.map((e) => {
    const cpu = e.idle.cpuPercent
    const total = cpu.own + cpu.children
    const memory = e.idle.pssMiB
    return [
      e.target.name,
      pct(cpu.own),
      e.idle.childProcesses > 0 ? pct(cpu.children) : '–',
      met(total < 0.5),
      one(memory.own),
      e.idle.childProcesses > 0 ? `${one(memory.children)} (${e.idle.childProcesses})` : '–',
      one(memory.own + memory.children),
    ]
  })
  rows.push(['bare Node, waiting', '–', '–', '–', one(commands.nodePssMiB), '–', '–'])
  return markdownTable(
    [
      'engine',
      `idle CPU, Tessera (% of a core, ${idleMs / 1000} s)`,
      'idle CPU, database processes',
      '< 0.5% in all',
      'PSS, Tessera (MiB)',
      'PSS, database processes (MiB, count)',
      'PSS, total (MiB)',
    ],
    rows,
  )
}

/** Where and when the figures were taken, and whether other work shared the machine. */
export function renderMachine(machine: MachineInfo, date: Date, runs: number): string {
  const load = Math.max(machine.loadAtStart, machine.loadAtEnd ?? 0)
  const shared = load > machine.cpus / 2
  return [
    `${describeRun(machine, date)}; ${runs} runs of each measure; ${describeLoad(machine)}.`,
    ...(shared
      ? [
          '',
          `**The machine was shared during this run** (load average up to ${load.toFixed(1)} on ${machine.cpus} CPUs): times include waiting for a CPU, so they are longer than an idle machine gives; the minimum is the better guide to what Tessera itself costs, and the CPU column is not inflated by waiting. Idle CPU and memory are the process's own and are barely affected.`,
        ]
      : []),
  ].join('\n')
}
