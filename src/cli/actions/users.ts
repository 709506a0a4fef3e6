import { readOrganizationName, readPassword } from '../../config/command-settings'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import { parseEmail, parsePassword, parseRole } from '../command-flags'
import type { DatabaseOptions } from '../database-options'

/** The flags of `tessera users create`. */
export interface CreateUserFlags extends DatabaseOptions {
  email: string
  name?: string
  role?: string
  password?: string
  org?: string
}

/** `tessera users create`: a user with a password, or a new password for one. */
export async function create(flags: CreateUserFlags) {
  // Every flag is checked before the database is opened (or created).
  const email = parseEmail(flags.email, '--email')
  const role = parseRole(flags.role, 'the user')
  const password = parsePassword(readPassword(flags.password))
  const org = readOrganizationName(flags.org)
  const { user, created } = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.createUser({
      org,
      email,
      name: flags.name ?? email.split('@')[0] ?? email,
      role,
      password,
    }),
  )
  console.log(
    created
      ? `Created ${user.email} (${user.role}) in ${org}: they can sign in now.`
      : `Set a new password for ${user.email} in ${org} and signed them out everywhere.`,
  )
}
