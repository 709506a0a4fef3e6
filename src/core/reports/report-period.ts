import type { FieldError } from '../../contract/errors'

const DAY_MS = 86_400_000

/** The instants a report covers: [from, to). */
export interface ReportPeriod {
  from: Date
  to: Date
}

/**
 * The period a report query asks for: `to` defaults to `now`, `from` to `defaultDays` before
 * `to`. Refused (the fields to name in a 422) when `from` is not before `to`, or when the
 * period is longer than `maxDays`: then the field named is the one that lies beyond, `to`
 * when both were given, else the one that was.
 */
export function reportPeriod(
  query: { from?: string; to?: string },
  now: Date,
  limits: { defaultDays: number; maxDays: number },
): ReportPeriod | FieldError[] {
  const to = query.to === undefined ? now : new Date(query.to)
  const from =
    query.from === undefined
      ? new Date(to.getTime() - limits.defaultDays * DAY_MS)
      : new Date(query.from)
  const namesTo = query.to !== undefined
  const path = namesTo ? '/query/to' : '/query/from'
  if (!(from.getTime() < to.getTime())) {
    return [{ path, message: namesTo ? 'must be after from' : 'must be before to (now)' }]
  }
  if (to.getTime() - from.getTime() > limits.maxDays * DAY_MS) {
    const message = namesTo
      ? `must be at most ${limits.maxDays} days after from`
      : `must be at most ${limits.maxDays} days before to (now)`
    return [{ path, message }]
  }
  return { from, to }
}
