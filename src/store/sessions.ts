import { hash, randomBytes } from 'node:crypto'
import type { Calendar } from '../contract/calendar'
import type { Queryable } from './database'
import type { Principal } from './tokens'

/** How long a web session lasts without use. */
export const SESSION_IDLE_DAYS = 14

const hashSecret = (secret: string) => hash('sha256', secret, 'hex')

/** A new session: the raw secret goes in the cookie, the CSRF token to the page. */
export interface NewSession {
  secret: string
  csrfToken: string
  expiresAt: Date
}

/** How a session was opened. */
export type SessionMethod = 'password' | 'sso'

/** Where a session is opened from, shown to its user in their list of sessions. */
export interface SessionOrigin {
  userAgent?: string
  ip?: string
  method?: SessionMethod
}

/** Opens a session for a user. */
export async function insertSession(
  q: Queryable,
  input: { orgUid: string; userUid: string } & SessionOrigin,
): Promise<NewSession> {
  const secret = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_IDLE_DAYS * 86_400_000)
  await q.query(
    `INSERT INTO sessions
       (org_uid, user_uid, secret_hash, csrf_token, expires_at, user_agent, ip, method)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      input.orgUid,
      input.userUid,
      hashSecret(secret),
      csrfToken,
      expiresAt,
      input.userAgent?.slice(0, 500) ?? null,
      input.ip ?? null,
      input.method ?? 'password',
    ],
  )
  return { secret, csrfToken, expiresAt }
}

/**
 * Resolves a session cookie to its principal and CSRF token, or null when it is unknown,
 * expired, or its user was deactivated. Each use pushes the expiry back (sliding), at most
 * once a minute.
 */
export async function authenticateSession(
  q: Queryable,
  secret: string,
): Promise<{ principal: Principal; csrfToken: string } | null> {
  const result = await q.query<Principal & { csrfToken: string }>(
    `WITH found AS (
       SELECT s.uid, s.csrf_token, s.last_seen_at, o.uid AS org_uid, o.name AS org_name, o.calendar,
              u.uid AS user_uid, u.email, u.name AS user_name, u.role
       FROM sessions s
       JOIN organizations o ON o.uid = s.org_uid
       JOIN users u ON u.org_uid = s.org_uid AND u.uid = s.user_uid
       WHERE s.secret_hash = $1 AND s.expires_at > now() AND u.active
     ), touched AS (
       UPDATE sessions SET last_seen_at = tessera_now(), expires_at = now() + make_interval(days => $2)
       FROM found
       WHERE sessions.org_uid = found.org_uid AND sessions.uid = found.uid
         AND found.last_seen_at < now() - interval '1 minute'
     )
     SELECT uid AS "tokenUid", 'web session' AS "tokenName", role, NULL::int AS "rateLimitPerMinute",
            org_uid AS "orgUid", org_name AS "orgName", user_uid AS "userUid", email AS "userEmail",
            user_name AS "userName", role AS "userRole", calendar, csrf_token AS "csrfToken"
     FROM found`,
    [hashSecret(secret), SESSION_IDLE_DAYS],
  )
  const row = result.rows[0]
  if (!row) {
    return null
  }
  const { csrfToken, ...principal } = row
  return { principal: { ...principal, calendar: principal.calendar as Calendar | null }, csrfToken }
}

/** Ends a session (sign-out). */
export async function deleteSession(q: Queryable, secret: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE secret_hash = $1', [hashSecret(secret)])
}

/** A session as its user sees it in their list. */
export interface SessionRecord {
  uid: string
  method: SessionMethod
  created_at: Date
  last_seen_at: Date
  expires_at: Date
  user_agent: string | null
  ip: string | null
}

/** A user's live sessions, most recently used first. */
export async function listUserSessions(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<SessionRecord[]> {
  const result = await q.query<SessionRecord>(
    `SELECT uid, method, created_at, last_seen_at, expires_at, user_agent, ip FROM sessions
     WHERE org_uid = $1 AND user_uid = $2 AND expires_at > now()
     ORDER BY last_seen_at DESC, created_at DESC`,
    [orgUid, userUid],
  )
  return result.rows
}

/** Ends one session of a user; false when they have no such session. */
export async function deleteSessionOf(
  q: Queryable,
  orgUid: string,
  userUid: string,
  uid: string,
): Promise<boolean> {
  const result = await q.query(
    'DELETE FROM sessions WHERE org_uid = $1 AND user_uid = $2 AND uid = $3',
    [orgUid, userUid, uid],
  )
  return (result.rowCount ?? 0) > 0
}

/** Ends every session of a user (deactivation, password change). */
export async function deleteUserSessions(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<void> {
  await q.query('DELETE FROM sessions WHERE org_uid = $1 AND user_uid = $2', [orgUid, userUid])
}
