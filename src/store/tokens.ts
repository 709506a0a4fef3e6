import type { Calendar } from '../contract/calendar'
import type { Role } from '../core/auth/roles'
import { generateToken, hashToken } from '../core/auth/token-format'
import type { Queryable } from './database'

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

/**
 * Resolves a raw token to its principal, or null when it is unknown, revoked or expired.
 * Revocation therefore takes effect on the very next request, on every server process.
 * `last_used_at` is refreshed at most once a minute so that reads do not all become writes.
 */
export async function authenticateToken(q: Queryable, raw: string): Promise<Principal | null> {
  const result = await q.query<Principal>({
    name: 'tessera.authenticateToken',
    text: `WITH found AS (
       SELECT k.uid, k.name, k.role, k.rate_limit_per_minute, k.last_used_at,
              o.uid AS org_uid, o.name AS org_name, o.calendar,
              u.uid AS user_uid, u.email, u.name AS user_name, u.role AS user_role
       FROM api_tokens k
       JOIN organizations o ON o.uid = k.org_uid
       JOIN users u ON u.uid = k.user_uid
       WHERE k.token_hash = $1 AND k.revoked_at IS NULL
         AND (k.expires_at IS NULL OR k.expires_at > now())
     ), touched AS (
       UPDATE api_tokens SET last_used_at = tessera_now()
       FROM found
       WHERE api_tokens.uid = found.uid
         AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
     )
     SELECT uid AS "tokenUid", name AS "tokenName", role, rate_limit_per_minute AS "rateLimitPerMinute",
            org_uid AS "orgUid", org_name AS "orgName", user_uid AS "userUid",
            email AS "userEmail", user_name AS "userName", user_role AS "userRole", calendar
     FROM found`,
    values: [hashToken(raw)],
  })
  return result.rows[0] ?? null
}

/** The organization's tokens, newest first, revoked ones included. */
export async function listTokens(q: Queryable, orgUid: string): Promise<TokenRecord[]> {
  const result = await q.query<TokenRecord>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE org_uid = $1 ORDER BY created_at DESC, uid`,
    [orgUid],
  )
  return result.rows
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
