import type { FieldError } from '../contract/errors'

/**
 * Deepest nesting accepted in a request body, the body itself being level 1. A batch item's
 * custom field sits at level 5 and a condition 10 groups deep at about 21, so this leaves
 * room for any real document; far deeper ones (10,000 levels fit in a few kilobytes) overflow
 * the stack of the validator, the serializer or the database's JSON parser.
 */
export const MAX_BODY_DEPTH = 64

/**
 * Most arrays and objects accepted in one body. Each costs V8 some 60 bytes once parsed:
 * 16 MiB of `[[],[],…]` (5.5 million arrays) took 300 MB and 3 s of parsing, 16 MiB of
 * `[[[…]]]` 500 MB. A full batch (1,000 items, each with its fields object and skills
 * array) needs about 3,000; this allows 100 nested values per item besides, and caps a
 * parsed body near 30 MB.
 */
export const MAX_BODY_CONTAINERS = 500_000

/** More problems than this are not worth listing: the client has sent garbage. */
const MAX_REPORTED = 50

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The body as text, or null when it is not valid UTF-8 (never silently replaced by U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes)
  } catch {
    return null
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Index of the quote that closes the string opened at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1)
  while (end !== -1) {
    let backslashes = 0
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) {
      backslashes++
    }
    if (backslashes % 2 === 0) {
      return end
    }
    end = text.indexOf('"', end + 1)
  }
  return -1
}

/**
 * Why JSON text is too deep or too big to parse, or null. A linear scan of the text that
 * skips strings natively (a few milliseconds for a 16 MiB batch), so that a hostile body is
 * refused before JSON.parse spends its memory. Malformed text is left to the parser.
 */
export function refuseJsonShape(text: string): FieldError | null {
  let depth = 0
  let containers = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      i = stringEnd(text, i)
      if (i === -1) {
        return null
      }
    } else if (c === 0x5b || c === 0x7b) {
      depth++
      containers++
      if (depth > MAX_BODY_DEPTH) {
        return { path: '/body', message: `must not nest more than ${MAX_BODY_DEPTH} levels deep` }
      }
      if (containers > MAX_BODY_CONTAINERS) {
        return {
          path: '/body',
          message: `must not hold more than ${MAX_BODY_CONTAINERS} arrays and objects`,
        }
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return null
}

// A UTF-16 surrogate without its other half: it has no UTF-8 encoding, so the database would
// refuse it or store U+FFFD instead.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) {
    return 'must not contain the NUL character (\\u0000)'
  }
  if (LONE_SURROGATE.test(text)) {
    return 'must not contain an unpaired UTF-16 surrogate'
  }
  return null
}

// What parsed JSON text can only hold a value that cannot be stored if it contains: NUL and
// surrogates exist in JSON only as \u escapes (raw control characters are invalid JSON, and
// the fatal UTF-8 decoder refuses encoded surrogates); a number only overflows to Infinity
// with an exponent or some 309 digits. False alarms (a "2e" inside a string) only cost the
// full walk.
const MAY_HOLD_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])|\d[eE]|\d{300}/

/**
 * False when the JSON text cannot hold a value that {@link findUnstorableValues} would report,
 * so that the walk over every value of a large, ordinary body can be skipped.
 */
export function mayHoldUnstorableValues(text: string): boolean {
  return MAY_HOLD_UNSTORABLE.test(text)
}

/** RFC 6901: `~` and `/` in a key are escaped. */
function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** A value still to visit; its path is only spelled out when a problem is found there. */
interface Pending {
  value: unknown
  key: string
  parent: Pending | null
}

function pathOf(node: Pending): string {
  const segments: string[] = []
  for (let at: Pending | null = node; at?.parent; at = at.parent) {
    segments.push(pointerSegment(at.key))
  }
  return ['/body', ...segments.reverse()].join('/')
}

/**
 * Every value of a parsed JSON body that could not be stored as sent: strings or keys the
 * database cannot hold, and numbers out of range (`1e309` parses as Infinity and would be
 * stored as null). Walks without recursion, though {@link refuseJsonShape} already bounds
 * the depth.
 */
export function findUnstorableValues(body: unknown): FieldError[] {
  const problems: FieldError[] = []
  const pending: Pending[] = [{ value: body, key: '', parent: null }]
  while (pending.length > 0 && problems.length < MAX_REPORTED) {
    const node = pending.pop() as Pending
    const { value } = node
    if (typeof value === 'string') {
      const message = unstorableText(value)
      if (message) {
        problems.push({ path: pathOf(node), message })
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        problems.push({ path: pathOf(node), message: 'must be a finite number' })
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childNode = { value: child, key, parent: node }
        const message = unstorableText(key)
        if (message) {
          problems.push({ path: pathOf(childNode), message: `key ${message}` })
        }
        pending.push(childNode)
      }
    }
  }
  return problems
}
