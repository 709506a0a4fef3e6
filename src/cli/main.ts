import { Command } from 'commander'
import { registerBackupCommand } from './commands/backup'
import { registerMigrateCommand } from './commands/migrate'
import { registerRestoreCommand } from './commands/restore'
import { registerServeCommand } from './commands/serve'
import { registerTokensCommand } from './commands/tokens'
import { registerUsersCommand } from './commands/users'

const program = new Command()
  .name('tessera')
  .description('Tessera: a self-hostable task platform with a Fragment-compatible API')
  .showHelpAfterError()

registerServeCommand(program)
registerTokensCommand(program)
registerUsersCommand(program)
registerMigrateCommand(program)
registerBackupCommand(program)
registerRestoreCommand(program)

program.parseAsync().catch((error: unknown) => {
  console.error(`tessera: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
