import { Command } from 'commander'
import { registerBackupCommand } from './commands/backup'
import { registerImportCommand } from './commands/import'
import { registerKeysCommand } from './commands/keys'
import { registerMigrateCommand } from './commands/migrate'
import { registerRestoreCommand } from './commands/restore'
import { registerServeCommand } from './commands/serve'
import { registerTokensCommand } from './commands/tokens'
import { registerUsersCommand } from './commands/users'
import { describeFailure } from './describe-failure'

const program = new Command()
  .name('tessera')
  .description('Tessera: a self-hostable task platform with a Fragment-compatible API')
  // commander's own refusals (an unknown option, a missing argument) as one line of ours,
  // pointing at the help rather than printing all of it.
  .configureOutput({
    outputError: (message, write) =>
      write(
        `tessera: ${message
          .replace(/^error: /, '')
          .trim()
          .replace(/\.$/, '')}; see --help.\n`,
      ),
  })

registerServeCommand(program)
registerTokensCommand(program)
registerUsersCommand(program)
registerMigrateCommand(program)
registerBackupCommand(program)
registerRestoreCommand(program)
registerImportCommand(program)
registerKeysCommand(program)

program.parseAsync().catch((error: unknown) => {
  const sentence = describeFailure(error)
  console.error(`tessera: ${sentence}`)
  // A bug is worth its stack trace, for the report the sentence asks for.
  if (sentence.startsWith('Unexpected failure') && error instanceof Error) {
    console.error(error.stack)
  }
  process.exit(1)
})
