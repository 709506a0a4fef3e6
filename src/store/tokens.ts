import type { Calendar } from '../contract/calendar'
import type { Role } from '../core/auth/roles'
import { generateToken, hashToken } from '../core/auth/token-format'
import type { Queryable } from './database'
import { ORG_QUEUES_COLUMN, type OrgRules, type OrgRulesRow, toOrgRules } from './organizations'
import { countHitSql, type RateLimitHit } from './rate-limits'

/** A stored API token. The raw token is never stored, only its hash. */
export interface TokenRecord {
  uid: string
  org_uid: string
  user_uid: string
  name: string
  role: Role
  last4: string
  rate_limit_per_minute: number | null
  created_at: Date
  expires_at: Date | null
  last_used_at: Date | null
  revoked_at: Date | null
}

const TOKEN_COLUMNS = `uid, org_uid, user_uid, name, role, last4, rate_limit_per_minute,
  created_at, expires_at, last_used_at, revoked_at`

/** What is needed to issue a token. */
export interface NewToken {
  orgUid: string
  userUid: string
  name: string
  role: Role
  rateLimitPerMinute?: number | null
  expiresAt?: Date | null
}

/** Issues a token. The raw value is returned here and only here. */
export async function insertToken(
  q: Queryable,
  input: NewToken,
): Promise<{ token: TokenRecord; raw: string }> {
  const raw = generateToken()
  const result = await q.query<TokenRecord>(
    `INSERT INTO api_tokens (org_uid, user_uid, name, role, token_hash, last4, rate_limit_per_minute, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${TOKEN_COLUMNS}`,
    [
      input.orgUid,
      input.userUid,
      input.name,
      input.role,
      hashToken(raw),
      raw.slice(-4),
      input.rateLimitPerMinute ?? null,
      input.expiresAt ?? null,
    ],
  )
  const token = result.rows[0]
  if (!token) {
    throw new Error('insert returned no token')
  }
  return { token, raw }
}

/** Everything a request needs to know about the caller. */
export interface Principal {
  tokenUid: string
  tokenName: string
  role: Role
  rateLimitPerMinute: number | null
  orgUid: string
  orgName: string
  userUid: string
  userEmail: string
  userName: string
  userRole: Role
  /** The organization's business calendar (null: the default one). */
  calendar: Calendar | null
}

/** What a request may ask {@link authenticateToken} to do in the same round trip. */
export interface AuthenticateOptions {
  /** Count one hit for the token in the rate-limit window of this many ms (database store). */
  countHitWindowMs?: number
  /** Read the organization's rules too: routes that write tasks route them. */
  withRules?: boolean
}

/** A resolved token, with what the options asked for. */
export interface Authenticated {
  principal: Principal
  /** When the token expires, if it does: a cached principal must not outlive it. */
  expiresAt: Date | null
  /** The token's hits in the current rate-limit window, when counted. */
  hit: RateLimitHit | null
  rules: OrgRules | null
}

type AuthenticatedRow = Principal &
  Partial<Omit<OrgRulesRow, 'calendar'>> & {
    expires_at: Date | null
    rl_hits: number | null
    rl_ttl_ms: number | null
  }

/** The statement for one combination of options: four texts at most, each prepared once. */
function authenticateStatement(options: AuthenticateOptions): { name: string; text: string } {
  const counting = options.countHitWindowMs !== undefined
  const rules = options.withRules === true
  const text = `WITH found AS (
       SELECT k.uid, k.name, k.role, k.rate_limit_per_minute, k.last_used_at, k.expires_at,
              o.uid AS org_uid, o.name AS org_name, o.calendar,
              u.uid AS user_uid, u.email, u.name AS user_name, u.role AS user_role
       FROM api_tokens k
       JOIN organizations o ON o.uid = k.org_uid
       JOIN users u ON u.org_uid = k.org_uid AND u.uid = k.user_uid
       WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND u.active
         AND (k.expires_at IS NULL OR k.expires_at > now())
     ), touched AS (
       UPDATE api_tokens SET last_used_at = tessera_now()
       FROM found
       WHERE api_tokens.uid = found.uid
         AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
     )${counting ? `, hit AS (${countHitSql("(SELECT 'token:' || found.uid AS key FROM found)", '$2')})` : ''}
     SELECT f.uid AS "tokenUid", f.name AS "tokenName", f.role,
            f.rate_limit_per_minute AS "rateLimitPerMinute", f.org_uid AS "orgUid",
            f.org_name AS "orgName", f.user_uid AS "userUid", f.email AS "userEmail",
            f.user_name AS "userName", f.user_role AS "userRole", f.calendar, f.expires_at,
            ${counting ? 'hit.hits' : 'NULL::int'} AS rl_hits,
            ${counting ? 'hit.ttl_ms' : 'NULL::int'} AS rl_ttl_ms
            ${rules ? `, o.settings, ${ORG_QUEUES_COLUMN}` : ''}
     FROM found f
     ${counting ? 'LEFT JOIN hit ON true' : ''}
     ${rules ? 'JOIN organizations o ON o.uid = f.org_uid' : ''}`
  return { name: `tessera.authenticateToken.${counting ? 'c' : ''}${rules ? 'r' : ''}`, text }
}

/**
 * Resolves a raw token to its principal, or null when it is unknown, revoked, expired, or
 * its user deactivated. Revocation therefore takes effect on the very next request, on every
 * server process. `last_used_at` is refreshed at most once a minute so that reads do not all
 * become writes. The rate-limit hit and the organization's rules, when asked for, come in the
 * same statement: one round trip instead of three on the hottest path of the API.
 */
export async function authenticateToken(
  q: Queryable,
  raw: string,
  options: AuthenticateOptions = {},
): Promise<Authenticated | null> {
  const values: unknown[] = [hashToken(raw)]
  if (options.countHitWindowMs !== undefined) {
    values.push(options.countHitWindowMs)
  }
  const result = await q.query<AuthenticatedRow>({
    ...authenticateStatement(options),
    values,
  })
  const row = result.rows[0]
  if (!row) {
    return null
  }
  const { rl_hits, rl_ttl_ms, settings, queues, expires_at, ...principal } = row
  return {
    principal,
    expiresAt: expires_at,
    hit: rl_hits === null ? null : { hits: rl_hits, ttlMs: rl_ttl_ms ?? 0 },
    rules: options.withRules
      ? toOrgRules({ calendar: principal.calendar, settings: settings ?? {}, queues: queues ?? [] })
      : null,
  }
}

/**
 * Marks tokens served from a process's memory as used (src/server/auth-cache.ts batches
 * them): at most once a minute per token, like the authentication statement.
 */
export async function touchTokens(q: Queryable, tokenUids: string[]): Promise<void> {
  await q.query(
    `UPDATE api_tokens SET last_used_at = tessera_now()
     WHERE uid = ANY($1::uuid[]) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [tokenUids],
  )
}

/** The organization's tokens, newest first, revoked ones included. */
export async function listTokens(q: Queryable, orgUid: string): Promise<TokenRecord[]> {
  const result = await q.query<TokenRecord>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE org_uid = $1 ORDER BY created_at DESC, uid`,
    [orgUid],
  )
  return result.rows
}

/** One token of the organization, revoked or not, or null. */
export async function findToken(
  q: Queryable,
  orgUid: string,
  tokenUid: string,
): Promise<TokenRecord | null> {
  const result = await q.query<TokenRecord>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE org_uid = $1 AND uid = $2`,
    [orgUid, tokenUid],
  )
  return result.rows[0] ?? null
}

/** Revokes a token of the organization; null if there is no such token. */
export async function revokeToken(
  q: Queryable,
  orgUid: string,
  tokenUid: string,
): Promise<TokenRecord | null> {
  const result = await q.query<TokenRecord>(
    `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, tessera_now())
     WHERE org_uid = $1 AND uid = $2 RETURNING ${TOKEN_COLUMNS}`,
    [orgUid, tokenUid],
  )
  return result.rows[0] ?? null
}

/**
 * The uid of the organization named `name`, or null. Lets the CLI's read and revoke commands
 * name an organization without creating it by mistake (a typo must not add an organization).
 */
export async function findOrganizationUid(q: Queryable, name: string): Promise<string | null> {
  const result = await q.query<{ uid: string }>('SELECT uid FROM organizations WHERE name = $1', [
    name,
  ])
  return result.rows[0]?.uid ?? null
}
