import { createHash } from 'node:crypto'
import type { SsoRoleValues } from '../contract/sso'
import type { Role } from '../core/auth/roles'
import type { Queryable } from './database'

/** An organization's single sign-on settings as stored; the secret stays sealed. */
export interface SsoSettingsRecord {
  org_uid: string
  issuer: string
  client_id: string
  client_secret_sealed: string
  scopes: string[]
  allowed_domains: string[]
  role_claim: string
  role_values: SsoRoleValues
  sso_required: boolean
  break_glass_user_uid: string | null
  updated_at: Date
}

/** What an admin writes; the sealed secret is the one to keep or the new one. */
export type SsoSettingsInput = Omit<SsoSettingsRecord, 'org_uid' | 'updated_at'>

const COLUMNS = `org_uid, issuer, client_id, client_secret_sealed, scopes, allowed_domains,
  role_claim, role_values, sso_required, break_glass_user_uid, updated_at`

/** The organization's settings, or null when it has none. */
export async function findSsoSettings(
  q: Queryable,
  orgUid: string,
): Promise<SsoSettingsRecord | null> {
  const result = await q.query<SsoSettingsRecord>(
    `SELECT ${COLUMNS} FROM sso_settings WHERE org_uid = $1`,
    [orgUid],
  )
  return result.rows[0] ?? null
}

/** The settings locked for a change, in the caller's transaction. */
export async function lockSsoSettings(
  q: Queryable,
  orgUid: string,
): Promise<SsoSettingsRecord | null> {
  const result = await q.query<SsoSettingsRecord>(
    `SELECT ${COLUMNS} FROM sso_settings WHERE org_uid = $1 FOR UPDATE`,
    [orgUid],
  )
  return result.rows[0] ?? null
}

/** Writes the organization's settings, creating them or replacing them. */
export async function upsertSsoSettings(
  q: Queryable,
  orgUid: string,
  input: SsoSettingsInput,
): Promise<SsoSettingsRecord> {
  const result = await q.query<SsoSettingsRecord>(
    `INSERT INTO sso_settings (org_uid, issuer, client_id, client_secret_sealed, scopes,
       allowed_domains, role_claim, role_values, sso_required, break_glass_user_uid)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_uid) DO UPDATE SET issuer = $2, client_id = $3, client_secret_sealed = $4,
       scopes = $5, allowed_domains = $6, role_claim = $7, role_values = $8, sso_required = $9,
       break_glass_user_uid = $10, updated_at = tessera_now()
     RETURNING ${COLUMNS}`,
    [
      orgUid,
      input.issuer,
      input.client_id,
      input.client_secret_sealed,
      input.scopes,
      input.allowed_domains,
      input.role_claim,
      JSON.stringify(input.role_values),
      input.sso_required,
      input.break_glass_user_uid,
    ],
  )
  const row = result.rows[0]
  if (!row) {
    throw new Error('an upsert returned no row')
  }
  return row
}

/** Removes the organization's settings; false when it had none. */
export async function deleteSsoSettings(q: Queryable, orgUid: string): Promise<boolean> {
  const result = await q.query('DELETE FROM sso_settings WHERE org_uid = $1', [orgUid])
  return (result.rowCount ?? 0) > 0
}

/** An organization with single sign-on, found for the login page. */
export interface SsoOrganization {
  org_uid: string
  org_name: string
}

/** The organization of this name, if it has single sign-on. */
export async function findSsoOrganizationByName(
  q: Queryable,
  name: string,
): Promise<SsoOrganization | null> {
  const result = await q.query<SsoOrganization>(
    `SELECT o.uid AS org_uid, o.name AS org_name FROM organizations o
     JOIN sso_settings s ON s.org_uid = o.uid WHERE lower(o.name) = lower($1) LIMIT 2`,
    [name],
  )
  return result.rows.length === 1 ? (result.rows[0] ?? null) : null
}

/** The organizations whose single sign-on accepts this email domain (at most two). */
export async function findSsoOrganizationsByDomain(
  q: Queryable,
  domain: string,
): Promise<SsoOrganization[]> {
  const result = await q.query<SsoOrganization>(
    `SELECT o.uid AS org_uid, o.name AS org_name FROM sso_settings s
     JOIN organizations o ON o.uid = s.org_uid
     WHERE s.allowed_domains @> ARRAY[$1::text] ORDER BY o.name LIMIT 2`,
    [domain.toLowerCase()],
  )
  return result.rows
}

/** Whether password sign-in is refused for this user of the organization. */
export async function passwordSignInRefused(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<boolean> {
  const result = await q.query<{ refused: boolean }>(
    `SELECT sso_required AND break_glass_user_uid IS DISTINCT FROM $2 AS refused
     FROM sso_settings WHERE org_uid = $1`,
    [orgUid, userUid],
  )
  return result.rows[0]?.refused ?? false
}

const hash = (value: string) => createHash('sha256').update(value).digest('hex')

/** A sign-in under way, between the redirect to the provider and its callback. */
export interface SsoLogin {
  org_uid: string
  code_verifier: string
  nonce: string
  redirect_uri: string
}

/**
 * Records a sign-in under way, by the hashes of its `state` and of the browser's binding
 * cookie. Expired ones are swept on the way, so the table holds only live sign-ins.
 */
export async function insertSsoLogin(
  q: Queryable,
  input: SsoLogin & { state: string; browser: string; ttlSeconds: number },
): Promise<void> {
  await q.query(
    `WITH swept AS (DELETE FROM sso_logins WHERE expires_at < now())
     INSERT INTO sso_logins
       (state_hash, org_uid, browser_hash, code_verifier, nonce, redirect_uri, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [
      hash(input.state),
      input.org_uid,
      hash(input.browser),
      input.code_verifier,
      input.nonce,
      input.redirect_uri,
      input.ttlSeconds,
    ],
  )
}

/**
 * Takes a sign-in under way out, once: the row is deleted whatever the outcome, so a `state`
 * (and the code sent with it) is never accepted twice. Null when it is unknown, was already
 * used, expired, or belongs to another browser.
 */
export async function takeSsoLogin(
  q: Queryable,
  state: string,
  browser: string | undefined,
): Promise<(SsoLogin & { expired: boolean }) | null> {
  const result = await q.query<SsoLogin & { expired: boolean; browser_hash: string }>(
    `DELETE FROM sso_logins WHERE state_hash = $1
     RETURNING org_uid, code_verifier, nonce, redirect_uri, browser_hash,
       expires_at < now() AS expired`,
    [hash(state)],
  )
  const row = result.rows[0]
  if (!row || browser === undefined || row.browser_hash !== hash(browser)) {
    return null
  }
  const { browser_hash: _, ...login } = row
  return login
}

/** The user an SSO sign-in is for, locked until the sign-in commits. */
export interface SsoUser {
  uid: string
  role: Role
  active: boolean
}

/** The organization's user with this email, locked, or null. */
export async function lockUserByEmail(
  q: Queryable,
  orgUid: string,
  email: string,
): Promise<SsoUser | null> {
  const result = await q.query<SsoUser>(
    'SELECT uid, role, active FROM users WHERE org_uid = $1 AND email = $2 FOR UPDATE',
    [orgUid, email.toLowerCase()],
  )
  return result.rows[0] ?? null
}
