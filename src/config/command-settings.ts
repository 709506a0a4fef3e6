import { Type } from '@sinclair/typebox'
import { type Environment, readSetting } from './setting'

const ORG = {
  flag: '--org',
  env: 'TESSERA_ORG',
  schema: Type.String({ minLength: 1, description: 'an organization name' }),
}
const PASSWORD = { flag: '--password', env: 'TESSERA_PASSWORD', schema: Type.String() }

/** The organization a command acts on: --org, then TESSERA_ORG, then `default`. */
export function readOrganizationName(
  flag: string | undefined,
  env: Environment = process.env,
): string {
  return readSetting(ORG, flag, env) ?? 'default'
}

/** A password given with --password or TESSERA_PASSWORD (kept out of the shell's history). */
export function readPassword(
  flag: string | undefined,
  env: Environment = process.env,
): string | undefined {
  return readSetting(PASSWORD, flag, env)
}
