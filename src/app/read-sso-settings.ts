import { AppError } from '../contract/errors'
import { findSsoSettings, type SsoSettingsRecord } from '../store/sso'
import type { OrgScope } from './actor'

/** The 404 of an organization without single sign-on. */
export function ssoNotConfigured(): AppError {
  return new AppError('not_found', 'Single sign-on is not set up for your organization.')
}

/** The organization's single sign-on settings (`GET /sso`); 404 when there are none. */
export async function readSsoSettings(scope: OrgScope): Promise<SsoSettingsRecord> {
  const settings = await findSsoSettings(scope.db.pool, scope.orgUid)
  if (!settings) {
    throw ssoNotConfigured()
  }
  return settings
}
