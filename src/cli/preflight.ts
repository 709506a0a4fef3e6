import { createServer } from 'node:net'
import { CommandError } from './command-error'

/** The settings that choose an address, named in a refusal. */
export interface AddressSettings {
  port: string
  host: string
}

const API_ADDRESS: AddressSettings = { port: '--port', host: '--host' }

function portRefusal(
  host: string,
  port: number,
  code: string | undefined,
  names: AddressSettings,
): CommandError {
  switch (code) {
    case 'EADDRINUSE':
      return new CommandError(
        `Port ${port} on ${host} is already in use: stop whatever listens there, or choose another port with ${names.port}.`,
      )
    case 'EACCES':
    case 'EPERM':
      return new CommandError(
        `This user may not listen on port ${port}: choose a port above 1023 with ${names.port}.`,
      )
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CommandError(
        `${names.host} ${host} is not an address of this machine: give one such as 127.0.0.1, or 0.0.0.0 for every interface.`,
      )
    default:
      return new CommandError(
        `Cannot listen on ${host}:${port} (${code ?? 'unknown reason'}): choose another ${names.host} or ${names.port}.`,
      )
  }
}

/**
 * Binds the port for an instant and lets it go, so that a port in use is refused before
 * the database is opened or a data directory created, not after. Port 0 (any free port)
 * cannot be taken, and needs no check.
 */
export async function assertCanListen(
  host: string,
  port: number,
  names: AddressSettings = API_ADDRESS,
): Promise<void> {
  if (port === 0) {
    return
  }
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(portRefusal(host, port, error.code, names)),
    )
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()))
  })
}
