import type { SsoRole, SsoRoleValues } from '../../contract/sso'
import type { Role } from '../auth/roles'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Why an issuer URL is refused, or null when it is fine. An issuer is https: the ID token's
 * keys and the client secret travel over it. Plain http is allowed only for a loopback host,
 * and only when the server says so (tests run a provider on the loopback).
 */
export function issuerProblem(issuer: string, allowHttpLoopback: boolean): string | null {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return 'is not a URL'
  }
  if (url.username || url.password || url.search || url.hash) {
    return 'must not hold credentials, a query or a fragment'
  }
  if (url.protocol === 'https:') {
    return null
  }
  if (url.protocol === 'http:' && allowHttpLoopback && LOOPBACK_HOSTS.has(url.hostname)) {
    return null
  }
  return allowHttpLoopback
    ? 'must be an https URL (or http on the loopback)'
    : 'must be an https URL'
}

/** The domain of an email address, lower case, or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@')
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : ''
  return domain.length > 0 ? domain : null
}

/** Whether an email is in one of the domains (exactly: a subdomain is another domain). */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email)
  return domain !== null && domains.some((allowed) => allowed.toLowerCase() === domain)
}

const HIGHEST_FIRST: readonly SsoRole[] = ['admin', 'operator', 'viewer']

/**
 * The role a claim gives: the highest role one of whose values the claim holds, or null.
 * A claim is a string or an array of strings (`groups`); anything else gives nothing.
 */
export function mapClaimToRole(claim: unknown, values: SsoRoleValues): SsoRole | null {
  const held = new Set(
    (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string'),
  )
  return HIGHEST_FIRST.find((role) => values[role].some((value) => held.has(value))) ?? null
}

/**
 * The role an existing user has after signing in: the provider's, re-read at every sign-in
 * so that leaving a group at the provider takes effect at the next sign-in. A super admin
 * stays one: that role is given in Tessera, never by a provider.
 */
export function roleAfterSignIn(current: Role, mapped: SsoRole): Role {
  return current === 'super_admin' ? current : mapped
}
