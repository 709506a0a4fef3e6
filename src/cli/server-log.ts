import type { DestinationStream } from 'pino'
import { build as prettyStream } from 'pino-pretty'
import type { ServeConfig } from '../config/serve-config'
import { turnBufferedStdout } from './log-destination'

/** One log record as pino-pretty hands it to the formatter. */
type LogRecord = Record<string, unknown>

/** Fields every record carries that a reader at a terminal does not need. */
const PLUMBING = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err'])

function details(log: LogRecord): string {
  const rest = Object.entries(log).filter(([key]) => !PLUMBING.has(key))
  return rest.length === 0
    ? ''
    : ` (${rest.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ')})`
}

/** A record as a line a person reads: the start-up records as sentences, the rest compact. */
function sentence(log: LogRecord): string {
  const text = String(log.msg ?? '')
  const lines = (() => {
    switch (text) {
      case 'listening':
        return [
          `Tessera is listening on ${log.url}: the web app at ${log.url}/, the API at ${log.url}/api/v1 (docs: ${log.url}/api/v1/docs).`,
          log.dataDir
            ? `Its data is in ${log.dataDir} (${log.engine === 'pglite' ? 'PGlite' : 'the embedded PostgreSQL'}).`
            : `Its data is in the PostgreSQL database ${log.database}.`,
        ]
      case 'no credentials yet':
        return [
          'Nobody can sign in yet. Create the first API token (this also creates the organization and its super admin):',
          `    ${log.tokenCommand}`,
          'or the first super admin of the web app:',
          `    ${log.userCommand}`,
        ]
      case 'metrics listening':
        return [`Prometheus metrics are at ${log.url}.`]
      case 'request':
        return [`${log.method} ${log.route} ${log.status} in ${log.latency_ms} ms`]
      default:
        return [`${text}${details(log)}`]
    }
  })()
  const err = log.err as { stack?: string } | undefined
  return [...lines, ...(err?.stack ? [err.stack] : [])].join('\n')
}

/**
 * Fields no log line may carry, wherever they sit one level down (`{ webhook: { secret } }`):
 * secrets, sealed or not, the key ring (`keys`, whose entries hold the raw keys), passwords
 * and credentials in request headers. Nothing logs them today; this keeps a careless
 * `log.info({ ...record })` from doing so tomorrow.
 */
export const REDACTED_LOG_PATHS = [
  'secret',
  '*.secret',
  'secret_sealed',
  '*.secret_sealed',
  'client_secret',
  '*.client_secret',
  'keys',
  '*.keys',
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
]

/** pino options for Fastify and the start-up logger: readable sentences or JSON lines. */
export interface ServerLogOptions {
  level: string
  stream?: DestinationStream
  redact: { paths: string[]; censor: string }
}

const REDACT = { paths: REDACTED_LOG_PATHS, censor: '[redacted]' }

/**
 * Where the server's log goes: JSON lines on stdout (for machines, and whenever stdout is
 * not a terminal), or sentences a person reads, through pino-pretty run synchronously in
 * this process rather than in a transport's worker thread.
 */
export function serverLogOptions(log: ServeConfig['log'], colorize: boolean): ServerLogOptions {
  if (log.format === 'json') {
    return { level: log.level, redact: REDACT, stream: turnBufferedStdout() }
  }
  return {
    level: log.level,
    redact: REDACT,
    stream: prettyStream({
      colorize,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      hideObject: true,
      messageFormat: (record) => sentence(record as LogRecord),
    }),
  }
}
