/**
 * What a browser does for a sign-in through a provider, with plain fetch: cookies kept per
 * host and port (each server of a test on its own port), redirects followed one by one so
 * that a test can stop at, change or replay any step.
 */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>()

  /** The Cookie header for a URL. */
  header(url: URL): string {
    const cookies = this.byOrigin.get(url.host) ?? new Map()
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** Keeps (or, when expired, drops) the cookies a response set. */
  store(url: URL, response: Response): void {
    const cookies = this.byOrigin.get(url.host) ?? new Map<string, string>()
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('=')).trim()
      const value = pair.slice(pair.indexOf('=') + 1).trim()
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a))
      if (expired || value === '') {
        cookies.delete(name)
      } else {
        cookies.set(name, value)
      }
    }
    this.byOrigin.set(url.host, cookies)
  }

  /** One cookie's value. */
  get(url: URL, name: string): string | undefined {
    return this.byOrigin.get(url.host)?.get(name)
  }

  /** A copy, to replay a step later with the cookies of that moment. */
  copy(): CookieJar {
    const copy = new CookieJar()
    for (const [origin, cookies] of this.byOrigin) {
      copy.byOrigin.set(origin, new Map(cookies))
    }
    return copy
  }
}

/** One request with the jar's cookies, not following a redirect. */
export async function step(
  jar: CookieJar,
  url: URL,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { cookie: jar.header(url), 'user-agent': 'sso-tests/1.0' }
  let body: string | undefined
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(init.form).toString()
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body,
    redirect: 'manual',
  })
  jar.store(url, response)
  return response
}

/** Where a redirect points, resolved against the URL that answered it. */
export function locationOf(response: Response, from: URL): URL {
  const location = response.headers.get('location')
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`expected a redirect from ${from.href}, got ${response.status}`)
  }
  return new URL(location, from)
}
