import { AppError, type FieldError } from '../contract/errors'
import type { PutSsoBody } from '../contract/sso'
import { sealSecret } from '../core/secrets'
import { issuerProblem } from '../core/sso/sso-rules'
import { withTransaction } from '../store/database'
import { lockSsoSettings, type SsoSettingsRecord, upsertSsoSettings } from '../store/sso'
import { findUser } from '../store/users'
import type { Actor } from './actor'
import type { KeyRingScope } from './key-ring-scope'
import { recordAudit } from './record-audit'
import type { SsoOptions } from './sso-provider'

const DEFAULT_SCOPES = ['openid', 'email', 'profile']

/** What the audit log keeps of the settings: everything but the sealed secret. */
function audited(settings: SsoSettingsRecord | null) {
  if (!settings) {
    return undefined
  }
  const { client_secret_sealed: _, org_uid: __, updated_at: ___, ...rest } = settings
  return rest
}

/**
 * Creates or replaces the organization's single sign-on (`PUT /sso`). The client secret is
 * sealed with the server's key; left out, the stored one is kept. "SSO required" needs a
 * break-glass super admin, so that the organization is never locked out by its provider.
 */
export async function saveSsoSettings(
  actor: Actor & KeyRingScope,
  input: PutSsoBody,
  options: SsoOptions,
): Promise<SsoSettingsRecord> {
  const wrong: FieldError[] = []
  const problem = issuerProblem(input.issuer, options.allowPrivate)
  if (problem) {
    wrong.push({ path: '/body/issuer', message: problem })
  }
  const { viewer, operator, admin } = input.role_values
  if (viewer.length + operator.length + admin.length === 0) {
    wrong.push({ path: '/body/role_values', message: 'must map at least one value to a role' })
  }
  const breakGlass = input.break_glass_user_uid ?? null
  if (input.sso_required && breakGlass === null) {
    wrong.push({
      path: '/body/break_glass_user_uid',
      message: 'is required when sso_required is true',
    })
  }
  return withTransaction(actor.db, async (client) => {
    const current = await lockSsoSettings(client, actor.orgUid)
    if (!input.client_secret && !current) {
      wrong.push({ path: '/body/client_secret', message: 'is required the first time' })
    }
    if (breakGlass !== null) {
      const user = await findUser(client, actor.orgUid, breakGlass)
      if (user?.role !== 'super_admin' || !user.active) {
        wrong.push({
          path: '/body/break_glass_user_uid',
          message: 'must name an active super admin of your organization',
        })
      }
    }
    if (wrong.length > 0) {
      throw new AppError('validation_failed', 'The single sign-on settings are invalid.', wrong)
    }
    const sealed = input.client_secret
      ? sealSecret(actor.keys, input.client_secret)
      : (current?.client_secret_sealed ?? '')
    const scopes = input.scopes ?? current?.scopes ?? DEFAULT_SCOPES
    const saved = await upsertSsoSettings(client, actor.orgUid, {
      issuer: input.issuer,
      client_id: input.client_id,
      client_secret_sealed: sealed,
      scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
      allowed_domains: input.allowed_domains.map((domain) => domain.toLowerCase()),
      role_claim: input.role_claim,
      role_values: input.role_values,
      sso_required: input.sso_required,
      break_glass_user_uid: breakGlass,
    })
    await recordAudit(client, actor, {
      action: current ? 'sso.updated' : 'sso.created',
      object: { kind: 'sso' },
      before: audited(current),
      // Says the secret was replaced, never what it is (a key naming a secret is redacted).
      after: { ...audited(saved), client_auth_replaced: Boolean(input.client_secret) },
    })
    return saved
  })
}
