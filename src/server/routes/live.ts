import type { LiveHub } from '../live/live-hub'
import { principalOf } from '../plugins/auth'
import type { Api } from '../types'

/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000

/**
 * `GET /live`: Server-Sent Events. Each change of the organization's tasks arrives as an
 * `event: tasks` with `{task_uids, types}` (task_uids is empty for large batches: refetch).
 */
export function registerLiveRoutes(api: Api, hub: LiveHub): void {
  // A stream never ends by itself, and the HTTP server waits for open connections before it
  // closes: without this a server with live clients would never finish shutting down.
  const open = new Set<{ end: () => void }>()
  api.addHook('preClose', async () => {
    for (const stream of open) {
      stream.end()
    }
  })
  api.get(
    '/live',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Live task changes (Server-Sent Events)',
        description:
          '`text/event-stream`: `event: tasks` with data `{"task_uids": [...], "types": [...]}` whenever tasks of your organization change, from any server process. Works with a bearer token or the web session cookie.',
        tags: ['live'],
      },
    },
    async (request, reply) => {
      const { orgUid } = principalOf(request)
      const out = reply.raw
      // Before the stream opens, so a client that saw it open misses no later change.
      const unsubscribe = await hub.subscribe(orgUid, (change) => {
        out.write(`event: tasks\ndata: ${JSON.stringify(change)}\n\n`)
      })
      reply.hijack()
      // The connection, not the request: a request whose (empty, chunked) body has been read
      // is destroyed by Node already, while its client still waits for the stream.
      if (out.destroyed || request.raw.socket.destroyed) {
        unsubscribe()
        return
      }
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      })
      out.write(': connected\n\n')
      const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS)
      open.add(out)
      // The response closes with the connection; the request may close as soon as it is read.
      out.on('close', () => {
        open.delete(out)
        clearInterval(heartbeat)
        unsubscribe()
      })
    },
  )
}
