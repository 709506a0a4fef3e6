import { request } from 'node:http'
import type { ApiResponse } from './api-client'

/**
 * POSTs a JSON request that declares a body of `contentLength` bytes and waits for the answer
 * before sending any of it. A server that refuses the size from the header alone answers at
 * once; streaming 16 MiB instead races the server closing the connection (EPIPE), and the
 * client may never read the answer.
 */
export function postDeclaringLength(
  baseUrl: string,
  path: string,
  token: string,
  contentLength: number,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(contentLength),
      },
    })
    req.once('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      res.once('end', () => {
        req.destroy()
        const headers = new Headers()
        for (const [key, value] of Object.entries(res.headers)) {
          headers.set(key, String(value))
        }
        resolve({ status: res.statusCode ?? 0, headers, body: JSON.parse(text), text })
      })
    })
    req.once('error', reject)
    req.flushHeaders()
  })
}
