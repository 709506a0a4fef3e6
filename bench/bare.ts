import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FLOOR_DATABASE_ENV, type FloorDatabase } from './bare-routes'

const HERE = dirname(fileURLToPath(import.meta.url))

/** A running bare Fastify server (see bare-server.ts). */
export interface BareServer {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * Starts the floor server in its own process and waits for its URL: the bare HTTP floor, or
 * with `database` the HTTP + SQL floor.
 */
export async function startBareServer(database?: FloorDatabase): Promise<BareServer> {
  const env = database
    ? { ...process.env, [FLOOR_DATABASE_ENV]: JSON.stringify(database) }
    : process.env
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'bare-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n')[0]
      if (output.includes('\n') && line) {
        resolve(line.trim())
      }
    })
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
