import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** What a person signing in at the test provider claims to be. */
export interface TestAccount {
  email?: string
  email_verified?: boolean
  name?: string
  groups?: string[]
}

/** A real OpenID provider (oidc-provider) on the loopback, for single sign-on tests. */
export interface TestOidcProvider {
  issuer: string
  /** The client Tessera should be configured with. */
  client: { id: string; secret: string }
  /** A client whose ID tokens the provider addresses to someone else (a wrong `aud`). */
  wrongAudienceClient: { id: string; secret: string }
  /** The people who may sign in, by the email they type at the provider's login form. */
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/** Signs a JWT with RS256, as the provider does: used to re-address an ID token. */
function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(payload))}`
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString())
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  )

/**
 * The provider's own login step: a form asking for an email (filled in from `login_hint`),
 * whose submission signs that account in; consent is granted at once (loadExistingGrant).
 * A browser test fills it in; an HTTP test posts it.
 */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'POST') {
    const email = (await readForm(req)).get('email') ?? ''
    await provider.interactionFinished(req, res, { login: { accountId: email } })
    return
  }
  const details = await provider.interactionDetails(req, res)
  const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : ''
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><title>Test provider</title>
<h1>Test provider: sign in</h1>
<form method="post" action="/interaction/${details.uid}">
<label>Email <input name="email" type="email" value="${escapeHtml(hint)}"></label>
<button type="submit">Continue</button></form>`)
}

/** Starts the provider on a free loopback port; `redirectUris` are Tessera's callbacks. */
export async function startOidcProvider(redirectUris: string[]): Promise<TestOidcProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomUUID()
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }
  const accounts = new Map<string, TestAccount>()
  const client = { id: 'tessera', secret: `secret-${randomUUID()}` }
  const wrongAudienceClient = { id: 'tessera-wrong-audience', secret: `secret-${randomUUID()}` }

  let provider: Provider | undefined
  const server: Server = createServer((req, res) => {
    if (!provider) {
      res.writeHead(503).end()
      return
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error))
      })
      return
    }
    provider.callback()(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientMetadata = (c: { id: string; secret: string }) => ({
    client_id: c.id,
    client_secret: c.secret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  })
  provider = new Provider(issuer, {
    clients: [clientMetadata(client), clientMetadata(wrongAudienceClient)],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // Scope claims in the ID token too, as Keycloak and Entra ID do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(accounts.get(id) ?? { email: id }) }),
    }),
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session?: { accountId?: string }; provider: Provider }
    }) => {
      const accountId = ctx.oidc.session?.accountId
      if (!accountId) {
        return undefined
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId })
      grant.addOIDCScope('openid email profile groups')
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups'])
      await grant.save()
      return grant
    },
  })
  provider.use(async (ctx, next) => {
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (
      ctx.path === '/token' &&
      body?.id_token &&
      ctx.oidc?.client?.clientId === wrongAudienceClient.id
    ) {
      const payload = JSON.parse(
        Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString(),
      )
      body.id_token = signJwt({ ...payload, aud: 'someone-else' }, privateKey, kid)
    }
  })
  return {
    issuer,
    client,
    wrongAudienceClient,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
