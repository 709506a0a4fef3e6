import type { PutSsoBody, SsoSettings } from './sso-api'

/** The form as typed: lists are text, one item per comma, space or line. */
export interface SsoDraft {
  issuer: string
  clientId: string
  /** A new secret, or empty to keep the stored one. */
  clientSecret: string
  scopes: string
  domains: string
  roleClaim: string
  admin: string
  operator: string
  viewer: string
  ssoRequired: boolean
  breakGlass: string
}

/** Claim values may hold spaces (`Tessera Admins`): they are separated by commas or lines. */
const values = (text: string) =>
  text
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter(Boolean)
const words = (text: string) => text.split(/[\s,]+/).filter(Boolean)

/** The draft of saved settings, or an empty one. */
export function draftOf(settings: SsoSettings | null): SsoDraft {
  return {
    issuer: settings?.issuer ?? '',
    clientId: settings?.client_id ?? '',
    clientSecret: '',
    scopes: (settings?.scopes ?? ['openid', 'email', 'profile']).join(' '),
    domains: (settings?.allowed_domains ?? []).join(', '),
    roleClaim: settings?.role_claim ?? 'groups',
    admin: (settings?.role_values.admin ?? []).join(', '),
    operator: (settings?.role_values.operator ?? []).join(', '),
    viewer: (settings?.role_values.viewer ?? []).join(', '),
    ssoRequired: settings?.sso_required ?? false,
    breakGlass: settings?.break_glass_user_uid ?? '',
  }
}

/** What `PUT /sso` gets from the draft; the secret only when one was typed. */
export function bodyOf(draft: SsoDraft): PutSsoBody {
  return {
    issuer: draft.issuer.trim(),
    client_id: draft.clientId.trim(),
    ...(draft.clientSecret ? { client_secret: draft.clientSecret } : {}),
    scopes: words(draft.scopes),
    allowed_domains: words(draft.domains),
    role_claim: draft.roleClaim.trim(),
    role_values: {
      admin: values(draft.admin),
      operator: values(draft.operator),
      viewer: values(draft.viewer),
    },
    sso_required: draft.ssoRequired,
    break_glass_user_uid: draft.breakGlass || null,
  }
}
