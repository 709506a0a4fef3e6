import { describe, expect, it } from 'vitest'
import { createTesseraClient, TesseraApiError, unwrap } from '../src/index'

/** A client whose every request gets `answer`, recording the requests it sent. */
function clientAnswering(answer: () => Response) {
  const requests: Request[] = []
  const client = createTesseraClient({
    baseUrl: 'https://tessera.example/api/v1/',
    token: 'tsr_secret',
    fetch: async (request) => {
      requests.push(request)
      return answer()
    },
  })
  return { client, requests }
}

describe('createTesseraClient', () => {
  it('sends the token and a User-Agent to the documented path under the base URL', async () => {
    const task = { uid: 'b6f1a7a4-2c0e-4a55-9d39-6f3c1f0f7f11' }
    const { client, requests } = clientAnswering(() => Response.json(task))
    const got = await unwrap(client.GET('/tasks/{uid}', { params: { path: task } }))
    expect(got).toEqual(task)
    const [request] = requests
    expect(request?.url).toBe(`https://tessera.example/api/v1/tasks/${task.uid}`)
    expect(request?.headers.get('authorization')).toBe('Bearer tsr_secret')
    expect(request?.headers.get('user-agent')).toMatch(/^tessera-sdk\//)
  })

  it('turns a response that is not the API error shape into unexpected_response', async () => {
    const { client } = clientAnswering(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html', 'x-request-id': 'proxy-1' },
        }),
    )
    const error = await unwrap(client.GET('/accounts/me')).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TesseraApiError)
    expect(error).toMatchObject({
      status: 502,
      code: 'unexpected_response',
      requestId: 'proxy-1',
      fields: [],
      body: undefined,
    })
    expect((error as Error).message).toBe('HTTP 502 Bad Gateway: <html>Bad gateway</html>')
  })

  it('keeps the code of an API error whose status is not documented for the route', async () => {
    const body = { error: { code: 'rate_limited', message: 'Slow down.', request_id: 'r-9' } }
    const { client } = clientAnswering(() => Response.json(body, { status: 429 }))
    const error = await unwrap(client.GET('/accounts/me')).catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', requestId: 'r-9', body })
    expect((error as Error).message).toBe('Slow down.')
  })

  it('stops walking pages when next_cursor is null', async () => {
    let served = 0
    const page = (next: string | null) => ({
      items: [{ uid: `task-${served}` }],
      meta: { limit: 1, self_cursor: null, prev_cursor: null, next_cursor: next, total_count: 2 },
    })
    const { client, requests } = clientAnswering(() => {
      served++
      return Response.json(page(served === 1 ? 'c1' : null))
    })
    const uids: string[] = []
    for await (const task of client.listAllTasks({ limit: 1, country: 'FR' })) {
      uids.push(task.uid)
    }
    expect(uids).toEqual(['task-1', 'task-2'])
    expect(requests.map((request) => new URL(request.url).search)).toEqual([
      '?limit=1&country=FR',
      '?limit=1&country=FR&cursor=c1',
    ])
  })
})
