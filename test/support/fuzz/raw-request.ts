import { type IncomingHttpHeaders, request } from 'node:http'

/** A request exactly as it goes on the wire, percent-encoding mistakes included. */
export interface RawRequest {
  method: string
  /** Path and query string as written on the request line. */
  target: string
  /** A list value sends the header once per item. */
  headers: Record<string, string | string[]>
  body?: Buffer
}

/** What came back. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** The answer was an event stream, cut off once its headers arrived. */
  isStream: boolean
}

/** Longest wait for an answer: a hang is a failure, reported with the request. */
const ANSWER_TIMEOUT_MS = 60_000

/** How long a retried request waits for an answer to its headers before sending its body. */
const HEADERS_FIRST_MS = 1000

/**
 * Sends one request on a connection of its own, from `localAddress` (any 127.x.y.z: the
 * server's per-IP counters then see a client of the test's choosing).
 *
 * A server may refuse a request from its headers (no token, a declared body over the limit)
 * and close the connection while the body is still being written: the write then fails
 * (EPIPE, ECONNRESET) and Node drops the answer already on its way. Such a request is sent
 * again with its body held back until the answer comes (or a second passes): the server read
 * none of the first one's body, so it acted on nothing.
 */
export async function sendRaw(
  baseUrl: string,
  raw: RawRequest,
  localAddress = '127.0.0.1',
): Promise<RawResponse> {
  try {
    return await sendOnce(baseUrl, raw, localAddress, false)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (raw.body && (code === 'EPIPE' || code === 'ECONNRESET')) {
      return sendOnce(baseUrl, raw, localAddress, true)
    }
    throw error
  }
}

function sendOnce(
  baseUrl: string,
  raw: RawRequest,
  localAddress: string,
  headersFirst: boolean,
): Promise<RawResponse> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      method: raw.method,
      path: raw.target,
      headers: raw.body
        ? { ...raw.headers, 'content-length': String(raw.body.length) }
        : raw.headers,
      localAddress,
      agent: false,
    })
    let answered = false
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer in ${ANSWER_TIMEOUT_MS} ms`))
    }, ANSWER_TIMEOUT_MS)
    req.once('response', (res) => {
      answered = true
      if (/text\/event-stream/.test(res.headers['content-type'] ?? '')) {
        clearTimeout(timer)
        res.destroy()
        req.destroy()
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', isStream: true })
        return
      }
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('end', () => {
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          isStream: false,
        })
      })
      res.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
    req.once('error', (error: Error & { code?: string }) => {
      // A server may answer a refused body before reading it all and close the connection:
      // the answer is what counts, the write error that follows is not.
      if (!answered) {
        clearTimeout(timer)
        reject(error)
      }
    })
    if (!headersFirst) {
      req.end(raw.body)
      return
    }
    req.flushHeaders()
    setTimeout(() => {
      if (!answered && !req.destroyed) {
        req.end(raw.body)
      }
    }, HEADERS_FIRST_MS).unref()
  })
}
