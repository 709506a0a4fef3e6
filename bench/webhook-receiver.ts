import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A receiver that answers 200 at once and notes when each task's creation arrived. */
export function startHealthy(): Promise<{
  url: string
  arrived: Map<string, number>
  close(): void
}> {
  const arrived = new Map<string, number>()
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const at = performance.now()
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      if (payload.type === 'task.created' && !arrived.has(payload.data.task.uid)) {
        arrived.set(payload.data.task.uid, at)
      }
      res.writeHead(200).end('ok')
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        arrived,
        close: () => {
          server.closeAllConnections()
          server.close()
        },
      }),
    ),
  )
}
