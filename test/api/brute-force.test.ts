import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResponse } from '../support/api-client'
import { runCli } from '../support/cli'
import { sendRaw } from '../support/fuzz/raw-request'
import { awaitWindowRoom } from '../support/rate-window'
import { type ServerProcess, startServer } from '../support/server-process'

/** The server's limit per client IP and minute for requests without a valid token. */
const LIMIT = 20
/** Sign-in attempts per client IP and minute (src/server/routes/auth.ts). */
const SIGN_IN_LIMIT = 10
const PASSWORD = 'correct horse battery staple'
// Starting a server and running the CLI take seconds when idle, far more on a loaded box.
const SLOW = 5 * 60_000

/** A loopback address no other test uses: per-IP counters start from zero for it. */
function freshClientAddress(): string {
  const [a, b, c] = randomBytes(3)
  return `127.${(a as number) % 200}.${b}.${((c as number) % 250) + 1}`
}

/** Sends one request from `address`; JSON bodies and answers. */
async function send(
  server: ServerProcess,
  address: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {}
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
  }
  const res = await sendRaw(
    server.url,
    {
      method,
      target: `/api/v1/${path}`,
      headers,
      body: options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)),
    },
    address,
  )
  const responseHeaders = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    responseHeaders.set(name, String(value))
  }
  return {
    status: res.status,
    headers: responseHeaders,
    body: JSON.parse(res.text),
    text: res.text,
  }
}

function expectRateLimited(res: ApiResponse) {
  expect(res.status, res.text).toBe(429)
  expect(res.body).toEqual({
    error: { code: 'rate_limited', message: expect.any(String), request_id: expect.any(String) },
  })
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 60).toBe(true)
}

const guessedToken = () => `tsr_${randomBytes(32).toString('base64url')}`

// One server of this file's own, on a fresh PGlite directory with a low limit: the shared
// servers allow 100,000 requests a minute, far more than a test can send.
describe('brute force', () => {
  let dataDir: string
  let server: ServerProcess
  let email: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-brute-force-'))
    email = `brute-${randomBytes(4).toString('hex')}@example.com`
    const created = await runCli([
      'users',
      'create',
      '--data',
      dataDir,
      '--email',
      email,
      '--password',
      PASSWORD,
      '--role',
      'viewer',
    ])
    expect(created.code, created.stderr).toBe(0)
    server = await startServer(['--data', dataDir, '--rate-limit', String(LIMIT)], {
      // Counters in the database, whose windows are aligned on the minute (see rate-window.ts).
      REDIS_URL: undefined,
    })
  }, SLOW)

  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** Waits, if need be, until the current window has room for a burst of requests. */
  const awaitRoom = () =>
    awaitWindowRoom(() =>
      send(server, freshClientAddress(), 'GET', 'accounts/me', { token: guessedToken() }),
    )

  it('guessing tokens from one client is refused with 429 and Retry-After past the limit', {
    timeout: SLOW,
  }, async () => {
    const guesser = freshClientAddress()
    await awaitRoom()
    const answers: ApiResponse[] = []
    for (let i = 0; i < LIMIT + 5; i++) {
      answers.push(await send(server, guesser, 'GET', 'accounts/me', { token: guessedToken() }))
    }
    expect(answers.slice(0, LIMIT).map((res) => res.status)).toEqual(Array(LIMIT).fill(401))
    for (const res of answers.slice(LIMIT)) {
      expectRateLimited(res)
    }
    // No token at all, or a route that needs none to be refused, counts the same.
    expectRateLimited(await send(server, guesser, 'GET', 'tasks'))
    // Another client is not punished for the guesser.
    const other = await send(server, freshClientAddress(), 'GET', 'accounts/me', {
      token: guessedToken(),
    })
    expect(other.status).toBe(401)
  })

  it(`sign-in attempts are limited to ${SIGN_IN_LIMIT} a minute per client, right password or not`, {
    timeout: SLOW,
  }, async () => {
    const guesser = freshClientAddress()
    await awaitRoom()
    const attempts: ApiResponse[] = []
    for (let i = 0; i < SIGN_IN_LIMIT + 2; i++) {
      attempts.push(
        await send(server, guesser, 'POST', 'auth/login', {
          body: { email, password: `guess ${i}` },
        }),
      )
    }
    expect(attempts.slice(0, SIGN_IN_LIMIT).map((res) => res.status)).toEqual(
      Array(SIGN_IN_LIMIT).fill(401),
    )
    for (const res of attempts.slice(SIGN_IN_LIMIT)) {
      expectRateLimited(res)
    }
    // Once limited, even the right password waits: otherwise the 429 would only slow guessing.
    expectRateLimited(
      await send(server, guesser, 'POST', 'auth/login', { body: { email, password: PASSWORD } }),
    )
    const elsewhere = await send(server, freshClientAddress(), 'POST', 'auth/login', {
      body: { email, password: PASSWORD },
    })
    expect(elsewhere.status, elsewhere.text).toBe(200)
  })
})
