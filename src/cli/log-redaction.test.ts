import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { LOG_CENSOR, redactSecrets } from './log-redaction'
import { serverLogOptions } from './server-log'

describe('redactSecrets', () => {
  it('censors secrets at the top of a record and one level down', () => {
    expect(
      redactSecrets({
        msg: 'saved',
        password: 'hunter2',
        webhook: { uid: 'w1', secret: 's3cr3t', secret_sealed: 'v1:abc' },
        sso: { client_secret: 'c', issuer: 'https://idp' },
        ring: { keys: ['k1'] },
      }),
    ).toEqual({
      msg: 'saved',
      password: LOG_CENSOR,
      webhook: { uid: 'w1', secret: LOG_CENSOR, secret_sealed: LOG_CENSOR },
      sso: { client_secret: LOG_CENSOR, issuer: 'https://idp' },
      ring: { keys: LOG_CENSOR },
    })
  })

  it('censors credential headers, of a request or on their own', () => {
    expect(
      redactSecrets({
        req: {
          method: 'GET',
          headers: { authorization: 'Bearer tsr_x', cookie: 'a=b', host: 'h' },
        },
        headers: { authorization: 'Bearer tsr_y', accept: '*/*' },
      }),
    ).toEqual({
      req: { method: 'GET', headers: { authorization: LOG_CENSOR, cookie: LOG_CENSOR, host: 'h' } },
      headers: { authorization: LOG_CENSOR, accept: '*/*' },
    })
  })

  it('answers a record without secrets as it is, and never changes the one it was given', () => {
    const clean = { method: 'GET', route: '/api/v1/tasks/:uid', status: 200, nested: { a: 1 } }
    expect(redactSecrets(clean)).toBe(clean)
    const given = { webhook: { secret: 's' }, headers: { authorization: 'Bearer t' } }
    const redacted = redactSecrets(given)
    expect(redacted).not.toBe(given)
    expect(given).toEqual({ webhook: { secret: 's' }, headers: { authorization: 'Bearer t' } })
  })

  it('keeps an error an error, with its message and stack', () => {
    const error = Object.assign(new Error('delivery failed'), { password: 'p', status: 500 })
    const redacted = redactSecrets({ err: error }).err as Error & Record<string, unknown>
    expect(redacted).toBeInstanceOf(Error)
    expect(redacted.message).toBe('delivery failed')
    expect(redacted.stack).toBe(error.stack)
    expect(redacted.password).toBe(LOG_CENSOR)
    expect(redacted.status).toBe(500)
    expect(error.password).toBe('p')
  })

  it('leaves lists and buffers alone, and looks no deeper than one level', () => {
    const record = {
      items: [{ secret: 'a' }],
      body: Buffer.from('password'),
      deep: { webhook: { secret: 'b' } },
    }
    expect(redactSecrets(record)).toBe(record)
  })
})

describe("the server's log", () => {
  /** A logger with the server's options for `format`, writing into the returned lines. */
  function serverLogger(format: 'json' | 'pretty') {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const { stream: _stdout, ...options } = serverLogOptions({ format, level: 'info' }, false)
    return { log: pino(options, sink), lines }
  }

  it.each(['json', 'pretty'] as const)(
    'carries no secret, in a line or in what a logger is bound to (%s)',
    (format) => {
      const { log, lines } = serverLogger(format)
      log.info({ webhook: { url: 'https://x', secret: 'line-secret' } }, 'saved')
      const child = log.child({ password: 'bound-password', req: { headers: { cookie: 'c=1' } } })
      child.info({ headers: { authorization: 'Bearer tsr_line' } }, 'called')
      const text = lines.join('')
      for (const secret of ['line-secret', 'bound-password', 'c=1', 'tsr_line']) {
        expect(text).not.toContain(secret)
      }
      expect(text).toContain('https://x')
      if (format === 'json') {
        const [saved, called] = lines.map((line) => JSON.parse(line))
        expect(saved.webhook).toEqual({ url: 'https://x', secret: LOG_CENSOR })
        expect(called.password).toBe(LOG_CENSOR)
        expect(called.headers.authorization).toBe(LOG_CENSOR)
      }
    },
  )
})
