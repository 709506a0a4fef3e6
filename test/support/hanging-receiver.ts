import { createServer, type Socket } from 'node:net'

/**
 * A webhook receiver that accepts connections and never answers: a dead endpoint whose
 * attempts only end when the sender gives up. It counts the connections it was sent and
 * holds open, so a test or benchmark can check the dead endpoint's share of the sender.
 */
export function hangingReceiver() {
  const open = new Set<Socket>()
  let total = 0
  const server = createServer((socket) => {
    total++
    open.add(socket)
    socket.on('close', () => open.delete(socket))
    socket.on('error', () => {})
  })
  return {
    server,
    open,
    total: () => total,
    /** Drops the connections it holds (their attempts fail at once). */
    stop: () => {
      for (const socket of open) {
        socket.destroy()
      }
    },
  }
}
