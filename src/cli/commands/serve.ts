import type { Command } from 'commander'
import type { ServeFlags } from '../../config/serve-config'
import { withDatabaseOptions } from '../database-options'

/** `tessera serve`: the API server. */
export function registerServeCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('serve')
      .description('Start the API server (an embedded PostgreSQL in ./data unless told otherwise)')
      .option('-p, --port <port>', 'port to listen on, 0 for any free one (env PORT; default 3000)')
      .option('--host <host>', 'interface to listen on (env HOST; default 127.0.0.1)')
      .option(
        '--rate-limit <n>',
        'requests per minute per token (env TESSERA_RATE_LIMIT; default 600)',
      )
      .option(
        '--log-format <format>',
        'pretty (sentences) or json (env TESSERA_LOG_FORMAT; default: pretty on a terminal)',
      )
      .option(
        '--secret-key-file <path>',
        'the keys that seal secrets at rest (env TESSERA_SECRET_KEY_FILE, or the keys in TESSERA_SECRET_KEY; default: the data directory makes its own)',
      ),
  ).action(async (flags: ServeFlags) => (await import('../actions/serve')).serve(flags))
}
