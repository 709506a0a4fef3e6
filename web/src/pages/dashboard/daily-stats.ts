import type { DayFigures, QueueResolution, QueueStats } from '../../api'
import { formatCount } from '../../ui/format'

/** A day as the charts draw it: the backlog is unknown (null) before the first known day. */
export interface ChartDay extends Omit<DayFigures, 'backlog'> {
  backlog: number | null
}

/** The periods offered, in days. */
export const PERIODS = [7, 30, 90] as const
export type Period = (typeof PERIODS)[number]

const DAY_MS = 86_400_000

/** Today's date (YYYY-MM-DD) in `timeZone`: the API counts days in the organization's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/** `date` moved by `days` (calendar arithmetic on the date alone, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The first and last day of the `days` days ending today, both included. */
export function periodRange(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today }
}

/**
 * Every day from `from` to `to`, in order, whatever the API left out: a missing day had
 * nothing created, done or breached, and its backlog is the day before's (a backlog is a
 * level, not a flow). Days outside the period are dropped.
 */
export function fillDays(days: readonly DayFigures[], from: string, to: string): ChartDay[] {
  const byDate = new Map(days.map((day) => [day.date, day]))
  const filled: ChartDay[] = []
  let backlog: number | null = null
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const known = byDate.get(date)
    backlog = known ? known.backlog : backlog
    filled.push({
      date,
      created: known?.created ?? 0,
      done: known?.done ?? 0,
      breached: known?.breached ?? 0,
      backlog,
      sla_due: known?.sla_due ?? 0,
      sla_met: known?.sla_met ?? 0,
      sla_compliance: known?.sla_compliance ?? null,
    })
  }
  return filled
}

/** Whether a period has anything to draw; else the page says "No data for this period". */
export function hasActivity(days: readonly ChartDay[]): boolean {
  return days.some(
    (day) => day.created > 0 || day.done > 0 || day.breached > 0 || (day.backlog ?? 0) > 0,
  )
}

export type DurationUnit = 's' | 'min' | 'h'

export interface ResolutionBars {
  /** The largest unit in which the longest median still reads well, so bars do not vanish. */
  unit: DurationUnit
  bars: { name: string; value: number }[]
}

const UNIT_SECONDS: Record<DurationUnit, number> = { s: 1, min: 60, h: 3600 }

function unitFor(longest: number): DurationUnit {
  if (longest < 2 * 60) {
    return 's'
  }
  return longest < 2 * 3600 ? 'min' : 'h'
}

/** Median resolution per queue, for the queues that resolved anything, in a readable unit. */
export function resolutionBars(
  queues: readonly Pick<QueueResolution, 'queue_uid' | 'name' | 'median_resolution_time'>[],
): ResolutionBars {
  const known = queues.flatMap((queue) =>
    queue.median_resolution_time === null
      ? []
      : [{ name: queue.name, seconds: queue.median_resolution_time }],
  )
  const unit = unitFor(Math.max(0, ...known.map((queue) => queue.seconds)))
  return {
    unit,
    bars: known.map((queue) => ({
      name: queue.name,
      value: Math.round((queue.seconds / UNIT_SECONDS[unit]) * 10) / 10,
    })),
  }
}

export interface Totals {
  open: number
  started: number
  overdue: number
  breaching_sla: number
  done_last_day: number
  /** Seconds; null when nothing is open. */
  oldest_open_age: number | null
}

/** The figures of every queue (and of the tasks in none) added up, for the tiles. */
export function totalStats(items: readonly QueueStats[]): Totals {
  const totals: Totals = {
    open: 0,
    started: 0,
    overdue: 0,
    breaching_sla: 0,
    done_last_day: 0,
    oldest_open_age: null,
  }
  for (const item of items) {
    totals.open += item.open
    totals.started += item.started
    totals.overdue += item.overdue
    totals.breaching_sla += item.breaching_sla
    totals.done_last_day += item.done_last_day
    if (item.oldest_open_age !== null) {
      totals.oldest_open_age = Math.max(totals.oldest_open_age ?? 0, item.oldest_open_age)
    }
  }
  return totals
}

const shortDate = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})

/** "12 Sep": a chart axis label for a YYYY-MM-DD day. */
export function formatDay(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`)
  return Number.isNaN(time) ? date : shortDate.format(time)
}

/** Pixels per character of a 12 px axis label, and the room left beside the labels. */
const LABEL_CHAR_PX = 7.5
const AXIS_PADDING_PX = 14

/**
 * How wide a count axis must be for its longest label, so "10,000" is never cut to "0000".
 * The top tick is rounded up to a round number that can be longer than the largest value
 * (9,500 → 10,000), so the width allows for a quarter more.
 */
export function countAxisWidth(values: readonly (number | null)[]): number {
  const max = Math.max(0, ...values.map((value) => value ?? 0))
  const longest = formatCount(Math.ceil(max * 1.25)).length
  return Math.max(32, Math.ceil(longest * LABEL_CHAR_PX + AXIS_PADDING_PX))
}
