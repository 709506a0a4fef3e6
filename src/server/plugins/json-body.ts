import { Transform } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../contract/errors'
import {
  decodeUtf8,
  findUnstorableValues,
  mayHoldUnstorableValues,
  refuseJsonShape,
} from '../json-body'

const KiB = 1024
const MiB = 1024 * KiB

/** A byte count as people read it: `1 MiB`, `16 MiB`, `512 KiB`, `1000 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) {
    return `${bytes / MiB} MiB`
  }
  if (bytes >= KiB && bytes % KiB === 0) {
    return `${bytes / KiB} KiB`
  }
  return `${bytes} bytes`
}

function tooLarge(limit: number): AppError {
  return new AppError(
    'payload_too_large',
    `The request body is larger than ${formatBytes(limit)}, the limit.`,
  )
}

/**
 * Refuses a body over the route's limit with a 413 that names the limit: at once when its
 * declared length says so, or as soon as a chunked body passes it. (Fastify's own check says
 * only "too large"; it stays behind this one as a safety net.)
 */
function registerBodyLimit(app: FastifyInstance): void {
  // Callback style: this runs on every request, and most have no body to look at.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const limit = request.routeOptions.bodyLimit
    const declared = request.headers['content-length']
    if (declared !== undefined || request.headers['transfer-encoding'] === undefined) {
      done(Number(declared) > limit ? tooLarge(limit) : null, payload)
      return
    }
    // Only chunked bodies pay for the count: their length is known only as they arrive.
    let received = 0
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length
        callback(received > limit ? tooLarge(limit) : null, chunk)
      },
    })
    done(null, payload.pipe(counted))
  })
}

/**
 * An absent or empty body is read as `{}`, whatever content type came with it (`curl -X POST
 * …/player/complete`; `curl -d ''` says it is a form): where every field is optional that is
 * the whole request, and elsewhere the 422 names each field the body needs. Routes without a
 * body schema leave it undefined.
 */
function registerEmptyBody(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.routeOptions.schema?.body) {
      request.body = {}
    }
    done()
  })
}

function notJson(): AppError {
  return new AppError('unsupported_media_type', 'Send the body as application/json.')
}

/**
 * Any other content type (text/plain, a form, none at all with a chunked body) is refused
 * with a 415 unless the body is empty: clients send such headers with an empty POST (`curl
 * -d ''` says it is a form). Fastify would parse text/plain, turning a non-JSON body into a
 * confusing 422 ("body must be object").
 */
function registerOtherTypes(app: FastifyInstance): void {
  app.removeContentTypeParser(['text/plain'])
  app.addContentTypeParser('*', (request, payload, done) => {
    if (request.is404 || request.headers['content-length'] === '0') {
      done(null, undefined)
      return
    }
    if (request.headers['content-length'] !== undefined) {
      done(notJson(), undefined)
      return
    }
    // A chunked body of unknown length: empty if it ends before its first byte.
    let settled = false
    const settle = (error: Error | null) => {
      if (!settled) {
        settled = true
        payload.removeAllListeners('data')
        done(error, undefined)
      }
    }
    payload.on('data', (chunk: Buffer) => {
      if (chunk.length > 0) {
        settle(notJson())
      }
    })
    payload.on('end', () => settle(null))
    payload.on('error', (error) => settle(error))
  })
}

/**
 * JSON bodies: refused when not UTF-8, too deep or big to parse, holding prototype-polluting
 * keys (a 400, never merged into a task) or values the database cannot store. An empty body
 * is left to {@link registerEmptyBody}: Fragment's examples send `Content-Type:
 * application/json` on every request, and Python's requests adds `Content-Length: 0` to a
 * DELETE.
 */
function registerJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(['application/json'])
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if ((body as Buffer).length === 0) {
      done(null, undefined)
      return
    }
    const text = decodeUtf8(body as Buffer)
    if (text === null) {
      done(new AppError('bad_request', 'The body is not valid UTF-8.'), undefined)
      return
    }
    const shape = refuseJsonShape(text)
    if (shape) {
      done(new AppError('validation_failed', 'The body is too deep or too big to parse.', [shape]))
      return
    }
    parseJson(request, text, (error, parsed) => {
      const unstorable = error || !mayHoldUnstorableValues(text) ? [] : findUnstorableValues(parsed)
      if (unstorable.length > 0) {
        done(new AppError('validation_failed', 'The body cannot be stored as sent.', unstorable))
        return
      }
      done(error, parsed)
    })
  })
}

/** Request bodies are JSON and nothing else, within the route's size limit. */
export function registerJsonBody(app: FastifyInstance): void {
  registerBodyLimit(app)
  registerJson(app)
  registerOtherTypes(app)
  registerEmptyBody(app)
}
