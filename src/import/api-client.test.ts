import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, ApiError, ApiUnreachable } from './api-client'

/** A server answering each request with the next of `answers` (status, headers), then 200. */
function scripted(answers: [number, Record<string, string>?][]) {
  const seen: { method: string; at: number }[] = []
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', at: Date.now() })
    const [status, headers] = answers.shift() ?? [200]
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(status === 200 ? '{"ok":true}' : '{"error":{"code":"x","message":"no"}}')
  })
  return { server, seen }
}

const FAST = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRateLimitWaitMs: 5000 }

describe('ApiClient', () => {
  let server: Server
  let seen: { method: string; at: number }[]
  let answers: [number, Record<string, string>?][]
  let base: string
  beforeAll(async () => {
    answers = []
    const made = scripted(answers)
    server = made.server
    seen = made.seen
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const reset = (script: [number, Record<string, string>?][]) => {
    answers.splice(0, answers.length, ...script)
    seen.splice(0, seen.length)
  }

  it('waits as Retry-After says after a 429, and retries 5xx with backoff', async () => {
    reset([[429, { 'retry-after': '1' }], [503], [502]])
    const client = new ApiClient(base, 't', FAST)
    expect(await client.request('GET', 'tasks')).toEqual({ ok: true })
    expect(seen).toHaveLength(4)
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(client.counts).toEqual({ rateLimited: 1, retried: 2 })
  })

  it('gives up on 5xx after its attempts, and never retries a 4xx or a request marked unsafe to repeat', async () => {
    const client = new ApiClient(base, 't', FAST)
    reset([[500], [500], [500], [500], [500]])
    await expect(client.request('GET', 'tasks')).rejects.toMatchObject({ status: 500 })
    expect(seen).toHaveLength(4)
    reset([[422]])
    await expect(client.request('PUT', 'tasks/batch', { body: {} })).rejects.toBeInstanceOf(
      ApiError,
    )
    expect(seen).toHaveLength(1)
    reset([[503]])
    await expect(
      client.request('POST', 'tasks/x/comments', { body: {}, retry: false }),
    ).rejects.toMatchObject({
      status: 503,
    })
    expect(seen).toHaveLength(1)
  })

  it('says a server that is not there is unreachable, after retrying', async () => {
    const client = new ApiClient('http://127.0.0.1:1/api/v1', 't', FAST)
    await expect(client.request('GET', 'tasks')).rejects.toBeInstanceOf(ApiUnreachable)
  })
})
