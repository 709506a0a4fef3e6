import type { SessionInfo, SsoSettings } from '../contract/sso'
import type { SessionRecord } from '../store/sessions'
import type { SsoSettingsRecord } from '../store/sso'
import { isoOrNull as iso } from './iso'

/** The links an admin needs beside the settings: what to register at the provider, and to share. */
export interface SsoLinks {
  redirectUri: string
  signInUrl: string
}

/** Single sign-on settings as the API answers them: never the secret, only that it is set. */
export function presentSsoSettings(record: SsoSettingsRecord, links: SsoLinks): SsoSettings {
  return {
    issuer: record.issuer,
    client_id: record.client_id,
    client_secret_set: record.client_secret_sealed.length > 0,
    scopes: record.scopes,
    allowed_domains: record.allowed_domains,
    role_claim: record.role_claim,
    role_values: record.role_values,
    sso_required: record.sso_required,
    break_glass_user_uid: record.break_glass_user_uid,
    redirect_uri: links.redirectUri,
    sign_in_url: links.signInUrl,
    updated_at: iso(record.updated_at),
  }
}

/** One of the user's web sessions; `currentUid` is the session the request came with. */
export function presentSession(record: SessionRecord, currentUid: string | null): SessionInfo {
  return {
    uid: record.uid,
    method: record.method,
    created_at: iso(record.created_at),
    last_seen_at: iso(record.last_seen_at),
    expires_at: iso(record.expires_at),
    user_agent: record.user_agent,
    ip: record.ip,
    current: record.uid === currentUid,
  }
}
