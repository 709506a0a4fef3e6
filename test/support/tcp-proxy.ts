import { createServer, type Socket, connect as tcpConnect } from 'node:net'

/** A TCP proxy in front of a server, whose link a test can turn into a black hole. */
export interface TcpProxy {
  port: number
  /**
   * From now on nothing gets through, and nothing is refused either: open connections stop
   * carrying bytes, new ones are accepted and never answered. A network partition, or a
   * server frozen solid, as a client sees it.
   */
  blackHole: () => void
  /** The partition ends: connections that lived through it are reset, new ones get through. */
  restore: () => void
  close: () => Promise<void>
}

/** Listens on a free port of 127.0.0.1 and forwards each connection to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let holed = false
  const open = new Set<Socket>()
  const track = (socket: Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
    // A reset from either side is the expected end of a proxied connection.
    socket.on('error', () => {})
  }
  const server = createServer((client) => {
    track(client)
    if (holed) {
      return
    }
    const upstream = tcpConnect(target.port, target.host)
    track(upstream)
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!holed) {
          to.write(chunk)
        }
      })
      from.on('close', () => to.destroy())
    }
    forward(client, upstream)
    forward(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') {
    throw new Error('the proxy has no port')
  }
  return {
    port: address.port,
    blackHole: () => {
      holed = true
    },
    restore: () => {
      holed = false
      for (const socket of open) {
        socket.resetAndDestroy()
      }
    },
    close: async () => {
      for (const socket of open) {
        socket.destroy()
      }
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
