const TIME_PATTERN = /^([01][0-9]|2[0-3]):([0-5][0-9])$/
const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/

/** Milliseconds in a day of 24 hours: the length of a local calendar day on the naive timeline. */
export const DAY_MS = 86_400_000

/**
 * Minutes since local midnight for "HH:MM" (00:00–23:59), or "24:00" (1440) when
 * `allowEndOfDay`; null when malformed.
 */
export function parseTimeOfDay(value: string, allowEndOfDay = false): number | null {
  if (allowEndOfDay && value === '24:00') {
    return 1440
  }
  const match = TIME_PATTERN.exec(value)
  if (match === null) {
    return null
  }
  return Number(match[1]) * 60 + Number(match[2])
}

/**
 * Days since 1970-01-01 for a real "YYYY-MM-DD" date, or null when malformed or
 * nonexistent (2025-02-30). Day numbers index local dates without any time zone.
 */
export function parseLocalDate(value: string): number | null {
  const match = DATE_PATTERN.exec(value)
  if (match === null) {
    return null
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) {
    return null
  }
  return Math.round(date.getTime() / DAY_MS)
}
