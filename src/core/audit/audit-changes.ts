/** What an audit entry says changed: the old and new values of the keys that differ. */
export interface AuditChanges {
  before?: Record<string, unknown>
  after?: Record<string, unknown>
}

/** The placeholder a secret's value becomes: the entry says it changed, never what to. */
export const REDACTED = '[redacted]'

// A key holds a secret when it names one: passwords, secrets, tokens, credentials, hashes of
// them. `token_uid`, `token_name` and a field definition's plain `key` are not secrets.
const SECRET_KEY =
  /(^|_)(password|passwd|secret|client_secret|token|access_token|refresh_token|api_key|private_key|secret_key|signing_key|credentials?|authorization|cookie|hash|sealed)($|_)/i
const NOT_SECRET = /(^|_)(uid|uids|name|names|last4|kind|expires_at)$/i

/** Whether a key's value is a secret that an audit entry must never hold. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key)
}

/**
 * A value as JSON would hold it (dates as ISO strings, undefined keys dropped), with every
 * secret key's value replaced by {@link REDACTED}, at any depth.
 */
export function redact(value: unknown): unknown {
  return redactJson(toJson(value))
}

function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redactJson)
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        isSecretKey(key) && inner !== null ? REDACTED : redactJson(inner),
      ]),
    )
  }
  return value
}

/** Bookkeeping that changes with every write and says nothing about what changed. */
const IGNORED_KEYS = new Set(['updated_at'])

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  const json = toJson(value)
  if (json === undefined || json === null) {
    return undefined
  }
  return typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : { value: json }
}

/**
 * The changes an audit entry records. A creation keeps the whole new object (`after`), a
 * deletion the whole old one (`before`); an update keeps only the keys whose values differ,
 * on both sides. Differences are found on the real values, so a changed secret shows as
 * changed, redacted on both sides. Null when an update changed nothing.
 */
export function auditChanges(before: unknown, after: unknown): AuditChanges | null {
  const old = asObject(before)
  const now = asObject(after)
  if (!old || !now) {
    const changes: AuditChanges = {}
    if (old) {
      changes.before = redactJson(withoutIgnored(old)) as Record<string, unknown>
    }
    if (now) {
      changes.after = redactJson(withoutIgnored(now)) as Record<string, unknown>
    }
    return changes
  }
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
    (key) => !IGNORED_KEYS.has(key) && !sameJson(old[key], now[key]),
  )
  if (keys.length === 0) {
    return null
  }
  const pick = (source: Record<string, unknown>) =>
    redactJson(Object.fromEntries(keys.map((key) => [key, source[key] ?? null]))) as Record<
      string,
      unknown
    >
  return { before: pick(old), after: pick(now) }
}

function withoutIgnored(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !IGNORED_KEYS.has(key)))
}
