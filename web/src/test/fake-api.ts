import { vi } from 'vitest'

/** Answers one request: a JSON body (status 200), or a full Response. */
export type FakeRoute = (request: Request, url: URL) => unknown

/** The requests the app made, to assert on. */
export interface FakeApi {
  requests: Request[]
  /** The query strings of every request to `path` (e.g. `/tasks`). */
  queriesOf: (path: string) => URLSearchParams[]
}

/**
 * Replaces `fetch` with a tiny in-memory API: `routes` maps `"GET /tasks"` (paths below
 * /api/v1, no query) to an answer. Anything else is a 404, as the server would say.
 */
export function installFakeApi(routes: Record<string, FakeRoute>): FakeApi {
  const requests: Request[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const request = input instanceof Request ? input : new Request(input)
      requests.push(request)
      const url = new URL(request.url)
      const path = url.pathname.replace(/^\/api\/v1/, '')
      const route = routes[`${request.method} ${path}`]
      if (!route) {
        return Response.json(
          { error: { code: 'not_found', message: `No route ${path}`, request_id: 'r' } },
          { status: 404 },
        )
      }
      const answer = await route(request, url)
      return answer instanceof Response ? answer : Response.json(answer ?? {})
    }),
  )
  return {
    requests,
    queriesOf: (path) =>
      requests
        .map((request) => new URL(request.url))
        .filter((url) => url.pathname === `/api/v1${path}`)
        .map((url) => url.searchParams),
  }
}

/** A 401 as the API answers it. */
export function unauthorized(): Response {
  return Response.json(
    { error: { code: 'unauthorized', message: 'Sign in first.', request_id: 'r' } },
    { status: 401 },
  )
}
