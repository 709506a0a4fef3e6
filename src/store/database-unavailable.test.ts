import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable, isQueryTimeout } from './database-unavailable'

const withCode = (code: string, message = 'whatever the server says') =>
  Object.assign(new Error(message), { code })

describe('isDatabaseUnavailable', () => {
  it('recognises connection exceptions, shutdowns and a full server by SQLSTATE', () => {
    for (const code of ['08006', '08001', '57P01', '57P02', '57P03', '53300']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true)
    }
  })

  it('recognises a server that cannot be reached by the socket error code', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true)
    }
  })

  it("recognises the pool's and the client's own errors, which carry no code", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Query read timeout',
    ]) {
      expect(isDatabaseUnavailable(new Error(message)), message).toBe(true)
    }
  })

  it('does not take a statement error for an outage, whatever its message says', () => {
    expect(isDatabaseUnavailable(withCode('23505', 'Connection terminated'))).toBe(false)
    expect(isDatabaseUnavailable(withCode('22P02'))).toBe(false)
    expect(isDatabaseUnavailable(new Error('the Connection terminated column is wrong'))).toBe(
      false,
    )
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false)
  })
})

describe('isQueryTimeout', () => {
  it("is pg's query_timeout error and nothing else", () => {
    expect(isQueryTimeout(new Error('Query read timeout'))).toBe(true)
    expect(isQueryTimeout(withCode('57014', 'Query read timeout'))).toBe(false)
    expect(isQueryTimeout(new Error('Connection terminated'))).toBe(false)
  })
})
