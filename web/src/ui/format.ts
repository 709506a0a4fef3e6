const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A span of whole seconds in the two largest units that matter to a person: `45 s`,
 * `12 min 5 s`, `3 h 20 min`, `2 d 4 h`. Dropping smaller units keeps table cells short.
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  if (seconds < MINUTE) {
    return `${seconds} s`
  }
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`
  if (seconds < HOUR) {
    return pair(Math.floor(seconds / MINUTE), 'min', seconds % MINUTE, 's')
  }
  if (seconds < DAY) {
    return pair(Math.floor(seconds / HOUR), 'h', Math.floor((seconds % HOUR) / MINUTE), 'min')
  }
  return pair(Math.floor(seconds / DAY), 'd', Math.floor((seconds % DAY) / HOUR), 'h')
}

/** How close an SLA is: `breached` past it, `soon` within the hour, else `ok`. */
export type SlaTone = 'ok' | 'soon' | 'breached'

/** What an SLA countdown shows: the sentence and its tone. */
export interface SlaCountdown {
  text: string
  tone: SlaTone
}

/**
 * The SLA countdown of a task: time left before `breachAt`, or how long ago it was breached.
 * A finished task no longer runs against its SLA, so it shows whether it was met instead.
 */
export function slaCountdown(
  breachAt: string | null,
  now: Date,
  doneAt: string | null = null,
): SlaCountdown | null {
  if (!breachAt) {
    return null
  }
  const breach = new Date(breachAt).getTime()
  if (doneAt) {
    return new Date(doneAt).getTime() <= breach
      ? { text: 'SLA met', tone: 'ok' }
      : { text: 'SLA missed', tone: 'breached' }
  }
  const left = Math.round((breach - now.getTime()) / 1000)
  if (left <= 0) {
    return { text: `Breached ${formatDuration(-left)} ago`, tone: 'breached' }
  }
  return { text: `${formatDuration(left)} left`, tone: left <= HOUR ? 'soon' : 'ok' }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** An instant in the reader's locale and time zone: `12 Sep 2025, 14:05`. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

const sameYear = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})

/** An instant for a table cell: the year only when it is not this year's. */
export function formatShortDateTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  return date.getFullYear() === now.getFullYear() ? sameYear.format(date) : dateTime.format(date)
}

const integer = new Intl.NumberFormat()

/** A count with the reader's thousands separators: `100,000`. */
export function formatCount(value: number): string {
  return integer.format(value)
}

/** A custom field's value as text: strings as they are, anything else as JSON. */
export function formatFieldValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
