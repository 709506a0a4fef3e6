import type { DestinationStream } from 'pino'
import { build as prettyStream } from 'pino-pretty'
import type { ServeConfig } from '../config/serve-config'
import { batchedStdout } from './log-destination'
import { BINDING_REDACT_PATHS, LOG_CENSOR, redactSecrets } from './log-redaction'

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

/** pino options for Fastify and the start-up logger: readable sentences or JSON lines. */
export interface ServerLogOptions {
  level: string
  stream?: DestinationStream
  formatters: { log: typeof redactSecrets }
  redact: { paths: string[]; censor: string }
}

/** Every log line loses its secrets (log-redaction.ts)… */
const FORMATTERS = { log: redactSecrets }
/** …and so do the bindings of child loggers, which pino does not pass to `formatters.log`. */
const REDACT = { paths: [...BINDING_REDACT_PATHS], censor: LOG_CENSOR }

/**
 * Where the server's log goes: JSON lines on stdout (for machines, and whenever stdout is
 * not a terminal), or sentences a person reads, through pino-pretty run synchronously in
 * this process rather than in a transport's worker thread.
 */
export function serverLogOptions(log: ServeConfig['log'], colorize: boolean): ServerLogOptions {
  if (log.format === 'json') {
    return { level: log.level, formatters: FORMATTERS, redact: REDACT, stream: batchedStdout() }
  }
  return {
    level: log.level,
    formatters: FORMATTERS,
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
