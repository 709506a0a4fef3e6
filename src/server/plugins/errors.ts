import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, ERRORS, type ErrorCode, type FieldError } from '../../contract/errors'
import { isDatabaseUnavailable } from '../../store/database-unavailable'
import { toFieldErrors } from '../validation'
import { noteServerError } from './request-log'

/** Seconds a client should wait before retrying when the database is unreachable. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  fields?: FieldError[],
) {
  const body = {
    error: {
      code,
      message,
      request_id: String(request.id),
      ...(fields && fields.length > 0 ? { fields } : {}),
    },
  }
  return reply.code(ERRORS[code].status).type('application/json').send(body)
}

function fromFastifyError(error: FastifyError): { code: ErrorCode; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: 'The request body is too large.' }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'Send the body as application/json.' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'bad_request', message: 'The body is empty; send a JSON object.' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        code: 'bad_request',
        message: 'The body is not valid JSON, or has a __proto__ or constructor.prototype key.',
      }
  }
  if (error.statusCode === 429) {
    return { code: 'rate_limited', message: error.message }
  }
  if (error.statusCode === 413) {
    return { code: 'payload_too_large', message: 'The request body is too large.' }
  }
  if (error.statusCode === 415) {
    return { code: 'unsupported_media_type', message: 'Send the body as application/json.' }
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Anything else Fastify refuses before our code runs is a malformed request:
    // invalid JSON, prototype-poisoning keys, bad encodings.
    return { code: 'bad_request', message: error.message }
  }
  return null
}

function fromDatabaseError(error: { code?: string }): { code: ErrorCode; message: string } | null {
  const sqlState = error.code ?? ''
  if (sqlState === '23505') {
    return { code: 'already_exists', message: 'That already exists.' }
  }
  if (sqlState === '40001' || sqlState === '40P01') {
    return {
      code: 'version_conflict',
      message: 'A concurrent change conflicted with this one; retry.',
    }
  }
  if (sqlState.startsWith('22') || sqlState === '54001') {
    // Data exceptions (out-of-range dates, invalid text) come from values a client sent.
    return { code: 'validation_failed', message: 'A value is out of range or malformed.' }
  }
  return null
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook runs, in the one shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  // These replies skip the app's hooks, the one that sets this header included.
  reply.header('x-request-id', request.id)
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendError(reply, request, 'bad_request', 'The URL has a malformed percent-encoding.')
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // A path parameter longer than any uid names nothing, as an invalid uid does.
    return sendError(reply, request, 'not_found', 'Nothing at this path.')
  }
  request.log.error({ err: error }, 'unexpected framework error')
  return sendError(reply, request, 'internal_error', 'Something went wrong on our side.')
}

/** How long a refused connection keeps reading what the client still sends before it closes. */
const LINGER_MS = 2_000
/** Sockets already answered: Node's parser reports every later chunk as the same error. */
const answered = new WeakSet<Duplex>()

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request
 * (headers over its 16 KiB limit, a malformed request line, a request sent too slowly), in the
 * one shape rather than Fastify's own.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) {
    return
  }
  answered.add(socket)
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers_too_large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request_timeout'
        : 'bad_request'
  const requestId = randomUUID()
  const body = JSON.stringify({
    error: { code, message: ERRORS[code].description, request_id: requestId },
  })
  const status = ERRORS[code].status
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  )
  // Closing a socket with unread bytes makes the kernel reset the connection, and the reset
  // can overtake the answer: a client still sending its body would see ECONNRESET, not the
  // 431. So keep reading, and dropping, for a moment before closing (RFC 9112, section 9.6).
  socket.resume()
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

/**
 * The single place where errors become responses: every error body has one shape, and no
 * unexpected error leaks its message to the client.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendError(reply, request, error.code, error.message, error.fields)
    }
    if (error.validation && error.validationContext === 'params') {
      // A path that names no valid uid names nothing that exists.
      return sendError(reply, request, 'not_found', `Nothing at ${request.url.split('?')[0]}.`)
    }
    if (error.validation) {
      const fields = toFieldErrors(
        error.validation as Parameters<typeof toFieldErrors>[0],
        error.validationContext ?? 'body',
      )
      return sendError(reply, request, 'validation_failed', 'The request is invalid.', fields)
    }
    const known = fromFastifyError(error) ?? fromDatabaseError(error)
    if (known) {
      return sendError(reply, request, known.code, known.message)
    }
    // The database is down or restarting: not the request's fault, and worth a retry.
    if (isDatabaseUnavailable(error)) {
      noteServerError(request, error)
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
      return sendError(reply, request, 'service_unavailable', 'The database is unavailable.')
    }
    noteServerError(request, error)
    return sendError(reply, request, 'internal_error', 'Something went wrong on our side.')
  })

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request, 'not_found', `No route ${request.method} ${request.url}.`),
  )
}
