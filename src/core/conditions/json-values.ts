const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// RFC 3339 date-time: a time zone is mandatory so that the instant is unambiguous.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** Deepest nesting accepted in a condition value; deeper JSON would risk stack overflows. */
export const MAX_VALUE_DEPTH = 32

/** Whether `value` is a UUID in the canonical hyphenated form (any case). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

const MIN_INSTANT = Date.parse('0001-01-01T00:00:00.000Z')
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z')

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

/**
 * Parses an RFC 3339 date-time into epoch milliseconds, or `undefined` if it is not one.
 * Fractions are truncated to milliseconds: stored timestamps have millisecond precision,
 * and SQL and the evaluator must see the same instant.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined
  }
  const m = DATE_TIME.exec(value)
  if (!m) {
    return undefined
  }
  const part = (index: number) => Number(m[index] ?? 0)
  const year = part(1)
  const month = part(2)
  const day = part(3)
  const hour = part(4)
  const minute = part(5)
  const second = part(6)
  const offsetHours = part(10)
  const offsetMinutes = part(11)
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return undefined
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3))
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  const sign = m[9] === '-' ? -1 : 1
  const instant = date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000
  // An offset can push the instant out of years 1–9999, which ISO strings (and so the SQL
  // parameter) cannot express in the four-digit form PostgreSQL accepts.
  return instant >= MIN_INSTANT && instant <= MAX_INSTANT ? instant : undefined
}

/** Structural JSON equality, as PostgreSQL's `jsonb = jsonb`: type-sensitive, key order free. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEquals(item, b[i]))
    )
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && jsonEquals(a[key], b[key]))
    )
  }
  return false
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Compares strings by Unicode code point, which is the byte order of UTF-8 and therefore
 * PostgreSQL's `COLLATE "C"`. JavaScript's `<` compares UTF-16 code units instead, which
 * disagrees for characters above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]()
  const right = b[Symbol.iterator]()
  for (;;) {
    const x = left.next()
    const y = right.next()
    if (x.done || y.done) {
      return x.done && y.done ? 0 : x.done ? -1 : 1
    }
    const diff = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0)
    if (diff !== 0) {
      return diff
    }
  }
}

/**
 * Lower-cases A–Z only, exactly as PostgreSQL's `lower(x COLLATE "C")` does on every server,
 * whatever its locale; full Unicode folding would depend on the database's collation.
 */
export function foldAsciiCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
}

// Lone surrogates have no UTF-8 encoding; with the u flag this matches only unpaired ones.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** Why PostgreSQL could not hold this string as text or jsonb, if it could not. */
export function describeUnstorableString(value: string): string | undefined {
  return value.includes('\u0000') || LONE_SURROGATE.test(value)
    ? 'must not contain the NUL character or unpaired UTF-16 surrogates'
    : undefined
}

/**
 * Why a JSON value could not be sent to PostgreSQL as jsonb, if it could not: NUL or
 * unpaired surrogates anywhere, non-finite numbers, or nesting deeper than MAX_VALUE_DEPTH.
 * Iterative, so that hostile nesting cannot overflow the stack.
 */
export function describeUnstorableValue(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 0]]
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [item, depth] = entry
    if (typeof item === 'string') {
      const problem = describeUnstorableString(item)
      if (problem) {
        return problem
      }
    } else if (typeof item === 'number' && !Number.isFinite(item)) {
      return 'must not contain numbers too large for JSON'
    } else if (typeof item === 'object' && item !== null) {
      if (depth >= MAX_VALUE_DEPTH) {
        return `must not nest deeper than ${MAX_VALUE_DEPTH} levels`
      }
      const children = Array.isArray(item) ? item : [...Object.keys(item), ...Object.values(item)]
      for (const child of children) {
        stack.push([child, depth + 1])
      }
    }
  }
  return undefined
}

/**
 * Whether a parsed JSON value nests deeper than `maxDepth` arrays/objects. Iterative, so it
 * is safe on hostile input; run it before a recursive schema validator (ajv overflows the
 * stack at about 2,000 nested condition groups, which fit in a 1 MiB body).
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [item, depth] = entry
    if (typeof item === 'object' && item !== null) {
      if (depth >= maxDepth) {
        return true
      }
      for (const child of Array.isArray(item) ? item : Object.values(item)) {
        stack.push([child, depth + 1])
      }
    }
  }
  return false
}
