import { fullFormats } from 'ajv-formats/dist/formats'
import { oneOf, readSetting } from '../config/setting'
import { ROLES } from '../contract/common'
import { MIN_PASSWORD_LENGTH } from '../contract/users'
import type { Role } from '../core/auth/roles'
import { CommandError } from './command-error'

// The API's own check (ajv-formats' full email format), so the CLI accepts what it accepts.
const EMAIL = fullFormats.email as RegExp
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The role a command was given. There is no default: giving someone super_admin by
 * omission is the one mistake this flag must not make.
 */
export function parseRole(value: string | undefined, who: string): Role {
  // A wrong value is refused inside readSetting, naming the roles too.
  const role = readSetting({ flag: '--role', schema: oneOf(ROLES) }, value, {})
  if (role === undefined) {
    throw new CommandError(`Give ${who} a role with --role: one of ${ROLES.join(', ')}.`)
  }
  return role
}

/** An email address, as the API would take it. */
export function parseEmail(value: string, flag: string): string {
  if (!EMAIL.test(value)) {
    throw new CommandError(
      `${flag} ${value} is not an email address: give one like ana@example.com.`,
    )
  }
  return value
}

/** A password long enough to be one, with the minimum said in the refusal. */
export function parsePassword(value: string | undefined): string {
  if (value === undefined) {
    throw new CommandError(
      `Give the password with --password or the TESSERA_PASSWORD environment variable (at least ${MIN_PASSWORD_LENGTH} characters).`,
    )
  }
  if ([...value].length < MIN_PASSWORD_LENGTH) {
    throw new CommandError(
      `The password is too short: give at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
  }
  return value
}

/** A token uid, checked before any database sees it. */
export function parseTokenUid(value: string): string {
  if (!UUID.test(value)) {
    throw new CommandError(
      `${value} is not a token uid (they look like 0b5e8c1a-…): find it with tessera tokens list.`,
    )
  }
  return value.toLowerCase()
}
