import { request } from 'node:http'
import { CommandError } from '../command-error'
import type { CommandOperations } from './operations'
import type { LocalRoute } from './server'
import { socketAddress } from './socket-path'

/** Commands wait this long for the server: a backup of a large directory takes minutes. */
const TIMEOUT_MS = 30 * 60_000

function post(socketPath: string, route: LocalRoute, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        socketPath: socketAddress(socketPath),
        path: route,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () => {
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            reject(new CommandError('The running server gave an answer this command cannot read.'))
            return
          }
          const error = (parsed as { error?: { message?: string } }).error
          if (response.statusCode === 200) {
            resolve(parsed)
          } else {
            reject(new CommandError(error?.message ?? 'The running server refused the command.'))
          }
        })
      },
    )
    sent.on('timeout', () => sent.destroy(new Error('timeout')))
    sent.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          `The server holding the data directory does not answer on ${socketPath} (${error.code ?? error.message}): check that it still runs, or stop it, then run this command again.`,
        ),
      ),
    )
    sent.end(JSON.stringify(body))
  })
}

/**
 * The commands' operations, asked of the server that holds the data directory over its
 * local channel (./server.ts), which runs them on its own database.
 */
export function channelOperations(socketPath: string): CommandOperations {
  // The server returns exactly what the operation returned, as JSON: the types hold.
  const call = <T>(route: LocalRoute, body: unknown = {}) =>
    post(socketPath, route, body) as Promise<T>
  return {
    issueToken: (input) => call('/local/tokens/create', input),
    listTokens: (input) => call('/local/tokens/list', input),
    revokeToken: (input) => call('/local/tokens/revoke', input),
    createUser: (input) => call('/local/users/create', input),
    backup: (input) => call('/local/backup', input),
    migrate: () => call('/local/migrate'),
  }
}
