import { join, relative } from 'node:path'

/** The local channel's socket, inside the data directory it serves. */
export function localChannelPath(dataDir: string): string {
  return join(dataDir, 'tessera.sock')
}

/** Bytes a socket address may have: 107 on Linux, 103 on macOS (longer ones are cut short). */
const MAX_ADDRESS_BYTES = 103

/**
 * The path to bind or connect to: the absolute one, or the one relative to the working
 * directory when only that fits in a socket address.
 *
 * @throws when neither fits: Node would silently bind a truncated path
 */
export function socketAddress(path: string): string {
  for (const address of [path, relative(process.cwd(), path)]) {
    if (Buffer.byteLength(address) <= MAX_ADDRESS_BYTES) {
      return address
    }
  }
  throw new Error(`${path} is too long for a Unix socket (${MAX_ADDRESS_BYTES} bytes at most).`)
}
