import { join, relative } from 'node:path'

/** The local channel's socket, inside the data directory it serves. */
export function localChannelPath(dataDir: string): string {
  return join(dataDir, 'tessera.sock')
}

/**
 * The path to bind or connect to: the absolute one, or the one relative to the working
 * directory when only that fits in a socket address (about 100 bytes on Linux and macOS).
 */
export function socketAddress(path: string): string {
  const fromHere = relative(process.cwd(), path)
  return Buffer.byteLength(path) > 100 && fromHere.length < path.length ? fromHere : path
}
