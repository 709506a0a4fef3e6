import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserFetch, CSRF_HEADER } from './browser-fetch'
import { onUnauthorized, setCsrfToken } from './session-state'

function stubFetch(status = 200) {
  const seen: Request[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      seen.push(request)
      return new Response('{}', { status })
    }),
  )
  return seen
}

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('browserFetch', () => {
  it('sends the cookie, never a bearer token, and the CSRF token only on unsafe methods', async () => {
    const seen = stubFetch()
    setCsrfToken('csrf-1')
    const headers = { authorization: 'Bearer ', 'user-agent': 'tessera-sdk/0.1' }
    await browserFetch(new Request('http://app.test/api/v1/tasks', { headers }))
    await browserFetch(
      new Request('http://app.test/api/v1/tasks', { method: 'POST', headers, body: '{}' }),
    )
    const [get, post] = seen
    expect(get?.credentials).toBe('include')
    expect(get?.headers.get('authorization')).toBeNull()
    expect(get?.headers.get(CSRF_HEADER)).toBeNull()
    expect(post?.headers.get(CSRF_HEADER)).toBe('csrf-1')
    expect(post?.headers.get('authorization')).toBeNull()
    expect(await post?.text()).toBe('{}')
  })

  it('reports a lost session, but not a wrong password', async () => {
    stubFetch(401)
    const listener = vi.fn()
    const off = onUnauthorized(listener)
    await browserFetch(new Request('http://app.test/api/v1/auth/login', { method: 'POST' }))
    expect(listener).not.toHaveBeenCalled()
    await browserFetch(new Request('http://app.test/api/v1/tasks'))
    expect(listener).toHaveBeenCalledTimes(1)
    off()
  })
})
