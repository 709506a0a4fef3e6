import { chmodSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { FastifyBaseLogger } from 'fastify'
import { ROLES } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { CommandError } from '../command-error'
import { describeFailure } from '../describe-failure'
import type { CommandOperations } from './operations'
import { localChannelPath, socketAddress } from './socket-path'

const Text = Type.String({ minLength: 1 })
const Role = Type.Union(ROLES.map((role) => Type.Literal(role)))
const Uid = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
})

/** One route per command: what its body must hold, and which operation it runs. */
function route<S extends TSchema>(
  input: S,
  run: (ops: CommandOperations, body: Static<S>) => Promise<unknown>,
) {
  return { input, run: run as (ops: CommandOperations, body: unknown) => Promise<unknown> }
}

/** The routes of the local channel, named after the commands they serve. */
export const LOCAL_ROUTES = {
  '/local/tokens/create': route(
    Type.Object({ org: Text, name: Text, role: Role, userEmail: Type.Optional(Text) }),
    (ops, body) => ops.issueToken(body),
  ),
  '/local/tokens/list': route(Type.Object({ org: Text }), (ops, body) => ops.listTokens(body)),
  '/local/tokens/revoke': route(Type.Object({ org: Text, uid: Uid }), (ops, body) =>
    ops.revokeToken(body),
  ),
  '/local/users/create': route(
    Type.Object({ org: Text, email: Text, name: Text, role: Role, password: Type.String() }),
    (ops, body) => ops.createUser(body),
  ),
  '/local/backup': route(Type.Object({ out: Text }), (ops, body) => ops.backup(body)),
  '/local/migrate': route(Type.Object({}), (ops) => ops.migrate()),
} as const

/** The path of a route, as the client names it. */
export type LocalRoute = keyof typeof LOCAL_ROUTES

/** Bodies are a few hundred bytes; anything much larger is not from our CLI. */
const MAX_BODY_BYTES = 64 * 1024

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of request) {
    text += chunk
    if (text.length > MAX_BODY_BYTES) {
      throw new CommandError('The request to the local channel is too large.')
    }
  }
  try {
    return JSON.parse(text || '{}')
  } catch {
    throw new CommandError('The request to the local channel is not JSON.')
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** An expected refusal, whose sentence the command prints as it is. */
function isRefusal(error: unknown): error is Error {
  return error instanceof CommandError || error instanceof AppError
}

/** A running local channel. */
export interface LocalChannel {
  path: string
  close(): Promise<void>
}

/**
 * Serves the CLI's commands for a running server, on a Unix socket in its data directory
 * that only the same OS user may open (mode 0600): PGlite has one process per directory,
 * so while the server runs, `tessera tokens revoke` and the others ask it instead. The
 * socket is separate from the public API and carries no token: reaching it at all is the
 * proof of being the directory's owner. `ops` are the server's own (./operations.ts).
 */
export async function startLocalChannel(
  ops: CommandOperations,
  dataDir: string,
  log: Pick<FastifyBaseLogger, 'error'>,
): Promise<LocalChannel> {
  const path = localChannelPath(dataDir)
  const server = createServer((request, response) => {
    const handler = LOCAL_ROUTES[request.url as LocalRoute]
    if (request.method !== 'POST' || !handler) {
      send(response, 404, { error: { message: `No ${request.method} ${request.url} here.` } })
      return
    }
    readJson(request)
      .then(async (body) => {
        if (!Value.Check(handler.input, body)) {
          throw new CommandError(`The request to ${request.url} is not one this server reads.`)
        }
        send(response, 200, await handler.run(ops, body))
      })
      .catch((error: unknown) => {
        if (isRefusal(error)) {
          send(response, 400, { error: { message: describeFailure(error) } })
          return
        }
        log.error({ err: error, route: request.url }, 'local channel request failed')
        send(response, 500, { error: { message: 'The server failed: its log says why.' } })
      })
  })
  // Whoever held the directory before us is gone (we hold its lock): its socket is stale.
  rmSync(path, { force: true })
  // Bound with no permission for anyone else, then made 0600 explicitly: the socket is
  // never reachable by another user, not even for the instant between bind and chmod.
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve()
    })
  })
  // Node binds a Unix socket synchronously inside listen(): the umask covers just that.
  const umask = process.umask(0o177)
  try {
    server.listen(socketAddress(path))
  } finally {
    process.umask(umask)
  }
  await listening
  chmodSync(path, 0o600)
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(path, { force: true })
    },
  }
}
