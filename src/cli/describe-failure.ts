import { AppError } from '../contract/errors'

/** The JavaScript errors that mean a bug of ours, never something the user did. */
const PROGRAMMING_ERRORS = new Set([
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'AggregateError',
])

interface SystemError extends Error {
  code?: string
  syscall?: string
  path?: string
  address?: string
  port?: number
  hostname?: string
}

/** An operating-system error (errno), said in words with what to do. */
function describeSystemError(error: SystemError): string | null {
  const address = error.port === undefined ? error.address : `${error.address}:${error.port}`
  const where = error.path ?? address
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied on ${where ?? 'a file'}: run as a user who may write there, or choose another folder (--data, --out).`
    case 'EROFS':
      return `${where ?? 'The folder'} is on a read-only file system: choose another folder (--data, --out).`
    case 'ENOSPC':
      return `The disk holding ${where ?? 'the data'} is full: free some space, then run the command again.`
    case 'ENOENT':
      return `${where ?? 'A file'} does not exist: check the path.`
    case 'ENOTDIR':
      return `${where ?? 'A path'} goes through a file where a folder should be: check the path.`
    case 'EADDRINUSE':
      return `${where ?? 'The port'} is already in use: choose another port with --port.`
    case 'ECONNREFUSED':
      return `Nothing answers at ${where ?? 'the database address'}: start PostgreSQL there, or check --database-url.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host ${error.hostname ?? ''} is unknown: check the host in --database-url.`
    case 'ETIMEDOUT':
      return `${where ?? 'The database'} did not answer in time: check that it is reachable, or the host in --database-url.`
    default:
      return null
  }
}

/** PostgreSQL's refusals a user can act on, by SQLSTATE (the driver's text stays out). */
function describeSqlState(code: string): string {
  switch (code) {
    case '28P01':
    case '28000':
      return 'PostgreSQL refused the user or password: check them in --database-url.'
    case '3D000':
      return 'That PostgreSQL database does not exist: create it (createdb NAME), or fix its name in --database-url.'
    case '42501':
      return "The PostgreSQL user may not do this: grant it rights on the database (it needs to create tables), or use the database's owner."
    case '53300':
      return 'PostgreSQL has no connection left: close some, or raise max_connections.'
    case '57P03':
      return 'PostgreSQL is still starting: run the command again in a moment.'
    default:
      return `The database refused the command (SQLSTATE ${code}): its log says why.`
  }
}

function isSqlState(code: unknown): code is string {
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
}

/**
 * The one sentence a failed command prints: our own errors already are one (they say what
 * to do); operating-system and database errors are put in words; anything else is a bug,
 * said as such.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) {
    return `Unexpected failure (${String(error)}): please report it, with the command you ran.`
  }
  if (error instanceof AppError) {
    // A use case's refusal: its message, and each wrong field ("--password must have …").
    const fields = error.fields.map((field) => `${field.path} ${field.message}`).join('; ')
    return fields ? `${error.message.replace(/\.$/, '')}: ${fields}.` : error.message
  }
  const system = error as SystemError
  if (system.code !== undefined && system.syscall !== undefined) {
    const described = describeSystemError(system)
    if (described) {
      return described
    }
  }
  if ('severity' in error && isSqlState(system.code)) {
    return describeSqlState(system.code)
  }
  if (system.code !== undefined || PROGRAMMING_ERRORS.has(error.name)) {
    return `Unexpected failure (${error.name}${system.code ? ` ${system.code}` : ''}: ${error.message}): please report it, with the command you ran.`
  }
  return error.message
}
