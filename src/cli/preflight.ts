import { createServer } from 'node:net'
import { CommandError } from './command-error'

function portRefusal(host: string, port: number, code: string | undefined): CommandError {
  switch (code) {
    case 'EADDRINUSE':
      return new CommandError(
        `Port ${port} on ${host} is already in use: stop whatever listens there, or choose another port with --port.`,
      )
    case 'EACCES':
    case 'EPERM':
      return new CommandError(
        `This user may not listen on port ${port}: choose a port above 1023 with --port.`,
      )
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CommandError(
        `--host ${host} is not an address of this machine: give one such as 127.0.0.1, or 0.0.0.0 for every interface.`,
      )
    default:
      return new CommandError(
        `Cannot listen on ${host}:${port} (${code ?? 'unknown reason'}): choose another --host or --port.`,
      )
  }
}

/**
 * Binds the port for an instant and lets it go, so that a port in use is refused before
 * the database is opened or a data directory created, not after. Port 0 (any free port)
 * cannot be taken, and needs no check.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) {
    return
  }
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(portRefusal(host, port, error.code)),
    )
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()))
  })
}
