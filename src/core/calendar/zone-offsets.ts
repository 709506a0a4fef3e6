import { IANAZone } from 'luxon'

const DAY_MS = 86_400_000

/** A time zone's UTC offsets over one UTC year: the offset at its start, then each change. */
interface YearOffsets {
  start: number
  /** In time order; `at` is the first instant (ms) with the new `offset` (ms). */
  changes: { at: number; offset: number }[]
}

// Luxon answers one offset in a few microseconds (an Intl round trip); a long span asks for
// thousands, so each zone-year is scanned once and kept. The cache is bounded.
const MAX_CACHED_YEARS = 4096
const cache = new Map<string, YearOffsets>()

const zones = new Map<string, IANAZone>()

/**
 * Returns the IANA zone, or throws a RangeError: callers validate calendars first, so an
 * unknown zone here is a programming error, not bad input.
 */
export function loadZone(name: string): IANAZone {
  // Luxon checks validity by building an Intl.DateTimeFormat each time: on every request
  // that touches a calendar, that was a measurable share of the server's CPU.
  const known = zones.get(name)
  if (known) {
    return known
  }
  const zone = IANAZone.create(name)
  if (!zone.isValid) {
    throw new RangeError(`Unknown time zone: ${name}`)
  }
  zones.set(name, zone)
  return zone
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
function yearStartMs(year: number): number {
  return new Date(0).setUTCFullYear(year, 0, 1)
}

function rawOffset(zone: IANAZone, ts: number): number {
  return Math.round(zone.offset(ts) * 60_000)
}

/** The first instant in (lo, hi] whose offset differs from lo's, by bisection to the ms. */
function findChange(zone: IANAZone, lo: number, hi: number): number {
  const before = rawOffset(zone, lo)
  let low = lo
  let high = hi
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (rawOffset(zone, mid) === before) {
      low = mid
    } else {
      high = mid
    }
  }
  return high
}

/**
 * Scans a UTC year once a day. This assumes a zone never changes its offset twice within 24
 * hours, which holds for every real zone in the tz database.
 */
function scanYear(zone: IANAZone, year: number): YearOffsets {
  const yearStart = yearStartMs(year)
  const yearEnd = yearStartMs(year + 1)
  const result: YearOffsets = { start: rawOffset(zone, yearStart), changes: [] }
  let previous = yearStart
  let previousOffset = result.start
  while (previous < yearEnd) {
    const next = Math.min(previous + DAY_MS, yearEnd)
    const nextOffset = rawOffset(zone, next)
    if (nextOffset !== previousOffset) {
      const at = findChange(zone, previous, next)
      result.changes.push({ at, offset: rawOffset(zone, at) })
    }
    previous = next
    previousOffset = nextOffset
  }
  return result
}

function yearOffsets(zone: IANAZone, year: number): YearOffsets {
  const key = `${zone.name}|${year}`
  let entry = cache.get(key)
  if (entry === undefined) {
    entry = scanYear(zone, year)
    if (cache.size >= MAX_CACHED_YEARS) {
      cache.clear()
    }
    cache.set(key, entry)
  }
  return entry
}

/**
 * A stretch of time over which a zone's offset is constant: from the asked instant up to
 * `end` (excluded), which is the next offset change or, harmlessly, a UTC new year.
 */
export interface OffsetSpan {
  /** Local wall-clock time minus UTC, in ms. */
  offset: number
  end: number
}

/** The zone's offset at `ts` (ms since epoch) and how long it lasts. */
export function offsetSpanAt(zone: IANAZone, ts: number): OffsetSpan {
  const year = new Date(ts).getUTCFullYear()
  const { start, changes } = yearOffsets(zone, year)
  let offset = start
  for (const change of changes) {
    if (change.at > ts) {
      return { offset, end: change.at }
    }
    offset = change.offset
  }
  return { offset, end: yearStartMs(year + 1) }
}
