import { setTimeout as sleep } from 'node:timers/promises'

/** An answer of a Tessera (or Fragment) API that is not a success, after any retries. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly url: string,
  ) {
    super(`${url} answered ${status}: ${describeBody(body)}`)
    this.name = 'ApiError'
  }
}

/** The server could not be reached at all, after the retries. */
export class ApiUnreachable extends Error {
  constructor(
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`nothing answers at ${url} (${(cause as Error)?.message ?? String(cause)})`)
    this.name = 'ApiUnreachable'
  }
}

function describeBody(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error
  return typeof error?.message === 'string' ? error.message : JSON.stringify(body)?.slice(0, 200)
}

/** What a client does with a bad moment of the server. */
export interface RetryPolicy {
  /** Attempts for a 5xx or a network failure, the first included. */
  attempts: number
  /** The first wait after a 5xx; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** How long a 429 may keep the client waiting in all, before it gives up. */
  maxRateLimitWaitMs: number
}

const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  maxRateLimitWaitMs: 10 * 60_000,
}

/** Counts of what the client lived through, for the summary. */
export interface RetryCounts {
  rateLimited: number
  retried: number
}

/**
 * A JSON client of one API base URL with a bearer token. A 429 waits as `Retry-After`
 * says (else `RateLimit-Reset`, else a second) and asks again; a 5xx or a dropped
 * connection is retried with exponential backoff and jitter. Only requests that are safe
 * to repeat are retried: a caller sending one that is not (`retry: false`) gets the
 * failure and decides, after looking, whether to send it again.
 */
export class ApiClient {
  readonly counts: RetryCounts = { rateLimited: 0, retried: 0 }
  private readonly base: string

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.base = baseUrl.replace(/\/+$/, '')
  }

  /** Sends one request and returns the parsed JSON body of a 2xx answer. */
  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; query?: Record<string, string>; retry?: boolean } = {},
  ): Promise<T> {
    const query = options.query ? `?${new URLSearchParams(options.query)}` : ''
    const url = `${this.base}/${path.replace(/^\/+/, '')}${query}`
    const retry = options.retry ?? true
    let failures = 0
    let waitedMs = 0
    for (;;) {
      let response: Response
      try {
        response = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        })
      } catch (error) {
        failures += 1
        if (!retry || failures >= this.policy.attempts) {
          throw new ApiUnreachable(url, error)
        }
        this.counts.retried += 1
        await sleep(this.backoff(failures))
        continue
      }
      const body = await readBody(response)
      if (response.ok) {
        return body as T
      }
      if (response.status === 429) {
        const wait = rateLimitWait(response.headers)
        if (waitedMs + wait > this.policy.maxRateLimitWaitMs) {
          throw new ApiError(429, body, url)
        }
        this.counts.rateLimited += 1
        waitedMs += wait
        await sleep(wait)
        continue
      }
      if (response.status >= 500 && retry) {
        failures += 1
        if (failures < this.policy.attempts) {
          this.counts.retried += 1
          const after = response.headers.get('retry-after')
          await sleep(after ? rateLimitWait(response.headers) : this.backoff(failures))
          continue
        }
      }
      throw new ApiError(response.status, body, url)
    }
  }

  private backoff(failures: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (failures - 1))
    return ceiling / 2 + Math.random() * (ceiling / 2)
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return text === '' ? null : JSON.parse(text)
  } catch {
    return text
  }
}

/** Milliseconds a 429 asks to wait: Retry-After (seconds or a date), else RateLimit-Reset. */
function rateLimitWait(headers: Headers): number {
  const after = headers.get('retry-after') ?? headers.get('ratelimit-reset')
  if (after !== null) {
    const seconds = Number(after)
    if (Number.isFinite(seconds)) {
      return Math.max(0, seconds * 1000)
    }
    const at = Date.parse(after)
    if (!Number.isNaN(at)) {
      return Math.max(0, at - Date.now())
    }
  }
  return 1000
}
