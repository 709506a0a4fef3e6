import { DateTime } from 'luxon'
import type { OperatorReportRow, QueueReportRow } from '../../api'

/** A row of either report. */
export type ReportRow = OperatorReportRow | QueueReportRow

/** The periods offered besides a custom one, in days. */
export const PRESETS = [7, 30] as const
export type Preset = (typeof PRESETS)[number]

/** What the period picker holds: a preset, or two org-local dates (both days included). */
export type PeriodChoice = { days: Preset } | { fromDate: string; toDate: string }

/** The instants a report covers, as the API takes them: [from, to); no `to`: up to now. */
export interface ReportRange {
  from: string
  to?: string
}

const DAY_MS = 86_400_000

/**
 * The last `days` days: from `days` before `now` (to the minute, so the start stays put while
 * shown) up to the moment of each request, so that work completed since still counts when
 * live updates refresh the page.
 */
export function presetRange(days: number, now: Date): ReportRange {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000
  return { from: new Date(minute - days * DAY_MS).toISOString() }
}

/**
 * From the start of `fromDate` to the end of `toDate` in `timeZone` (the organization's, in
 * which the reports count hours): null when a date is missing or the end comes first.
 */
export function customRange(
  fromDate: string,
  toDate: string,
  timeZone: string,
): ReportRange | null {
  const from = DateTime.fromISO(fromDate, { zone: timeZone }).startOf('day')
  const to = DateTime.fromISO(toDate, { zone: timeZone }).startOf('day').plus({ days: 1 })
  if (!from.isValid || !to.isValid || to <= from) {
    return null
  }
  return { from: from.toUTC().toISO() ?? '', to: to.toUTC().toISO() ?? '' }
}

/** The name a row goes by in tables and charts. */
export function rowName(row: ReportRow): string {
  if ('operator_uid' in row) {
    return row.operator_uid === null ? 'Unassigned' : (row.name ?? row.email ?? 'Unknown user')
  }
  return row.queue_uid === null ? 'No queue' : (row.name ?? 'Unknown queue')
}

export type DurationUnit = 's' | 'min' | 'h'
export const UNIT_NAMES: Record<DurationUnit, string> = { s: 'seconds', min: 'minutes', h: 'hours' }
const UNIT_SECONDS: Record<DurationUnit, number> = { s: 1, min: 60, h: 3600 }

/** The largest unit in which `longest` seconds still reads as more than a sliver. */
export function durationUnit(longest: number): DurationUnit {
  if (longest < 2 * 60) {
    return 's'
  }
  return longest < 2 * 3600 ? 'min' : 'h'
}

/** Seconds in `unit`, to one decimal; null stays null (nothing to draw). */
export function inUnit(seconds: number | null, unit: DurationUnit): number | null {
  return seconds === null ? null : Math.round((seconds / UNIT_SECONDS[unit]) * 10) / 10
}

/** A share (0–1) as a whole percentage, or a dash when there was nothing to measure. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`
}

/** Pixels per character of a 12 px axis label, and the room left beside the labels. */
const LABEL_CHAR_PX = 7
const AXIS_PADDING_PX = 12

/**
 * How wide a category axis must be for its names, between `min` and `max` pixels: longer
 * names are cut (with an ellipsis, by {@link axisLabel}) rather than squeezing the bars out.
 */
export function nameAxisWidth(names: readonly string[], min = 48, max = 150): number {
  const longest = Math.max(0, ...names.map((name) => name.length))
  return Math.min(max, Math.max(min, Math.ceil(longest * LABEL_CHAR_PX + AXIS_PADDING_PX)))
}

/** A name cut to fit an axis `width` pixels wide. */
export function axisLabel(name: string, width: number): string {
  const room = Math.max(3, Math.floor((width - AXIS_PADDING_PX) / LABEL_CHAR_PX))
  return name.length <= room ? name : `${name.slice(0, room - 1)}…`
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** The heat map's counts as rows of weekdays (Monday first) and 24 hours. */
export function heatRows(
  cells: readonly { day_of_week: number; hour: number; completed: number }[],
): number[][] {
  const rows = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0))
  for (const cell of cells) {
    const row = rows[cell.day_of_week - 1]
    if (row && cell.hour >= 0 && cell.hour < 24) {
      row[cell.hour] = cell.completed
    }
  }
  return rows
}
