import type { Command } from 'commander'
import { withDatabaseOptions } from '../database-options'

const KEY_FILE_HELP =
  'a file of keys, one a line, the first sealing (env TESSERA_SECRET_KEY_FILE; or the keys in TESSERA_SECRET_KEY; default: the data directory’s secret.key)'

const ROTATE_HELP = `
Seals every secret at rest (webhook signing secrets) again with the first key of the ring,
so that the keys after it can be dropped. To change keys:

  1. tessera keys generate                  prints a new key
  2. give every server the new key first, then the old one, and restart them:
       TESSERA_SECRET_KEY=NEW,OLD  (or both lines in the key file, the new one first)
     they now seal with the new key and still open what the old one sealed
  3. tessera keys rotate                    with the same keys: re-seals what the old key sealed
  4. drop the old key from the servers' keys and restart them

It runs while the servers run (on PGlite, whose data directory one process holds, stop the
server first). It is safe to run again after an interruption; it changes nothing when the
keys given cannot open every sealed secret.
`

/** The commands' code, loaded only when one runs: `--help` never pays for it. */
const load = () => import('../actions/keys')

/** `tessera keys generate|rotate`: the keys that seal secrets at rest. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Keys that seal secrets at rest')
  keys
    .command('generate')
    .description('Print a new secret key (32 random bytes in base64) for TESSERA_SECRET_KEY')
    .action(async () => (await load()).generate())
  withDatabaseOptions(
    keys
      .command('rotate')
      .description('Seal every secret at rest again with the first key (see --help)')
      .option('--secret-key-file <path>', KEY_FILE_HELP)
      .addHelpText('after', ROTATE_HELP),
  ).action(async (flags) => (await load()).rotate(flags))
}
