/**
 * What the login page says when single sign-on ended without a session: the server sends the
 * browser to `/login?sso_error=<code>` (src/contract/sso.ts lists the codes).
 */
const MESSAGES: Record<string, string> = {
  unknown_organization:
    'No organization with single sign-on was found for that. Type your organization’s name, or sign in with your password.',
  not_configured: 'Single sign-on is no longer set up for your organization.',
  provider_unavailable:
    'Your sign-in provider could not be reached. Try again in a moment, or ask an admin to test the connection in Settings.',
  provider_refused:
    'Your sign-in provider refused the sign-in (it may have been cancelled, or its link used already). Start again.',
  expired: 'The sign-in took too long. Start again.',
  invalid_state:
    'This sign-in link is not valid in this browser (already used, or started elsewhere). Start again from here.',
  invalid_token:
    'Your sign-in provider’s answer could not be trusted (it was meant for another application, or expired). Ask an admin to check the client ID.',
  email_missing:
    'Your sign-in provider did not give your email address. Ask an admin to add the email scope.',
  email_unverified: 'Your sign-in provider says your email address is not verified.',
  domain_not_allowed:
    'Your email address is not in a domain allowed to sign in to this organization.',
  no_role:
    'Your account at the provider is in no group that gives access to Tessera. Ask an admin.',
  deactivated: 'Your Tessera account is deactivated. Ask an admin.',
}

/** A sentence for a refusal code; any other code still gets a sentence. */
export function ssoErrorMessage(code: string): string {
  return MESSAGES[code] ?? 'Single sign-on did not complete. Start again.'
}
