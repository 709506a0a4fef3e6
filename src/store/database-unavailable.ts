/**
 * SQLSTATEs of a server that is down, restarting or full: 57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections. Class 08 (connection
 * exceptions) is matched by its prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

/** Node's socket errors when the server cannot be reached or drops the connection. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])

/** pg's `query_timeout` firing: the query's connection is lost to us (pg lib/client.js). */
const QUERY_READ_TIMEOUT = 'Query read timeout'

/**
 * The errors pg and pg-pool raise themselves when a connection ends, cannot be made in time
 * or stops answering (pg 8: lib/client.js; pg-pool: index.js). They are plain `Error`s with
 * no code, so their exact texts are the only identity they have; they are kept here, beside
 * the driver, and compared whole, never searched for.
 */
const DRIVER_UNAVAILABLE_ERRORS = new Set([
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  QUERY_READ_TIMEOUT,
])

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** Whether a query gave up waiting for its answer (pg's `query_timeout`). */
export function isQueryTimeout(error: unknown): error is Error {
  return error instanceof Error && error.message === QUERY_READ_TIMEOUT && codeOf(error) === ''
}

/**
 * Whether `error` says the database is unreachable, down or refusing connections (rather
 * than that the statement was wrong): the request may succeed if retried later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error)
  if (code !== '') {
    return (
      code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)
    )
  }
  return error instanceof Error && DRIVER_UNAVAILABLE_ERRORS.has(error.message)
}
